# lit configuration for wacc's tests.
import os
import shutil
import sys

import lit.formats

config.name = "wacc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".wat", ".test", ".c"]
config.excludes = ["Inputs", "tools", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.wacc_obj_root, "test")

llvm_bin = "/usr/lib/llvm-22/bin"
config.environment["PATH"] = os.pathsep.join(
    [config.wacc_tools_dir, llvm_bin, config.environment.get("PATH", os.environ.get("PATH", ""))])

jco_dir = os.path.join(config.wacc_src_root, "tools", "jco")
jco = os.path.join(jco_dir, "node_modules", ".bin", "jco")
config.substitutions.append(("%wacc_rt_dir", config.wacc_runtime_dir))
# The runtime's generated headers (wacc/WasiHostFunctions.h), for tests that
# compile against the runtime (test/Runtime/Inputs/build.sh reads the variable).
config.substitutions.append(("%wacc_rt_include", config.wacc_runtime_include))
config.environment["WACC_RT_INCLUDE"] = config.wacc_runtime_include
config.substitutions.append(("%wasi-component", os.path.join(config.test_source_root, "tools", "wasi-component")))
config.substitutions.append(("%wasi-wit", os.path.join(config.test_source_root, "tools", "wasi-wit")))
config.substitutions.append(("%jco_wit", os.path.join(jco_dir, "node_modules", "@bytecodealliance", "jco",
                                                      "lib", "wit", "builtin", "0.2.12")))
config.substitutions.append(("%jco", jco))
# componentize-js (pinned in tools/jco) reads the WIT folder through
# preview2-shim, which sees only preopened directories: preopen.mjs opens /.
config.substitutions.append(("%componentize-js", "node --import {} {}".format(
    os.path.join(jco_dir, "preopen.mjs"), os.path.join(jco_dir, "node_modules", ".bin", "componentize-js"))))
# Before %wacc, which is a prefix of them.
config.substitutions.append(("%wacc-spectest", os.path.join(config.wacc_tools_dir, "wacc-spectest")))
config.substitutions.append(("%wacc-wast", os.path.join(config.wacc_tools_dir, "wacc-wast")))
config.substitutions.append(("%wacc_path", os.path.join(config.wacc_tools_dir, "wacc")))  # without wacc-flags
config.substitutions.append(("%python", sys.executable))
# `lit --param wacc-flags='-O0 --partitions=4'` runs the suite with extra wacc
# flags (tests that check a flag's own effect may then disagree).
wacc_flags = lit_config.params.get("wacc-flags", "")
config.substitutions.append(("%wacc", os.path.join(config.wacc_tools_dir, "wacc") + (" " + wacc_flags if wacc_flags else "")))
config.substitutions.append(("%FileCheck", config.filecheck))
config.substitutions.append(("%clang22", shutil.which("clang-22") or "clang-22"))
config.substitutions.append(("%ldlld", shutil.which("ld.lld-22") or "ld.lld-22"))

# AArch64 executables run under user-mode qemu (there is no binfmt here).
if config.qemu_aarch64:
    config.available_features.add("qemu-aarch64")
    config.substitutions.append(("%run-aarch64", config.qemu_aarch64))
if os.path.exists(jco):
    config.available_features.add("jco")
if config.spec_testsuite and os.path.isdir(config.spec_testsuite):
    config.available_features.add("spec-testsuite")
    config.substitutions.append(("%spec_testsuite", config.spec_testsuite))

# Strict by default (what `check` and CI run): every tool the suite needs
# must be here, so that a broken set-up fails instead of passing with tests
# quietly UNSUPPORTED. `lit --param strict=0` lets a developer without them
# run the rest; the x86-64 RUN lines never depend on qemu (`%if qemu-aarch64`).
needed = {
    "qemu-aarch64 (Debian package qemu-user)": "qemu-aarch64" in config.available_features,
    "jco (tools/jco, npm ci by setup.sh)": "jco" in config.available_features,
    "clang-22": shutil.which("clang-22") is not None,
    "ld.lld-22": shutil.which("ld.lld-22") is not None,
    # Http/https.test makes its certificates and reads the system's CA bundle.
    "openssl (Debian package openssl)": shutil.which("openssl") is not None,
    # Http/serve-syscalls.test counts a served request's system calls.
    "strace (Debian package strace)": shutil.which("strace") is not None,
    # Fuzz/differential.test makes its modules with binaryen's translate-to-fuzz,
    # Fuzz/csmith.test its C programs with csmith.
    "wasm-opt (Debian package binaryen)": shutil.which("wasm-opt") is not None,
    "csmith (Debian packages csmith, libcsmith-dev)":
        shutil.which("csmith") is not None and os.path.isdir("/usr/include/csmith"),
    "/etc/ssl/certs/ca-certificates.crt (Debian package ca-certificates)":
        os.path.exists("/etc/ssl/certs/ca-certificates.crt"),
    "the spec test suite (CMake's WACC_SPEC_TESTSUITE, set by setup.sh from ../shared/spec-testsuite)":
        "spec-testsuite" in config.available_features,
}
missing = [name for name, present in needed.items() if not present]
if missing:
    if lit_config.params.get("strict", "1") != "0":
        lit_config.fatal("missing " + "; ".join(missing) +
                         ": run ./setup.sh (or `lit --param strict=0` to run only what does not need them)")
    lit_config.warning("strict=0: tests needing " + "; ".join(missing) + " are UNSUPPORTED")
