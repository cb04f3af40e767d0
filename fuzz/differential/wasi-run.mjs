// The reference side of csmith-diff.py: runs a WASI preview1 command module
// in Node's V8 (node:wasi) and exits with its exit status.
// Usage: node wasi-run.mjs <module.wasm>
import { WASI } from "node:wasi";
import { readFileSync } from "node:fs";

// argv[0] as a shell gives it: a C main that reads argv[0] sees a name.
const wasi = new WASI({ version: "preview1", args: ["program"], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(process.argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
