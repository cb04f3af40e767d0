// Builds the fuzz targets' seed corpora from the test inputs (run by the fuzz
// build; see fuzz/CMakeLists.txt):
//
//   node make-corpus.mjs <jco-dir> <out-dir> <spec-suite-dir or ""> <test file>...
//
// Every WAT file is assembled with jco's `parse` (what `jco parse` runs). A
// component goes to <out>/component. A core module goes to <out>/core and,
// when it exports `wasi:cli/run`, is also wrapped as a WASI 0.2.12 command
// component, as test/tools/wasi-component does with `jco embed` and `jco
// new`, and that component goes to <out>/component (test/Embed's modules
// that do not fit the world, on purpose, stay core modules only). A
// split-file test gives each of its parts; a test/Wasi test is assembled
// between the prelude files its %prelude-component puts around it; any other
// WAT jco cannot assemble is a template its test fills in (sed over CASE) and
// is left out, named in the summary. Every .wasm file of the spec suite goes
// to <out>/core. Files are named by the SHA-1 of their contents, as
// libFuzzer names corpus entries, so duplicates collapse. The whole run is one node process: a jco
// process per file would take minutes.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [jcoDir, outDir, specDir, ...watFiles] = process.argv.slice(2);
const modules = join(jcoDir, 'node_modules');
const jco = await import(pathToFileURL(join(modules, '@bytecodealliance/jco/dist/api.js')));
// jco reads a WIT folder through preview2-shim, which sees only preopens.
const shim = await import(pathToFileURL(join(modules, '@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js')));
shim._setPreopens({ '/': '/' });

const counts = { component: 0, core: 0 };
// test/Wasi's tests are module bodies that %prelude-component puts between
// these two files.
const preludeDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'Wasi', 'Inputs');
const preludeImports = readFileSync(join(preludeDir, 'prelude-imports.wat'), 'utf8');
const prelude = readFileSync(join(preludeDir, 'prelude.wat'), 'utf8');

async function assemble(wat) {
  try {
    return await jco.parse(wat);
  } catch {
    return null;
  }
}

const seen = new Set();
const templates = [];
const unwrapped = [];
function emit(kind, bytes) {
  const name = createHash('sha1').update(bytes).digest('hex');
  if (seen.has(name)) return;
  seen.add(name);
  writeFileSync(join(outDir, kind, name), bytes);
  counts[kind]++;
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(outDir, 'component'), { recursive: true });
mkdirSync(join(outDir, 'core'), { recursive: true });

// The WIT folder test/tools/wasi-component builds for 0.2.12: jco's own
// WASI packages and a world that includes wasi:cli/command, plus the
// outgoing wasi:http interfaces (test/Http's clients import them).
const builtin = join(modules, '@bytecodealliance/jco/lib/wit/builtin/0.2.12');
const wit = mkdtempSync(join(tmpdir(), 'wacc-corpus-'));
mkdirSync(join(wit, 'deps'));
for (const pkg of readdirSync(builtin)) cpSync(join(builtin, pkg), join(wit, "deps", pkg), { recursive: true });
writeFileSync(join(wit, 'world.wit'), 'package wacc:test;\nworld command {\n  include wasi:cli/command@0.2.12;\n  import wasi:http/outgoing-handler@0.2.12;\n}\n');

try {
  for (const file of watFiles) {
    const text = readFileSync(file, 'utf8');
    // A split-file test (.wat or .test) holds several inputs, each after a
    // `;--- name` line (split-file's separator: one comment character or
    // `//`, then `--- `); its parts named *.wat are assembled.
    const pieces = text.split(/^(?:\/\/|.)--- (\S+)$/m);
    const parts = [];
    for (let i = 1; i + 1 < pieces.length; i += 2) if (pieces[i].endsWith('.wat')) parts.push(pieces[i + 1]);
    if (pieces.length === 1 && file.endsWith('.wat')) parts.push(text);
    for (const part of parts) {
      let wat = part.replaceAll('@VERSION@', '0.2.12');
      let bytes = await assemble(wat);
      if (!bytes) {
        wat = (preludeImports + part + prelude).replaceAll('@VERSION@', '0.2.12');
        bytes = await assemble(wat);
      }
      if (!bytes) {
        templates.push(file);
        continue;
      }
      // Byte 4 of the preamble: version 1 for a core module, 0x0d for a component.
      if (bytes[4] !== 1) {
        emit('component', bytes);
        continue;
      }
      emit('core', bytes);
      if (!/\(export\s+"wasi:cli\/run@/.test(wat)) continue;
      try {
        const embedded = await jco.componentEmbed({ binary: bytes, witPath: wit, world: 'command' });
        emit('component', await jco.componentNew(embedded));
      } catch (e) {
        // test/Embed's error cases do not fit the world on purpose: they
        // stay core modules only.
        if (file.includes('/test/Embed/')) {
          unwrapped.push(file);
          continue;
        }
        throw new Error(`${file}: wrapping as a WASI command: ${e.message ?? e}`);
      }
    }
  }
} finally {
  rmSync(wit, { recursive: true, force: true });
}

if (specDir) {
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.wasm')) emit('core', readFileSync(path));
    }
  };
  walk(specDir);
}
console.log(`seed corpus: ${counts.component} components, ${counts.core} core modules` +
            (templates.length ? `; not assembled (templates): ${templates.join(' ')}` : '') +
            (unwrapped.length ? `; core modules only (not a WASI command): ${[...new Set(unwrapped)].join(' ')}` : ''));
