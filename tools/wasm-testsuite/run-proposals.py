#!/usr/bin/env python3
"""Runs the WebAssembly 3.0 spec tests of the proposals wacc implements.

    tools/wasm-testsuite/run-proposals.py [--tests DIR] [--wacc-spectest build/bin/wacc-spectest]
                                          [--targets x86_64,aarch64] [--work DIR]

DIR (default: $WACC_WASM_TESTSUITE) holds files of WebAssembly/testsuite
(never committed): main's return_call*.wast, multi-memory and memory64 files
(its top level is the WebAssembly 3.0 suite; MULTI_MEMORY_FILES,
MEMORY64_FILES) and, from commit
f50a662^, proposals/extended-const/ and proposals/relaxed-simd/. The spec suite `check` always runs (../shared/spec-testsuite)
is 2.0 and converted ahead of time; the files here test what 3.0 added and
wacc compiles, listed in PROPOSALS with the wabt features they need. Each is
converted with wabt's wast2json (Debian's package wabt, which setup.sh
installs) and run by wacc-spectest on x86_64 and on aarch64 (under
qemu-aarch64). Every command must pass and none may be skipped. Without DIR
this prints that it did not run and succeeds (CI has no copy of the suite).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TARGETS = {"x86_64": [], "aarch64": ["--target=aarch64-linux-gnu"]}

# Main's files written for multi-memory when the proposal was merged into
# the 3.0 suite (each named after the 2.0 file it extends, with a digit), and
# the two about it by name.
MULTI_MEMORY_FILES = [
    "address0.wast", "address1.wast", "align0.wast", "binary0.wast", "data0.wast", "data1.wast", "data_drop0.wast",
    "exports0.wast", "float_exprs0.wast", "float_exprs1.wast", "float_memory0.wast", "imports0.wast", "imports1.wast",
    "imports2.wast", "imports3.wast", "imports4.wast", "linking0.wast", "linking1.wast", "linking2.wast",
    "linking3.wast", "load0.wast", "load1.wast", "load2.wast", "memory-multi.wast", "memory_copy0.wast",
    "memory_copy1.wast", "memory_fill0.wast", "memory_init0.wast", "memory_size0.wast", "memory_size1.wast",
    "memory_size2.wast", "memory_size3.wast", "memory_trap0.wast", "memory_trap1.wast", "simd_memory-multi.wast",
    "start0.wast", "store0.wast", "store1.wast", "store2.wast", "traps0.wast",
]

# Main's files about 64-bit memories (their names end in 64) that wabt
# 1.0.32 converts; the others are in NOT_RUN.
MEMORY64_FILES = [
    "address64.wast", "binary_leb128_64.wast", "bulk64.wast", "endianness64.wast", "float_memory64.wast",
    "load64.wast", "memory_copy64.wast", "memory_fill64.wast", "memory_grow64.wast", "memory_init64.wast",
    "memory_redundancy64.wast", "memory_trap64.wast",
]

# (proposal, its files in the folder, wast2json's flags for them[, the
# options wacc-spectest runs them with]). The threads files are main's
# proposals/threads/, written for WebAssembly 1.0 with atomics added. The
# tail-call, multi-memory and memory64 files are main's (the 3.0 suite's top
# level);
# the extended-const
# and relaxed SIMD ones the proposals' own, from before the 3.0 merge
# (testsuite commit f50a662^, proposals/<name>/): main's versions of the
# first use syntax wabt 1.0.32 does not read, and main's
# i32x4_relaxed_trunc.wast has lost its assertions.
PROPOSALS = [
    ("tail calls", ["return_call.wast", "return_call_indirect.wast"], ["--enable-tail-call"]),
    ("multi-memory", MULTI_MEMORY_FILES, ["--enable-multi-memory"]),
    ("memory64", MEMORY64_FILES, ["--enable-memory64", "--enable-multi-memory"]),
    ("threads", ["proposals/threads/atomic.wast", "proposals/threads/exports.wast"], ["--enable-threads"]),
    # Written before multi-memory: two memories are invalid there.
    ("threads (memory)", ["proposals/threads/memory.wast"], ["--enable-threads"], ["-Wmulti-memory=n"]),
    ("extended-const", ["proposals/extended-const/data.wast", "proposals/extended-const/global.wast"],
     ["--enable-extended-const"]),
    ("relaxed SIMD", ["proposals/relaxed-simd/" + f for f in [
        "i8x16_relaxed_swizzle.wast", "i32x4_relaxed_trunc.wast", "i16x8_relaxed_q15mulr_s.wast",
        "relaxed_dot_product.wast", "relaxed_laneselect.wast", "relaxed_madd_nmadd.wast", "relaxed_min_max.wast"]],
     ["--enable-relaxed-simd"]),
]

# wabt 1.0.32 knows the two relaxed dot products by their names before the
# proposal renamed them (the opcodes are the same): the text is renamed for
# it before conversion.
PRE_STANDARD_NAMES = {
    "i16x8.relaxed_dot_i8x16_i7x16_s": "i16x8.dot_i8x16_i7x16_s",
    "i32x4.relaxed_dot_i8x16_i7x16_add_s": "i32x4.dot_i8x16_i7x16_add_s",
}

# Files of those proposals not run, each with its reason (printed).
NOT_RUN = [
    ("proposals/extended-const/elem.wast",
     "wabt 1.0.32's wast2json cannot read it (global.get as an element expression)"),
    ("align64.wast", "wabt 1.0.32's wast2json cannot read it (a memarg offset above 2^32 - 1 in text)"),
    ("memory64.wast", "wabt 1.0.32's wast2json cannot read it (`module definition`)"),
    ("memory64-imports.wast, call_indirect64.wast, table*64.wast",
     "64-bit tables (table64): wacc does not implement them, and wabt 1.0.32 cannot read them"),
    ("proposals/threads/imports.wast",
     "written for WebAssembly 1.0: it requires two tables to be invalid, which 2.0 made valid"),
]

SUMMARY = re.compile(r"^spec: (\d+) passed, (\d+) failed, (\d+) skipped")


def convert(wast2json, source, flags, work):
    """The JSON command file wast2json makes of `source`, in its own folder."""
    name = os.path.splitext(os.path.basename(source))[0]
    folder = os.path.join(work, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    out = os.path.join(folder, name + ".json")
    with open(source) as f:
        text = f.read()
    for new, old in PRE_STANDARD_NAMES.items():
        text = text.replace(new, old)
    renamed = os.path.join(folder, name + ".wast")
    with open(renamed, "w") as f:
        f.write(text)
    result = subprocess.run([wast2json, *flags, renamed, "-o", out], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"wast2json failed on {source}:\n{result.stderr}")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tests", default="", help="the suite's checkout (default: $WACC_WASM_TESTSUITE)")
    parser.add_argument("--wacc-spectest", default=os.path.join(ROOT, "build", "bin", "wacc-spectest"))
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "wasm-testsuite"))
    args = parser.parse_args()
    tests = args.tests or os.environ.get("WACC_WASM_TESTSUITE", "")
    if not tests:
        print("wasm-testsuite (WebAssembly 3.0 proposals): did not run: WACC_WASM_TESTSUITE not set (set it, or the "
              "CMake cache variable of the same name, to a folder holding WebAssembly/testsuite's files for them: "
              "tools/wasm-testsuite/run-proposals.py lists them)")
        return 0
    wast2json = shutil.which("wast2json")
    if not wast2json:
        print("wasm-testsuite: FAILED: no wast2json on PATH (Debian package wabt)")
        return 1
    failed = False
    # The converted files, grouped by the options wacc-spectest runs them with.
    groups = {}
    for proposal, files, flags, *options in PROPOSALS:
        for f in files:
            source = os.path.join(tests, f)
            if not os.path.isfile(source):
                print(f"wasm-testsuite: FAILED: {source} ({proposal}) is missing")
                return 1
            groups.setdefault(tuple(options[0] if options else []), []).append(
                convert(wast2json, source, flags, args.work))
    for f, reason in NOT_RUN:
        print(f"wasm-testsuite: not run: {f}: {reason}")
    for target in args.targets.split(","):
        passed = failures = skipped = 0
        ok = True
        for options, jsons in groups.items():
            result = subprocess.run([args.wacc_spectest, *TARGETS[target], *options, *jsons], capture_output=True,
                                    text=True)
            sys.stdout.write(result.stdout)
            sys.stderr.write(result.stderr)
            summary = next((m for m in map(SUMMARY.match, result.stdout.splitlines()) if m), None)
            if not summary:
                print(f"wasm-testsuite ({target}): FAILED: wacc-spectest exited with {result.returncode} and no "
                      "summary")
                ok = False
                continue
            counts = list(map(int, summary.groups()))
            passed, failures, skipped = passed + counts[0], failures + counts[1], skipped + counts[2]
            ok &= result.returncode == 0 and counts[1] == 0 and counts[2] == 0
        failed |= not ok
        print(f"wasm-testsuite ({target}, {', '.join(p[0] for p in PROPOSALS)}): "
              f"{passed} passed, {failures} failed, {skipped} skipped{'' if ok else ': FAILED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
