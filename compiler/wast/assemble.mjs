// Assembles component (and core module) text for wacc-wast in one node
// process: reads a JSON array of WAT texts on stdin, writes one line per
// text to stdout, "ok <base64 binary>" or "error <message on one line>".
// Usage: node assemble.mjs <path to jco's node_modules>
//
// The `cancellable` immediate
// ---------------------------
// WebAssembly/component-model#716 removed `cancellable` from
// waitable-set.wait/poll and the thread.* switching built-ins: the text
// format no longer has the word, and the binary keeps the immediate's byte
// but requires it to be 0. jco's wasm-tools follows #716, so it rejects the
// suites' tests written before it (component-model's async/cancellable,
// Wasmtime's async/stackful and async/task-deletion). No spelling produces
// the old binary, so such a text is assembled without the word and the
// byte (canon opcode, then 0x00) is set back to 0x01 in the binary: the
// canon definitions that take the byte appear in the binary in the order
// the text writes them (nested components in place), which the rewrite
// checks by their count. The result is the binary the older assembler
// produced, which wacc reads as before #716.
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const modules = process.argv[2];
const { parse } = await import(
  pathToFileURL(join(modules, "@bytecodealliance", "jco", "dist", "api.js")).href
);

// The built-ins whose binary form has the cancel? byte, by text name and
// by canon opcode (Binary.md).
const CANCEL_BUILTINS = [
  "waitable-set.wait", "waitable-set.poll", "thread.yield", "thread.suspend",
  "thread.suspend-then-resume", "thread.yield-then-resume",
  "thread.suspend-then-promote", "thread.yield-then-promote",
];
const CANCEL_OPCODES = new Set([0x20, 0x21, 0x0c, 0x29, 0x2a, 0x2b, 0x2c, 0x2d]);
const CANCEL_TEXT = new RegExp(
  String.raw`\(canon\s+(` + CANCEL_BUILTINS.map((n) => n.replace(/\./g, "\\.")).join("|") +
    String.raw`)(?![\w.-])(\s+cancellable(?![\w.-]))?`, "g");

// The text without `cancellable`, and per cancel-byte built-in in text
// order whether it had the word; null when no built-in has it. (Comments
// are not skipped: a commented-out canon form would break the count check,
// which then reports it.)
function stripCancellable(text) {
  const flags = [];
  const stripped = text.replace(CANCEL_TEXT, (_, name, word) => {
    flags.push(word !== undefined);
    return `(canon ${name}`;
  });
  return flags.some((f) => f) ? { stripped, flags } : null;
}

class Reader {
  constructor(bytes, pos, end) { this.bytes = bytes; this.pos = pos; this.end = end; }
  byte() {
    if (this.pos >= this.end) throw new Error("unexpected end of the binary");
    return this.bytes[this.pos++];
  }
  leb() {  // unsigned or signed LEB128: the value only matters for sizes
    let result = 0, shift = 0, b;
    do {
      b = this.byte();
      if (shift < 28) result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return result >>> 0;
  }
  opts() {
    for (let n = this.leb(); n > 0; n--) {
      const opt = this.byte();
      if ([0x03, 0x04, 0x05, 0x07].includes(opt)) this.leb();
      else if (opt > 0x07) throw new Error(`unknown canon option 0x${opt.toString(16)}`);
    }
  }
}

// Positions of the cancel? bytes of every canon definition that has one,
// in binary order, descending into nested components.
function cancelBytePositions(bytes, start = 0, end = bytes.length, out = []) {
  const r = new Reader(bytes, start + 8, end);  // magic, version, layer
  while (r.pos < r.end) {
    const id = r.byte();
    const size = r.leb();
    const body = r.pos;
    if (id === 4) {
      cancelBytePositions(bytes, body, body + size, out);
    } else if (id === 8) {
      const c = new Reader(bytes, body, body + size);
      for (let n = c.leb(); n > 0; n--) canonEntry(c, out);
    }
    r.pos = body + size;
  }
  return out;
}

function canonEntry(c, out) {
  const op = c.byte();
  if (CANCEL_OPCODES.has(op)) {
    out.push(c.pos);
    c.byte();
    if (op === 0x20 || op === 0x21) c.leb();  // memory
    return;
  }
  switch (op) {
    case 0x00: c.byte(); c.leb(); c.opts(); c.leb(); return;  // lift
    case 0x01: c.byte(); c.leb(); c.opts(); return;  // lower
    case 0x02: case 0x03: case 0x04: case 0x07:
    case 0x0e: case 0x13: case 0x14: case 0x15: case 0x1a: case 0x1b: c.leb(); return;
    case 0x05: case 0x0d: case 0x1e: case 0x1f: case 0x22: case 0x23:
    case 0x24: case 0x25: case 0x26: case 0x28: return;
    case 0x06: c.byte(); return;
    case 0x09: if (c.byte() === 0x00) c.leb(); else c.byte(); c.opts(); return;  // task.return
    case 0x0a: case 0x0b: c.byte(); c.leb(); return;  // context.get/set
    case 0x0f: case 0x10: case 0x16: case 0x17: c.leb(); c.opts(); return;
    case 0x11: case 0x12: case 0x18: case 0x19: c.leb(); c.byte(); return;
    case 0x1c: case 0x1d: c.opts(); return;
    case 0x27: c.leb(); c.leb(); return;
    case 0x40: c.byte(); c.leb(); return;
    case 0x41: c.byte(); c.leb(); c.leb(); return;
    case 0x42: c.byte(); return;
    default: throw new Error(`unknown canon opcode 0x${op.toString(16)}`);
  }
}

// Sets the cancel? byte of the flagged built-ins (see the top).
function restoreCancellable(binary, flags) {
  const bytes = new Uint8Array(binary);
  const positions = cancelBytePositions(bytes);
  if (positions.length !== flags.length)
    throw new Error(`the \`cancellable\` rewrite found ${positions.length} canon built-ins taking it in the binary` +
                    ` but ${flags.length} in the text`);
  positions.forEach((pos, i) => { if (flags[i]) bytes[pos] = 0x01; });
  return bytes;
}

async function assemble(text) {
  const rewrite = stripCancellable(text);
  if (!rewrite) return await parse(text);
  return restoreCancellable(await parse(rewrite.stripped), rewrite.flags);
}

async function main() {
  let input = "";
  process.stdin.setEncoding("utf8");
  for await (const chunk of process.stdin) input += chunk;
  const out = [];
  for (const text of JSON.parse(input)) {
    try {
      const binary = await assemble(text);
      out.push("ok " + Buffer.from(binary).toString("base64"));
    } catch (e) {
      // wasm-tools' errors arrive as Rust debug text; keep its message and line.
      const text = String(e && e.message ? e.message : e);
      const custom = /Custom\("((?:[^"\\]|\\.)*)"\)/.exec(text);
      const line = /line: (\d+)/.exec(text);
      const message = custom ? custom[1] + (line ? ` (line ${Number(line[1]) + 1} of the component)` : "") : text;
      out.push("error " + message.replace(/\s+/g, " "));
    }
  }
  process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
}

await main();
