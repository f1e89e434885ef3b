#!/usr/bin/env bash
# Runs every PadLab test after installing and building what is missing.
#   native Catch2 (incl. golden TF.js fixtures) | ASan+UBSan Catch2 | wasm Catch2 under node |
#   fuzz regression corpus | node tests of padlab.js | browser tests in Chromium
# Runs all stages, then exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || { echo "setup failed"; exit 1; }
export NODE_PATH=/usr/share/nodejs

passed=0; failed=0; failures=()
stage() {
  local name="$1"; shift
  echo; echo "==== $name"
  local t0=$SECONDS
  if "$@"; then passed=$((passed + 1)); echo "==== $name: ok ($((SECONDS - t0)) s)"
  else failed=$((failed + 1)); failures+=("$name"); echo "==== $name: FAILED ($((SECONDS - t0)) s)"; fi
}
preset_tests() { scripts/build.sh "$1" && ctest --preset "$1" -j"$(nproc)"; }

stage "native"      preset_tests native
stage "native-asan" preset_tests native-asan
stage "wasm"        preset_tests wasm
stage "fuzz"        preset_tests fuzz
if compgen -G "tests/node/*.test.mjs" >/dev/null; then
  stage "node"      node --test tests/node/
fi
if compgen -G "tests/browser/*.test.mjs" >/dev/null; then
  stage "browser"   node --test --test-concurrency=1 tests/browser/
fi

echo
((failed)) && echo "failed stages: ${failures[*]}"
echo "stages: $passed passed, $failed failed"
exit $((failed > 0))
