#!/usr/bin/env bash
# Configures and builds one CMake build preset (CMakePresets.json):
#   scripts/build.sh PRESET [-DVAR=VALUE ...]
#     native  build/native: core, bin/padlab, Catch2 tests (g++)
#     scalar  build/native: only kernel_tests_scalar (the kernels with PADLAB_FORCE_SCALAR)
#     asan    build/sanitize: Catch2 tests + CLI under ASan + UBSan (clang-14)
#     fuzz    build/sanitize: only the libFuzzer targets (the same library objects as asan)
#     wasm    build/wasm: everything, incl. the wasm Catch2 tests and the site in build/web/
#     site    build/wasm: only the wasm module + the site (what scripts/serve.sh needs)
#     npm     build/wasm: the site and the node CLI (bin/padlab_cli.cjs): what scripts/pack.sh packs
# Extra -D arguments go to the configure step (scripts/test.sh passes -DPADLAB_WERROR=ON).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:?usage: scripts/build.sh PRESET [-DVAR=VALUE ...]}"
shift
configure=$(python3 -c '
import json, sys
presets = json.load(open("CMakePresets.json"))["buildPresets"]
print(next((p["configurePreset"] for p in presets if p["name"] == sys.argv[1]), ""))' "$preset")
if [ -z "$configure" ]; then
  echo "scripts/build.sh: no build preset '$preset' (see cmake --list-presets=build)" >&2
  exit 2
fi
export NODE_PATH=/usr/share/nodejs   # em++'s acorn optimizer under nodesource node (TOOLCHAIN.md §1)
# ccache keys on paths below here relative to the tree, so another clone shares the cache.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
cmake --preset "$configure" "$@" >/dev/null
cmake --build --preset "$preset" -j"$(nproc)"
