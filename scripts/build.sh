#!/usr/bin/env bash
# Configures and builds one CMake preset: scripts/build.sh native|native-asan|wasm|fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:?usage: scripts/build.sh PRESET}"
export NODE_PATH=/usr/share/nodejs   # em++'s acorn optimizer under nodesource node (TOOLCHAIN.md §1)
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$(nproc)"
