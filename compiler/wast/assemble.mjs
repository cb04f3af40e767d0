// Assembles component (and core module) text for wacc-wast in one node
// process: reads a JSON array of WAT texts on stdin, writes one line per
// text to stdout, "ok <base64 binary>" or "error <message on one line>".
// Usage: node assemble.mjs <path to jco's node_modules>
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const modules = process.argv[2];
const { parse } = await import(
  pathToFileURL(join(modules, "@bytecodealliance", "jco", "dist", "api.js")).href
);

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const text of JSON.parse(input)) {
  try {
    const binary = await parse(text);
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
