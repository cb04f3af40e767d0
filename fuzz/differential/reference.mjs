// The reference side of diff-fuzz.py: runs one module's exports in Node's
// V8, in the order and with the zero arguments the manifest gives, and
// prints what each call did as one JSON line per call.
//
// Usage: node reference.mjs <module.wasm> <manifest.json> <bridge.wasm>
// manifest: [{"name": "...", "params": ["i32", ...], "results": ["f64", ...]}]
//
// Every value the module passes to a fuzzing-support log import is folded
// into a 64-bit hash (h = h * 1000003 + bits), the same fold support.wat
// does on the compiled side, so a difference in what was logged during a
// call, or in its order, shows as a different hash after it; the hash
// starts again from 0 for each call. JavaScript cannot carry a NaN's
// payload, so every NaN folds in as the canonical one on both sides.
//
// After a trap the instance is made anew. What a trapping call stored
// before its trap is not kept by wacc's optimised code (a store that a later
// one overwrites is dead to LLVM: it cannot know the access between them
// traps), which only a caller that goes on using the instance can see; no
// wacc program can (a trap ends it, and the component model forbids entering
// a trapped instance again).
import { readFileSync } from "node:fs";

const [modulePath, manifestPath, bridgePath] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));

const mask = (1n << 64n) - 1n;
let hash = 0n;
const fold = (bits) => { hash = (hash * 1000003n + bits) & mask; };

const f32 = new Float32Array(1), f32Bits = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), f64Bits = new BigUint64Array(f64.buffer);
const bitsOf = {
  i32: (v) => BigInt(v >>> 0),
  i64: (v) => BigInt.asUintN(64, v),
  f32: (v) => { if (Number.isNaN(v)) return null; f32[0] = v; return BigInt(f32Bits[0]); },
  f64: (v) => { if (Number.isNaN(v)) return null; f64[0] = v; return f64Bits[0]; },
};
const canonicalNaN = { f32: 0x7fc00000n, f64: 0x7ff8000000000000n };
const logged = (type) => (v) => { const b = bitsOf[type](v); fold(b === null ? canonicalNaN[type] : b); };

// log-v128 comes from bridge.wat, which splits the vector for log-i64.
const bridge = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(bridgePath)),
                                        { js: { "log-i64": logged("i64") } });
const imports = {
  "fuzzing-support": {
    "log-i32": logged("i32"), "log-i64": logged("i64"),
    "log-f32": logged("f32"), "log-f64": logged("f64"),
    "log-v128": bridge.exports["log-v128"],
  },
};

const wasmModule = new WebAssembly.Module(readFileSync(modulePath));
let instance = new WebAssembly.Instance(wasmModule, imports);
const zero = { i32: 0, i64: 0n, f32: 0, f64: 0 };

for (const entry of manifest) {
  const out = { name: entry.name };
  try {
    let r = instance.exports[entry.name](...entry.params.map((t) => zero[t]));
    const values = entry.results.length === 1 ? [r] : entry.results.length === 0 ? [] : [...r];
    // A NaN's bits are not observable from JavaScript: reported as null.
    out.results = values.map((v, i) => { const b = bitsOf[entry.results[i]](v); return b === null ? null : b.toString(); });
  } catch (e) {
    if (e instanceof RangeError && /call stack/.test(e.message)) out.exhausted = true;
    else if (e instanceof WebAssembly.RuntimeError) out.trap = e.message;
    else { out.error = String(e); }
  }
  out.hash = hash.toString();
  hash = 0n;
  console.log(JSON.stringify(out));
  if (out.trap) instance = new WebAssembly.Instance(wasmModule, imports);
  if (out.exhausted || out.error) break;  // the two sides' states may differ from here on
}
