#!/usr/bin/env python3
"""Runs the component model's .wast conformance suites through wacc-wast.

    tools/component-tests/run-suites.py [--tests DIR] [--wacc-wast build/bin/wacc-wast] [--targets x86_64,aarch64]

DIR (default: $WACC_COMPONENT_TESTS) holds either suite or both, fetched
outside wacc's sources (never committed):
  component-model/test/          WebAssembly/component-model's test/
                                 (git archive main test), run without the
                                 files its test/nyi.txt lists
  wasmtime-component-model/tests/misc_testsuite/component-model/
                                 Wasmtime's (git archive main
                                 tests/misc_testsuite/component-model)
DIR may also be one of those folders itself. Without DIR this prints that it
did not run and why, and succeeds (CI has no copy of the suites).

Each suite runs on x86_64 and on aarch64 (under qemu-aarch64; without qemu
that target is reported as not run, and the run fails, as the lit suite's
strict mode does for missing tools). Prints wacc-wast's report per file and
then passed/failed/skipped per folder, per suite and per target. Failures are
expected while wacc lacks the async ABI and some validation rules:
known-failures.txt (beside this script) lists, per file, how many and why.
The run fails when a file fails more often than listed there, or when
wacc-wast itself cannot run; a file failing less often is reported so the
list can be brought down.
"""
import argparse
import collections
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TARGETS = ["x86_64", "aarch64"]
FILE_LINE = re.compile(r"^(\S+): (\d+) passed, (\d+) failed, (\d+) skipped")


def find_suites(tests_dir):
    """[(suite name, [wacc-wast arguments])] found under tests_dir."""
    suites = []
    cm = None
    for candidate in [os.path.join(tests_dir, "component-model", "test"), os.path.join(tests_dir, "test"), tests_dir]:
        if os.path.isfile(os.path.join(candidate, "nyi.txt")):
            cm = candidate
            break
    if cm:
        with open(os.path.join(cm, "nyi.txt")) as f:
            nyi = {os.path.normpath(os.path.join(cm, line.strip())) for line in f
                   if line.strip() and not line.startswith("#")}
        files = sorted(os.path.join(d, n) for d, _, names in os.walk(cm) for n in names if n.endswith(".wast"))
        suites.append(("component-model", [f for f in files if os.path.normpath(f) not in nyi]))
    for candidate in [os.path.join(tests_dir, "wasmtime-component-model", "tests", "misc_testsuite", "component-model"),
                      os.path.join(tests_dir, "tests", "misc_testsuite", "component-model")]:
        if os.path.isdir(candidate):
            # Wasmtime's tests still write `(memory $i "name")`.
            suites.append(("wasmtime", ["--legacy-component-indices", candidate]))
            break
    return suites


def read_known_failures():
    known = {}
    with open(os.path.join(HERE, "known-failures.txt")) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            suite, name, count, reason = line.split(None, 3)
            known[(suite, name)] = (int(count), reason)
    return known


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tests", default="", help="the suites' folder (default: $WACC_COMPONENT_TESTS)")
    parser.add_argument("--wacc-wast", default=os.path.join(ROOT, "build", "bin", "wacc-wast"))
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    tests_dir = args.tests or os.environ.get("WACC_COMPONENT_TESTS", "")
    if not tests_dir:
        print("component tests: did not run: WACC_COMPONENT_TESTS not set (set it, or the CMake cache variable of the"
              " same name, to a folder holding component-model/test and/or"
              " wasmtime-component-model/tests/misc_testsuite/component-model)")
        return 0
    suites = find_suites(tests_dir)
    if not suites:
        print(f"component tests: did not run: no component-model/test/nyi.txt nor"
              f" wasmtime-component-model/tests/misc_testsuite/component-model under '{tests_dir}'")
        return 1
    if not os.access(args.wacc_wast, os.X_OK):
        print(f"component tests: did not run: no wacc-wast at {args.wacc_wast}")
        return 1
    known = read_known_failures()
    targets = [t for t in args.targets.split(",") if t]
    qemu = any(os.access(os.path.join(p, "qemu-aarch64"), os.X_OK) for p in os.environ.get("PATH", "").split(":"))

    failed_any = False
    summary = []
    for suite, inputs in suites:
        for target in targets:
            if target == "aarch64" and not qemu:
                summary.append(f"component tests: {suite} {target}: did not run: no qemu-aarch64 on PATH"
                               " (Debian package qemu-user)")
                failed_any = True
                continue
            print(f"component tests: {suite} {target}", flush=True)
            run = subprocess.run([args.wacc_wast, f"--target={target}", f"-j{args.jobs}"] + inputs,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            sys.stdout.write(run.stdout)
            if run.returncode not in (0, 1) or not re.search(r"^wast: \d+ passed", run.stdout, re.M):
                summary.append(f"component tests: {suite} {target}: wacc-wast failed (status {run.returncode})")
                failed_any = True
                continue
            folders = collections.defaultdict(lambda: [0, 0, 0])
            totals = [0, 0, 0]
            for line in run.stdout.splitlines():
                m = FILE_LINE.match(line)
                if not m or m.group(1) == "wast":  # the total
                    continue
                name, counts = m.group(1), [int(m.group(i)) for i in (2, 3, 4)]
                folder = os.path.dirname(name) or "."
                for i in range(3):
                    folders[folder][i] += counts[i]
                    totals[i] += counts[i]
                allowed, reason = known.get((suite, name), (0, ""))
                if counts[1] > allowed:
                    summary.append(f"  NEW FAILURES {suite} {target} {name}: {counts[1]} failed, {allowed} known")
                    failed_any = True
                elif counts[1] < allowed:
                    summary.append(f"  fewer failures {suite} {target} {name}: {counts[1]} failed, {allowed} listed"
                                   " in known-failures.txt: lower it")
            for folder, (p, f, s) in sorted(folders.items()):
                summary.append(f"component tests: {suite} {target} {folder}: {p} passed, {f} failed, {s} skipped")
            summary.append(f"component tests: {suite} {target}: {totals[0]} passed, {totals[1]} failed,"
                           f" {totals[2]} skipped")
    print("\n".join(summary))
    return 1 if failed_any else 0


if __name__ == "__main__":
    sys.exit(main())
