#!/usr/bin/env python3
"""Differential testing of whole C programs: Csmith against V8 and wacc.

For each seed Csmith writes a random C program free of undefined behaviour
(loops over arrays and structs, pointer arithmetic, bit-fields, the integer
arithmetic of every width) that prints a checksum of its global state.
clang-22 builds it as a WASI preview1 module; Node's WASI (V8) runs the
module and wacc's executable of it, at each -O level asked for, must print
the same bytes and exit the same way. Where diff-fuzz.py's modules are
random instructions, these are the loops and address arithmetic of real C,
which is what wacc's own passes in compiler/codegen rewrite. With
--component, wacc compiles the program built as a WASI 0.2 command component
instead (test/tools/c-component: the preview1 adapter wrapped by jco), so
its output goes through the adapter, the canonical ABI and the WASI 0.2
host; V8 still runs the plain module.

  fuzz/differential/csmith-diff.py --wacc build/bin/wacc --seeds 0-99 \\
      [--opt 0,1,2] [--target aarch64-linux-gnu] [--flag=--partition-size=2000 ...] [--component]
      [--work DIR]

A seed whose reference run takes longer than --ref-timeout is counted as
skipped (Csmith's loops can run for minutes). A failing seed's program is
kept under <work>/failures/<seed>/. Needs csmith (Debian: csmith,
libcsmith-dev), clang-22 with wasi-libc, node, and qemu-aarch64 for
--target=aarch64-linux-gnu.
"""
import argparse
import os
import shutil
import subprocess
import sys

from seedrange import seeds

HERE = os.path.dirname(os.path.abspath(__file__))
C_COMPONENT = os.path.join(HERE, "..", "..", "test", "tools", "c-component")
CSMITH_INCLUDE = "/usr/include/csmith"


def run(cmd, timeout):
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return done.returncode, done.stdout
    except subprocess.TimeoutExpired:
        return None, b""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wacc", required=True)
    ap.add_argument("--seeds", default="0-19")
    ap.add_argument("--opt", default="2", help="comma-separated -O levels")
    ap.add_argument("--target", default=None)
    ap.add_argument("--flag", action="append", default=[], help="an extra wacc flag (repeatable)")
    ap.add_argument("--component", action="store_true", help="compile the program as a WASI 0.2 component")
    ap.add_argument("--ref-timeout", type=float, default=20)
    ap.add_argument("--work", default="/tmp/wacc-csmith")
    args = ap.parse_args()
    args.work = os.path.abspath(args.work)  # csmith runs in the case's folder

    for tool in ("csmith", "clang-22", "node") + (("qemu-aarch64",) if args.target else ()):
        if not shutil.which(tool):
            sys.exit(f"csmith-diff: {tool} not found")
    if not os.path.isdir(CSMITH_INCLUDE):
        sys.exit(f"csmith-diff: {CSMITH_INCLUDE} not found (Debian: libcsmith-dev)")
    os.makedirs(args.work, exist_ok=True)

    levels = [int(x) for x in args.opt.split(",")]
    checked = failed = skipped = 0
    for seed in seeds(args.seeds):
        case = os.path.join(args.work, f"seed-{seed}")
        os.makedirs(case, exist_ok=True)
        program, module = os.path.join(case, "program.c"), os.path.join(case, "program.wasm")
        # In the case's folder: csmith also writes a platform.info where it runs.
        subprocess.run(["csmith", "--seed", str(seed), "-o", program], check=True, capture_output=True, cwd=case)
        subprocess.run(["clang-22", "--target=wasm32-wasi", "-O2", "-w", "-I" + CSMITH_INCLUDE, program,
                        "-o", module], check=True)
        ref_status, ref_out = run(["node", "--no-warnings", os.path.join(HERE, "wasi-run.mjs"), module],
                                 args.ref_timeout)
        if ref_status is None:
            skipped += 1
            shutil.rmtree(case)
            continue
        compiled_input = module
        if args.component:
            compiled_input = os.path.join(case, "program.component.wasm")
            subprocess.run([C_COMPONENT, program, compiled_input, "-w", "-I" + CSMITH_INCLUDE], check=True)
        case_failed = False
        for level in levels:
            exe = os.path.join(case, f"program-O{level}")
            cmd = [args.wacc, f"-O{level}", *args.flag, compiled_input, "-o", exe]
            if args.target:
                cmd.append(f"--target={args.target}")
            compiled = subprocess.run(cmd, capture_output=True, text=True)
            checked += 1
            if compiled.returncode != 0:
                problem = "did not compile: " + compiled.stderr.strip()[:300]
            else:
                status, out = run((["qemu-aarch64"] if args.target else []) + [exe], 10 * args.ref_timeout)
                if status is None:
                    problem = "timed out"
                elif (status, out) != (ref_status, ref_out):
                    problem = (f"exit {status}, output ...{out[-80:]!r}; "
                               f"V8: exit {ref_status}, output ...{ref_out[-80:]!r}")
                else:
                    continue
            failed += 1
            case_failed = True
            print(f"seed {seed} -O{level}: FAILED: {problem}")
        if case_failed:
            keep = os.path.join(args.work, "failures", str(seed))
            shutil.rmtree(keep, ignore_errors=True)
            shutil.move(case, keep)
        else:
            shutil.rmtree(case)
    print(f"csmith-diff: {checked} compiles checked, {failed} failed, {skipped} seeds skipped "
          f"(reference slower than {args.ref_timeout:g} s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
