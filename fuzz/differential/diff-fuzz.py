#!/usr/bin/env python3
"""Differential fuzzing of wacc's core-wasm compiler against V8.

For each seed: binaryen's translate-to-fuzz turns random bytes into a valid
module (WebAssembly 2.0 features but reference types); Node runs its
exports in order with zero arguments (reference.mjs; exports that take or
return a v128, which JavaScript cannot pass, are left out) and says
what each call returned, which trap it hit, and the hash of everything the
module logged; those become a spec script (wast2json's JSON) whose
assertions wacc-spectest checks on the compiled program, at each -O level
asked for. A seed whose script fails is kept, with its module, under
<work>/failures/<seed>-O<n>/ and printed.

  fuzz/differential/diff-fuzz.py --spectest build/bin/wacc-spectest --seeds 0-199 \
      [--opt 0,1,2] [--target aarch64-linux-gnu] [--size 20000] [--no-simd] [--work DIR]

Needs binaryen's wasm-opt and wabt's wat2wasm (Debian: binaryen, wabt) and
node. Reference semantics are V8's; the trap texts V8 uses are mapped to the
spec's, and V8's one text for a null entry and a signature mismatch accepts
either of wacc's.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys

from seedrange import seeds

HERE = os.path.dirname(os.path.abspath(__file__))

# wasm-opt -ttf features: the 2.0 set but reference types (binaryen 108
# writes a type of its GC proposal with them), and SIMD unless --no-simd.
FEATURES = ["-mvp", "--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-mutable-globals",
            "--enable-bulk-memory", "--enable-multivalue"]

# V8's trap messages -> the spec's texts (what wacc-spectest compares).
V8_TRAPS = {
    "unreachable": ["unreachable"],
    "memory access out of bounds": ["out of bounds memory access"],
    "divide by zero": ["integer divide by zero"],
    "remainder by zero": ["integer divide by zero"],
    "divide result unrepresentable": ["integer overflow"],
    # V8 says this of a NaN ("invalid conversion") and of a value out of range ("integer overflow").
    "float unrepresentable in integer range": ["integer overflow", "invalid conversion to integer"],
    "table index is out of bounds": ["undefined element"],
    "null function or function signature mismatch": ["uninitialized element", "indirect call type mismatch"],
}

VALTYPES = {0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64", 0x7B: "v128", 0x70: "funcref", 0x6F: "externref"}


def leb(data, pos):
    result = shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def exported_functions(wasm):
    """[(name, params, results)] of the module's function exports, in order."""
    pos, types, imported, funcs, exports = 8, [], 0, [], []
    while pos < len(wasm):
        section, pos = wasm[pos], pos + 1
        size, pos = leb(wasm, pos)
        end, p = pos + size, pos
        if section == 1:
            count, p = leb(wasm, p)
            for _ in range(count):
                p += 1  # 0x60
                n, p = leb(wasm, p)
                params = [VALTYPES[t] for t in wasm[p:p + n]]
                p += n
                n, p = leb(wasm, p)
                results = [VALTYPES[t] for t in wasm[p:p + n]]
                p += n
                types.append((params, results))
        elif section == 2:
            count, p = leb(wasm, p)
            for _ in range(count):
                for _ in range(2):
                    n, p = leb(wasm, p)
                    p += n
                kind, p = wasm[p], p + 1
                if kind == 0:
                    _, p = leb(wasm, p)
                    imported += 1
                elif kind == 1:
                    p += 1
                    flags, p = leb(wasm, p)
                    _, p = leb(wasm, p)
                    if flags & 1:
                        _, p = leb(wasm, p)
                elif kind == 2:
                    flags, p = leb(wasm, p)
                    _, p = leb(wasm, p)
                    if flags & 1:
                        _, p = leb(wasm, p)
                elif kind == 3:
                    p += 2
        elif section == 3:
            count, p = leb(wasm, p)
            for _ in range(count):
                t, p = leb(wasm, p)
                funcs.append(t)
        elif section == 7:
            count, p = leb(wasm, p)
            for _ in range(count):
                n, p = leb(wasm, p)
                name = wasm[p:p + n].decode()
                p += n
                kind, p = wasm[p], p + 1
                index, p = leb(wasm, p)
                if kind == 0 and index >= imported:
                    exports.append((name,) + tuple(types[funcs[index - imported]]))
        pos = end
    return exports


def value(type_, bits):
    return {"type": type_, "value": bits}


