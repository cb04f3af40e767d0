#!/usr/bin/env python3
"""Runs WebAssembly/wasi-testsuite's preview1 tests through wacc.

    tools/wasi-testsuite/run-suite.py [--tests DIR] [--wacc build/bin/wacc] [--only NAME,...]

DIR (default: $WACC_WASI_TESTSUITE) is an extracted `tests/` tree of the
suite's prod/testsuite-base branch (tests/{c,rust,assemblyscript}/testsuite/
wasm32-wasip1/*.wasm, each with an optional .json spec); the suite is never
part of wacc's sources. Without it, this prints that it did not run and why,
and succeeds: CI has no copy of the suite.

Every test runs in two modes on each target:
  direct    the preview1 core module itself, as `wasmtime run` takes it
  wrapped   the module wrapped into a WASI 0.2 command by the preview1
            adapter (`jco new m.wasm --wasi-command`)
and two targets: x86_64 (run here) and aarch64 (under qemu-aarch64). Each
(test, mode, target) is compiled once with `wacc -O1` (kept in --work, reused
while the input, wacc and its runtime are unchanged) and run as the suite's
doc/specification.md says: args and env from the .json (env is all the
program sees), the `root` directory preopened as `/` from a fresh copy (a
relative --dir, so the executable does not depend on where the copy is), the
exit code compared, and stdout/stderr compared as the suite's own runner
does: the expected text against the first as many characters of the output.
A test with `connect`/`send`/`recv` operations (a TCP server, such as
sockets-echo) is driven as the suite's runner does: the address the program
prints first on stdout is connected to, the payloads sent and received in
order, then the program is waited for.
The http tests (wasm32-wasip3): a test's `servers` are started first
(http_endpoints.py; their addresses reach it as HTTP_SERVER_<NAME>, passed
through with --env NAME), and a wasi:http/service test's executable is an
HTTP server: it is started with --addr 127.0.0.1:0, its `request`
operations are made to the address it prints on stderr (status, the named
headers and the body compared), then it is sent the `kill` signal and
waited for.

Prints the failures (a reason shared by many tests once per three, then
counted) and `wasi-testsuite: <mode> <target>: N passed, M failed` per group; the exit status is 1 if anything failed. The only
tests not counted are those in EXPECTED_FAILURES, each printed with its
reason.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import http_endpoints

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODES = ("direct", "wrapped")
TARGETS = ("x86_64", "aarch64")
TRIPLES = {"x86_64": "x86_64-linux-gnu", "aarch64": "aarch64-linux-gnu"}

# (suite/test, mode) -> why it cannot pass; printed on every run.
EXPECTED_FAILURES = {
    ("assemblyscript/args_get-multiple-arguments", "wrapped"):
        "the preview1 adapter fails an assertion (adapter line 2858) on these arguments; jco run fails the same way",
    ("assemblyscript/environ_get-multiple-variables", "wrapped"):
        "the preview1 adapter fails an assertion (adapter line 2858) on these variables; jco run fails the same way",
    ("assemblyscript/fd_write-to-invalid-fd", "wrapped"):
        "the adapter's fd_write of nothing to fd -31337 does not return BADF; jco run fails the same way",
    ("assemblyscript/proc_exit-failure", "wrapped"):
        "the adapter turns proc_exit(33) into wasi:cli/exit's error: status 1 (jco run exits 1 too)",
}
# Proposals whose tests run (with the capability they need).
PROPOSAL_FLAGS = {"sockets": ["--inherit-network"], "http": ["--inherit-network"]}
# wasm32-wasip3 tests that cannot pass, with why; printed on every run.
# (The three http tests the suite expects Wasmtime to fail,
# expectations/wasmtime/linux.toml's http-service-uri, http-client-path-none
# and http-client-sent, pass with wacc.)
EXPECTED_FAILURES_P3 = {}


class Test:
    def __init__(self, suite, wasm):
        self.suite = suite
        self.wasm = wasm
        self.name = os.path.splitext(os.path.basename(wasm))[0]
        self.id = f"{suite}/{self.name}"
        self.args, self.env, self.root = [], {}, None
        self.exit_code, self.stdout, self.stderr = 0, None, None
        self.stdin = b""
        self.network = []  # connect/send/recv operations, in order
        self.servers = []  # http endpoint servers to start first
        self.requests = []  # http request operations, in order
        self.kill_signal = None
        self.proposals = []
        self.spec_error = None
        spec = os.path.splitext(wasm)[0] + ".json"
        if os.path.exists(spec):
            try:
                self.read_spec(spec)
            except (ValueError, KeyError, TypeError) as e:
                self.spec_error = f"cannot read {spec}: {e}"

    def read_spec(self, path):
        with open(path, encoding="utf-8") as f:
            config = json.load(f)
        if "operations" not in config:
            config = {"operations": [{"type": "run", **{k: config[k] for k in ("args", "env", "root") if k in config}},
                                     *([{"type": "read", "id": "stdout", "payload": config["stdout"]}]
                                       if config.get("stdout") is not None else []),
                                     *([{"type": "read", "id": "stderr", "payload": config["stderr"]}]
                                       if config.get("stderr") is not None else []),
                                     {"type": "wait", "exit_code": config.get("exit_code", 0)}]}
        self.proposals = list(config.get("proposals", []))
        self.servers = list(config.get("servers", []))
        if any(p not in PROPOSAL_FLAGS for p in self.proposals):
            raise ValueError(f"proposals {self.proposals} are not run here")
        for op in config["operations"]:
            kind = op["type"]
            if kind == "run":
                self.args = list(op.get("args", []))
                self.env = dict(op.get("env", {}))
                if op.get("root"):
                    self.root = os.path.join(os.path.dirname(path), op["root"])
            elif kind == "read":
                setattr(self, op.get("id", "stdout"), op.get("payload", ""))
            elif kind == "wait":
                self.exit_code = op.get("exit_code", 0)
            elif kind == "write" and op.get("id", "stdin") == "stdin":
                self.stdin += op.get("payload", "").encode("utf-8")
            elif kind == "connect" and op.get("protocol_type", "tcp") == "tcp":
                self.network.append(("connect", op.get("id", "server"), b""))
            elif kind in ("send", "recv"):
                self.network.append((kind, op["id"], op.get("payload", "").encode("utf-8")))
            elif kind == "request":
                self.requests.append(op)
            elif kind == "kill":
                self.kill_signal = getattr(signal, op.get("signal", "SIGTERM"))
            else:
                raise ValueError(f"operation '{kind}' is not run here")


def discover(tests_dir, preview="1"):
    found = []
    for suite in sorted(os.listdir(tests_dir)):
        folder = os.path.join(tests_dir, suite, "testsuite", f"wasm32-wasip{preview}")
        if not os.path.isdir(folder):
            continue
        for entry in sorted(os.listdir(folder)):
            if entry.endswith(".wasm"):
                found.append(Test(suite, os.path.join(folder, entry)))
    return found


def file_identity(path):
    st = os.stat(path)
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


class Runner:
    def __init__(self, args):
        self.args = args
        self.wacc = os.path.abspath(args.wacc)
        self.work = os.path.abspath(args.work)
        self.qemu = shutil.which("qemu-aarch64")
        tools = os.path.dirname(self.wacc)
        runtimes = [os.path.join(tools, "..", "lib", "wacc", t, "libwacc_rt.a") for t in TRIPLES.values()]
        compiler = os.path.join(tools, "wacc-compile")
        self.tool_identity = ";".join(file_identity(p) for p in [self.wacc, compiler, *runtimes] if os.path.exists(p))
        self.wrap_locks = {}
        self.lock = threading.Lock()

    def wrapped(self, test):
        """The adapter-wrapped component, made once per test."""
        out = os.path.join(self.work, "wrapped", test.suite, test.name + ".wasm")
        with self.lock:
            lock = self.wrap_locks.setdefault(test.id, threading.Lock())
        with lock:
            stamp = out + ".stamp"
            key = hashlib.sha256(open(test.wasm, "rb").read()).hexdigest()
            if os.path.exists(out) and os.path.exists(stamp) and open(stamp).read() == key:
                return out, None
            os.makedirs(os.path.dirname(out), exist_ok=True)
            p = subprocess.run([self.args.jco, "new", test.wasm, "--wasi-command", "-o", out + ".tmp"],
                               capture_output=True, text=True)
            if p.returncode != 0:
                return None, "jco new: " + (p.stderr.strip() or p.stdout.strip() or "failed").splitlines()[-1]
            os.replace(out + ".tmp", out)
            with open(stamp, "w") as f:
                f.write(key)
            return out, None

    def compile(self, test, mode, target, wasm):
        """wacc -O1 for the target, with the test's capabilities; reused
        while the input, the flags and the compiler are the same."""
        exe = os.path.join(self.work, "exe", f"{mode}-{target}", test.suite, test.name)
        flags = ["-O1", f"--target={TRIPLES[target]}"]
        for k, v in test.env.items():
            flags += ["--env", f"{k}={v}"]
        for server in test.servers:  # addresses known at run time
            flags += ["--env", "HTTP_SERVER_" + server["name"].upper()]
        if test.root:
            flags += ["--dir", f"{os.path.basename(os.path.normpath(test.root))}::/"]
        for proposal in test.proposals:
            flags += PROPOSAL_FLAGS[proposal]
        key = hashlib.sha256(open(wasm, "rb").read() + json.dumps([flags, self.tool_identity]).encode()).hexdigest()
        stamp = exe + ".stamp"
        if os.path.exists(exe) and os.path.exists(stamp) and open(stamp).read() == key:
            return exe, None
        os.makedirs(os.path.dirname(exe), exist_ok=True)
        p = subprocess.run([self.wacc, wasm, "-o", exe, *flags], capture_output=True, text=True)
        if p.returncode != 0:
            return None, "compile: " + (p.stderr.strip() or "wacc failed").splitlines()[0]
        with open(stamp, "w") as f:
            f.write(key)
        return exe, None

    def execute(self, test, target, exe):
        """One run in a fresh directory holding a copy of the test's root."""
        with tempfile.TemporaryDirectory(prefix="wasi-test-") as cwd:
            if test.root:
                shutil.copytree(test.root, os.path.join(cwd, os.path.basename(os.path.normpath(test.root))),
                                symlinks=True, ignore=shutil.ignore_patterns("*.cleanup"))
            name = os.path.basename(test.wasm)  # argv[0], as wasmtime gives it
            if target == "x86_64":
                argv, executable = [name, *test.args], exe
            else:
                argv, executable = [self.qemu, "-0", name, exe, *test.args], self.qemu
            timeout = self.args.timeout * (1 if target == "x86_64" else 4)
            endpoints = http_endpoints.Endpoints(test.servers) if test.servers else None
            try:
                env = endpoints.env if endpoints else {}
                if test.network:
                    p, problem = self.converse(test, argv, executable, cwd, timeout)
                    if problem:
                        return problem
                elif test.requests:
                    p, problem = self.serve(test, argv, executable, cwd, env, timeout)
                    if problem:
                        return problem
                else:
                    try:
                        p = subprocess.run(argv, executable=executable, cwd=cwd, env=env, input=test.stdin,
                                           capture_output=True, timeout=timeout)
                    except subprocess.TimeoutExpired:
                        return f"timed out after {timeout} s"
            finally:
                if endpoints:
                    endpoints.close()
        out = p.stdout.decode("utf-8", errors="replace")
        err = p.stderr.decode("utf-8", errors="replace")
        problems = []
        if p.returncode != test.exit_code:
            problems.append(f"exit code {p.returncode}, expected {test.exit_code}")
        for stream, actual, expected in (("stdout", out, test.stdout), ("stderr", err, test.stderr)):
            if expected is not None and actual[:len(expected)] != expected:
                problems.append(f"{stream} {actual[:len(expected) + 40]!r}, expected {expected!r}")
        if not problems:
            return None
        lines = (err.strip() or out.strip()).splitlines()
        # Rust's panic message says more than the trap that follows it.
        telling = [l for l in lines if "panicked" in l or "Errno" in l or "rror" in l or "assert" in l]
        detail = (telling or lines or [""])[0][:200]
        return "; ".join(problems) + (f" (output: {detail})" if detail else "")

    def converse(self, test, argv, executable, cwd, timeout):
        """Runs a server test: connects to the address it prints, sends and
        receives the payloads, then waits for it. (a CompletedProcess, None)
        or (None, what went wrong)."""
        p = subprocess.Popen(argv, executable=executable, cwd=cwd, env={}, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        expired = threading.Event()

        def expire():
            expired.set()
            p.kill()

        timer = threading.Timer(timeout, expire)
        timer.start()
        printed, sockets, problem = b"", {}, None
        try:
            for kind, name, payload in test.network:
                if kind == "connect":
                    line = p.stdout.readline()
                    printed += line
                    host, _, port = line.decode("utf-8", errors="replace").strip().rpartition(":")
                    if not port.isdigit():
                        problem = f"connect: expected <host>:<port> on stdout, got {line!r}"
                        break
                    sockets[name] = socket.create_connection((host, int(port)), timeout=timeout)
                elif kind == "send":
                    sockets[name].sendall(payload)
                else:
                    received = b""
                    while len(received) < len(payload):
                        chunk = sockets[name].recv(len(payload) - len(received))
                        if not chunk:
                            break
                        received += chunk
                    if received != payload:
                        problem = f"recv: {received!r}, expected {payload!r}"
                        break
        except (OSError, KeyError) as e:
            problem = f"{kind}: {e!r}"
        finally:
            for s in sockets.values():
                s.close()
        if problem:
            p.kill()
        out, err = p.communicate(input=test.stdin)
        timer.cancel()
        if expired.is_set():
            problem = f"timed out after {timeout} s" + (f" ({problem})" if problem else "")
        if problem:
            detail = err.decode("utf-8", errors="replace").strip().splitlines()
            return None, problem + (f" (output: {detail[0][:200]})" if detail else "")
        return subprocess.CompletedProcess(argv, p.returncode, printed + out, err), None

    def serve(self, test, argv, executable, cwd, env, timeout):
        """Runs a wasi:http/service test: starts the server on a free port,
        makes the requests, sends the kill signal and waits. (a
        CompletedProcess, None) or (None, what went wrong)."""
        argv = [*argv, "--addr", "127.0.0.1:0"]
        p = subprocess.Popen(argv, executable=executable, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        problem = None
        try:
            first = p.stderr.readline().decode("utf-8", errors="replace")
            at = first.find("http://")
            if at < 0:
                problem = f"expected the server's http:// address on stderr, got {first.strip()!r}"
            else:
                host, _, port = first[at + 7:].split()[0].rstrip("/").partition(":")
                for op in test.requests:
                    problem = self.request(op, host, int(port), timeout)
                    if problem:
                        break
        except (OSError, ValueError) as e:
            problem = f"request: {e!r}"
        if problem:
            p.kill()
        elif p.poll() is None:
            p.send_signal(test.kill_signal or signal.SIGTERM)
        out, err = p.communicate()
        timer.cancel()
        if problem:
            detail = [l for l in err.decode("utf-8", errors="replace").strip().splitlines() if "http://" not in l]
            return None, problem + (f" (output: {detail[0][:200]})" if detail else "")
        return subprocess.CompletedProcess(argv, p.returncode, out, err), None

    @staticmethod
    def request(op, host, port, timeout):
        """One `request` operation: None when the answer is as expected."""
        import http.client
        method, path = op.get("method", "GET"), op.get("path", "/")
        body = op.get("body", "")
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            connection.request(method, path, body=body.encode() if body else None, headers=op.get("headers", {}))
            response = connection.getresponse()
            data = response.read().decode("utf-8", errors="replace")
        finally:
            connection.close()
        expected = op.get("response", {})
        what = f"{method} {path}"
        if response.status != expected.get("status", 200):
            return f"{what}: status {response.status}, expected {expected.get('status', 200)}"
        for name, value in expected.get("headers", {}).items():
            if response.getheader(name) != value:
                return f"{what}: header {name}: {response.getheader(name)!r}, expected {value!r}"
        if data != expected.get("body", ""):
            return f"{what}: body {data[:100]!r}, expected {expected.get('body', '')!r}"
        return None

    def run_one(self, test, mode, target):
        """None when it passed, else what went wrong."""
        if test.spec_error:
            return test.spec_error
        wasm = test.wasm
        if mode == "wrapped":
            wasm, error = self.wrapped(test)
            if error:
                return error
        exe, error = self.compile(test, mode, target, wasm)
        if error:
            return error
        return self.execute(test, target, exe)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tests", default="", help="the suite's extracted tests/ (default: $WACC_WASI_TESTSUITE)")
    parser.add_argument("--wacc", default=os.path.join(ROOT, "build", "bin", "wacc"))
    parser.add_argument("--jco", default=os.path.join(ROOT, "tools", "jco", "node_modules", ".bin", "jco"))
    parser.add_argument("--work", help="where wrapped modules and executables are kept (default: wasi-testsuite/"
                        " in the build directory of --wacc)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=15, help="seconds per run on x86-64 (x4 under qemu)")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--only", help="comma-separated test names (suite/name or name)")
    parser.add_argument("--verbose", action="store_true", help="print each failure as it happens too")
    parser.add_argument("--no-skip", action="store_true", help="run the EXPECTED_FAILURES too (to check them)")
    parser.add_argument("--preview", default="1", choices=("1", "3"),
                        help="the wasm32-wasip1 modules (default) or the wasm32-wasip3 components (direct mode only;"
                        " with the http tests: their local servers are started here)")
    args = parser.parse_args()
    if args.preview == "3":
        args.modes = "direct"

    tests_dir = args.tests or os.environ.get("WACC_WASI_TESTSUITE", "")
    if not tests_dir:
        print(f"wasi-testsuite (wasm32-wasip{args.preview}): did not run: WACC_WASI_TESTSUITE not set (set it,"
              " or the CMake cache variable of the same name, to the tests/ folder of WebAssembly/wasi-testsuite's prod/testsuite-base branch)")
        return 0
    if os.path.isdir(os.path.join(tests_dir, "tests")):
        tests_dir = os.path.join(tests_dir, "tests")
    tests = discover(tests_dir, args.preview) if os.path.isdir(tests_dir) else []
    if not tests:
        print(f"wasi-testsuite: did not run: no */testsuite/wasm32-wasip{args.preview}/*.wasm under '{tests_dir}'"
              " (WACC_WASI_TESTSUITE must name the suite's extracted tests/ folder)")
        return 1
    if args.only:
        wanted = set(args.only.split(","))
        tests = [t for t in tests if t.id in wanted or t.name in wanted]
    if not os.access(args.wacc, os.X_OK):
        print(f"wasi-testsuite: did not run: no wacc at {args.wacc}")
        return 1
    if not args.work:
        args.work = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(args.wacc))), "wasi-testsuite")
    runner = Runner(args)
    expected_failures = {} if args.no_skip else (EXPECTED_FAILURES_P3 if args.preview == "3" else EXPECTED_FAILURES)
    modes = [m for m in args.modes.split(",") if m]
    targets = [t for t in args.targets.split(",") if t]
    unknown = [x for x in modes + targets if x not in MODES + TARGETS]
    if unknown:
        parser.error(f"unknown mode or target {', '.join(unknown)}")
    missing_tools = []
    if "wrapped" in modes and not os.access(args.jco, os.X_OK):
        missing_tools.append(("wrapped", None, f"no jco at {args.jco} (npm ci in tools/jco)"))
    if "aarch64" in targets and not runner.qemu:
        missing_tools.append((None, "aarch64", "no qemu-aarch64 on PATH (Debian package qemu-user)"))

    def runnable(mode, target):
        return not any((m in (None, mode)) and (t in (None, target)) for m, t, _ in missing_tools)

    print(f"wasi-testsuite: {len(tests)} tests from {tests_dir}; modes {', '.join(modes)};"
          f" targets {', '.join(targets)}; {args.jobs} jobs", flush=True)
    start = time.time()
    jobs = [(test, mode, target) for test in tests for mode in modes for target in targets
            if runnable(mode, target) and (test.id, mode) not in expected_failures]
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(runner.run_one, *job): job for job in jobs}
        for future in concurrent.futures.as_completed(futures):
            test, mode, target = futures[future]
            try:
                problem = future.result()
            except Exception as e:  # a bug here must not hide the other results
                problem = f"runner error: {e!r}"
            results[(test.id, mode, target)] = problem
            if problem and args.verbose:
                print(f"  FAIL {mode} {target} {test.id}: {problem}", flush=True)

    # Failures by group, a reason shared by many (every test of a mode wacc
    # cannot compile) shown for three of them and counted for the rest.
    by_path = {t.id: t.wasm for t in tests}
    for mode in modes:
        for target in targets:
            seen = {}
            for (tid, m, t), problem in sorted(results.items()):
                if m != mode or t != target or not problem:
                    continue
                reason = problem.replace(by_path[tid], "<test>.wasm")
                seen[reason] = seen.get(reason, 0) + 1
                if seen[reason] <= 3:
                    print(f"  FAIL {mode} {target} {tid}: {problem}")
            for reason, count in seen.items():
                if count > 3:
                    print(f"  FAIL {mode} {target}: {count - 3} more with: {reason}")

    failed_any = False
    for key, reason in sorted(expected_failures.items()):
        if key[1] in modes and any(t.id == key[0] for t in tests):
            print(f"  skipped {key[1]} {key[0]}: {reason}")
    for mode in modes:
        for target in targets:
            reasons = [r for m, t, r in missing_tools if m in (None, mode) and t in (None, target)]
            if reasons:
                print(f"wasi-testsuite: {mode} {target}: did not run: {'; '.join(reasons)}")
                failed_any = True
                continue
            group = [v for (tid, m, t), v in results.items() if m == mode and t == target]
            passed = sum(1 for v in group if v is None)
            skipped = sum(1 for t in tests if (t.id, mode) in expected_failures)
            failed = len(group) - passed
            failed_any |= failed > 0
            print(f"wasi-testsuite: {mode} {target}: {passed} passed, {failed} failed"
                  + (f" ({skipped} skipped, reasons above)" if skipped else ""))
    print(f"wasi-testsuite: {time.time() - start:.0f} s", flush=True)
    return 1 if failed_any else 0


if __name__ == "__main__":
    sys.exit(main())
