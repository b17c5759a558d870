#!/usr/bin/env bash
# Installs every Debian package inlet's build, tests and benchmarks need, and the npm test peers.
# Safe to run any number of times: it installs only what is missing.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config ccache
  # libraries (found in the top-level CMakeLists.txt)
  zlib1g-dev libzstd-dev libsnappy-dev libssl-dev libsqlite3-dev libsimdjson-dev libfmt-dev
  libedit-dev liblz4-dev libbrotli-dev libbz2-dev liblzma-dev libisal-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev time
  # test/sql/copy/csv_compression.test makes its inputs with these
  bzip2 xz-utils lz4 zstd
  # the fuzz smoke run of make test (fuzz/smoke.sh): clang and its libFuzzer runtime
  clang libclang-rt-14-dev
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

# Node.js runs the DuckDB oracle; a machine that already has node and npm (from any source) keeps
# them, since Debian's npm package conflicts with other Node.js builds.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# DuckDB, the test oracle that reads back what inlet writes (never committed, pinned by the lock).
# `npm install --no-save` rather than `npm ci`: npm 11 writes lock files without the other
# platforms' optional DuckDB bindings and then refuses its own lock in `npm ci`.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -d "$here/test/oracle/node_modules/@duckdb/node-api" ]; then
  (cd "$here/test/oracle" && npm install --no-save --no-audit --no-fund --loglevel=error)
fi