def spec_script(reference_lines, exports):
    """wast2json commands checking the compiled module against the reference run."""
    by_name = {name: (params, results) for name, params, results in exports}
    commands = [
        {"type": "module", "line": 1, "name": "$support", "filename": "support.wasm"},
        {"type": "register", "line": 2, "name": "$support", "as": "fuzzing-support"},
        {"type": "module", "line": 3, "name": "$fuzz", "filename": "module.wasm"},
    ]
    ambiguous = {}
    take = {"type": "invoke", "module": "$support", "field": "take", "args": []}
    line = 10
    for record in reference_lines:
        params, results = by_name[record["name"]]
        action = {"type": "invoke", "module": "$fuzz", "field": record["name"],
                  "args": [value(t, "0") for t in params]}
        if "error" in record:
            raise RuntimeError(f"reference run failed on {record['name']}: {record['error']}")
        if record.get("exhausted"):
            commands.append({"type": "assert_exhaustion", "line": line, "action": action,
                             "text": "call stack exhausted", "expected": []})
            break
        if "trap" in record:
            texts = V8_TRAPS.get(record["trap"])
            if texts is None:
                raise RuntimeError(f"unknown V8 trap text {record['trap']!r}")
            if len(texts) > 1:
                ambiguous[line] = texts
            commands.append({"type": "assert_trap", "line": line, "action": action, "text": texts[0],
                             "expected": [{"type": t} for t in results]})
            # What the call logged before its trap is not compared (reference.mjs says why);
            # the hash is cleared and the module instantiated again, as reference.mjs does.
            commands.append({"type": "action", "line": line + 1, "action": take, "expected": [{"type": "i64"}]})
            commands.append({"type": "module", "line": line + 2, "name": "$fuzz", "filename": "module.wasm"})
            line += 10
            continue
        if any(r is None for r in record["results"]):
            commands.append({"type": "action", "line": line, "action": action,
                             "expected": [{"type": t} for t in results]})
        else:
            commands.append({"type": "assert_return", "line": line, "action": action,
                             "expected": [value(t, b) for t, b in zip(results, record["results"])]})
        line += 1
        commands.append({"type": "assert_return", "line": line, "action": take,
                         "expected": [value("i64", record["hash"])]})
        line += 9
    return {"source_filename": "fuzz.wast", "commands": commands}, ambiguous


def real_failures(output, ambiguous):
    """The FAILED lines of wacc-spectest's output that are not an accepted alternative."""
    failures = []
    for text in output.splitlines():
        m = re.match(r"\s*FAILED line (\d+) (.*)", text)
        if not m:
            continue
        alternatives = ambiguous.get(int(m.group(1)), [])
        if any(f'trap "{alt}"' in m.group(2) for alt in alternatives):
            continue
        failures.append(text.strip())
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--spectest", required=True, help="path of wacc-spectest")
    ap.add_argument("--seeds", default="0-49")
    ap.add_argument("--opt", default="2", help="comma-separated -O levels")
    ap.add_argument("--target", default=None)
    ap.add_argument("--size", type=int, default=20000, help="random bytes per module")
    ap.add_argument("--no-simd", action="store_true", help="modules without SIMD")
    ap.add_argument("--work", default="/tmp/wacc-fuzz")
    args = ap.parse_args()

    for tool in ("wasm-opt", "wat2wasm", "node"):
        if not shutil.which(tool):
            sys.exit(f"diff-fuzz: {tool} not found (Debian: binaryen, wabt, nodejs)")
    os.makedirs(args.work, exist_ok=True)
    support = os.path.join(args.work, "support.wasm")
    bridge = os.path.join(args.work, "bridge.wasm")
    for wat, wasm in (("support.wat", support), ("bridge.wat", bridge)):
        subprocess.run(["wat2wasm", os.path.join(HERE, wat), "-o", wasm], check=True)
    features = FEATURES + ([] if args.no_simd else ["--enable-simd"])

    levels = [int(x) for x in args.opt.split(",")]
    checked = failed = calls = 0
    for seed in seeds(args.seeds):
        case = os.path.join(args.work, f"seed-{seed}")
        os.makedirs(case, exist_ok=True)
        raw = os.path.join(case, "input.dat")
        with open(raw, "wb") as f:
            f.write(random.Random(seed).randbytes(args.size))
        module = os.path.join(case, "module.wasm")
        subprocess.run(["wasm-opt", raw, "-ttf", *features, "-o", module], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(module, "rb") as f:
            exports = [e for e in exported_functions(f.read()) if "v128" not in e[1] + e[2]]
        manifest = os.path.join(case, "manifest.json")
        with open(manifest, "w") as f:
            json.dump([{"name": n, "params": p, "results": r} for n, p, r in exports], f)
        try:
            ref = subprocess.run(["node", "--stack-size=900", os.path.join(HERE, "reference.mjs"), module, manifest,
                                  bridge], capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            print(f"seed {seed}: skipped: the reference run took over 120 s")
            continue
        if ref.returncode != 0:
            print(f"seed {seed}: reference run failed: {ref.stderr.strip()[:300]}")
            continue
        records = [json.loads(l) for l in ref.stdout.splitlines() if l.strip()]
        try:
            script, ambiguous = spec_script(records, exports)
        except RuntimeError as e:
            print(f"seed {seed}: skipped: {e}")
            continue
        shutil.copy(support, os.path.join(case, "support.wasm"))
        with open(os.path.join(case, "fuzz.json"), "w") as f:
            json.dump(script, f, indent=1)
        calls += len(records)
        for level in levels:
            cmd = [args.spectest, f"-O{level}", "--timeout=60", os.path.join(case, "fuzz.json")]
            if args.target:
                cmd.insert(1, f"--target={args.target}")
            run = subprocess.run(cmd, capture_output=True, text=True)
            failures = real_failures(run.stdout + run.stderr, ambiguous)
            summary = re.search(r"spec: (\d+) passed, (\d+) failed", run.stdout)
            if failures or not summary:
                failed += 1
                keep = os.path.join(args.work, "failures", f"{seed}-O{level}")
                shutil.rmtree(keep, ignore_errors=True)
                shutil.copytree(case, keep)
                print(f"seed {seed} -O{level}: FAILED ({keep})")
                for text in (failures or [(run.stdout + run.stderr).strip()[-500:]])[:5]:
                    print("   ", text)
            checked += 1
        shutil.rmtree(case, ignore_errors=True)
    print(f"diff-fuzz: {checked} compiles checked, {failed} failed, {calls} calls compared")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
