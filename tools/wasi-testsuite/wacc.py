"""A runtime adapter for WebAssembly/wasi-testsuite that runs each test with
`wacc run`, as the suite's adapters/wasmtime.py does with `wasmtime run`:

    ./run-tests --runtime-adapter /path/to/wacc/tools/wasi-testsuite/wacc.py

`wacc` is taken from PATH, or from $WACC (split as a shell would:
WACC="/path/to/build/bin/wacc -O1"). The first run of each test compiles it
into wacc's cache ($XDG_CACHE_HOME/wacc), hence the longer timeout.
"""
import os
import shlex
import subprocess
from typing import Dict, List, Optional, Tuple

# shlex.split() splits according to shell quoting rules
WACC = shlex.split(os.getenv("WACC", "wacc"), posix=os.name != "nt")


def get_name() -> str:
    return "wacc"


def get_version() -> str:
    # `wacc --version`: "wacc version 0.1.0 (LLVM 22.1.8)"
    result = subprocess.run(WACC[0:1] + ["--version"], encoding="UTF-8", capture_output=True, check=True)
    return result.stdout.splitlines()[0].split(" ")[2]


def get_wasi_versions() -> List[str]:
    return ["wasm32-wasip1", "wasm32-wasip3"]


def get_wasi_worlds() -> List[str]:
    # A wasi:http/service component compiles to an HTTP server, which
    # prints its http:// address on stderr as `wasmtime serve` does.
    return ["wasi:cli/command", "wasi:http/service"]


def get_timeout_seconds() -> float:
    # A cache miss compiles the test first.
    return 60


def compute_argv(test_path: str,
                 args_env_root: Tuple[List[str], Dict[str, str], Optional[str]],
                 proposals: List[str],
                 wasi_world: str,
                 wasi_version: str) -> List[str]:
    args, env, root = args_env_root
    # wacc's options from $WACC go first, then the test's, then `run`'s
    # file and the program's arguments.
    argv = WACC[0:1] + ["run"] + WACC[1:]
    for k, v in env.items():
        argv += ["--env", f"{k}={v}"]
    if root:
        argv += ["--dir", f"{root}::/"]  # noqa: E231
    if "sockets" in proposals or "http" in proposals:
        argv += ["-S", "inherit-network"]
    argv += [test_path]
    argv += args
    if wasi_world == "wasi:http/service":
        argv += ["--addr", "127.0.0.1:0"]
    return argv
