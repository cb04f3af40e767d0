#!/usr/bin/env bash
# One-time set-up on Debian 12 (run as root): installs what is missing,
# builds wacc into build/, then compiles and runs the WASI hello world.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(
  cmake ninja-build ccache python3 nodejs
  llvm-22-dev liblld-22-dev lld-22 clang-22 llvm-22-tools libabsl-dev wabt
  qemu-user wasi-libc libclang-rt-22-dev-wasm32 libclang-rt-22-dev
  curl wrk libmimalloc-dev strace
  # The differential fuzzers' generators (fuzz/differential): binaryen's
  # wasm-opt makes random modules, csmith random C programs.
  binaryen csmith libcsmith-dev
  # BearSSL's source package for the runtime's TLS (cmake/fetch-debian-source.sh),
  # and the system CA store and openssl for https:// and its tests.
  dpkg-dev debian-archive-keyring ca-certificates openssl
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Test tooling (jco), pinned by tools/jco/package-lock.json.
# `npm ci` installs exactly the lock and never rewrites it, so a fresh clone
# stays clean; the lock is committed as npm writes it (with every platform's
# optional packages listed).
if [ ! -x tools/jco/node_modules/.bin/jco ] || [ tools/jco/package-lock.json -nt tools/jco/node_modules/.package-lock.json ]; then
  echo "setup: installing jco"
  npm ci --prefix tools/jco --no-audit --no-fund --loglevel=error
fi

spec_suite=""
[ -d ../shared/spec-testsuite ] && spec_suite=$(cd ../shared/spec-testsuite && pwd)
# WebAssembly/wasi-testsuite's tests/, when someone has put it there (nothing
# is fetched here); without it `check` says the suite did not run.
wasi_suite=""
[ -d ../shared/wasi-testsuite/tests ] && wasi_suite=$(cd ../shared/wasi-testsuite/tests && pwd)
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release -DWACC_SPEC_TESTSUITE="$spec_suite" \
  -DWACC_WASI_TESTSUITE="$wasi_suite"
cmake --build build

echo "setup: compiling the WASI hello world"
test/tools/wasi-component test/Run/Inputs/hello.wat build/hello.wasm
build/bin/wacc build/hello.wasm -o build/hello
build/hello
