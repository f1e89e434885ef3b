#!/usr/bin/env bash
# Builds the npm package:  scripts/pack.sh [-DVAR=VALUE ...]   (-D arguments go to the wasm configure)
#   1. the site and the node CLI (build preset `npm`: build/web + build/wasm/bin/padlab_cli.cjs)
#   2. the package folder build/npm/package (wasm/npm/stage.mjs: the site's public modules and
#      what they import, bin/padlab.mjs, package.json at the CMake project version)
#   3. exactly one tarball, build/npm/padlab-<version>.tgz (npm pack), whose path it prints last
# Install it anywhere with `npm install /path/to/padlab-<version>.tgz` (tests/npm/test_pack.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh serve >/dev/null
scripts/build.sh npm "$@"
cache=build/wasm/CMakeCache.txt
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$cache")
web=$(sed -n 's/^PADLAB_WEB_DIR:PATH=//p' "$cache")
[ -n "$version" ] || { echo "scripts/pack.sh: no project version in $cache" >&2; exit 1; }
rm -rf build/npm
mkdir -p build/npm
node wasm/npm/stage.mjs "${web:-$PWD/build/web}" build/wasm/bin build/npm/package "$version"
(cd build/npm/package && npm pack --pack-destination .. --loglevel=error >/dev/null)
tarballs=(build/npm/*.tgz)
if [ "${#tarballs[@]}" -ne 1 ] || [ "${tarballs[0]}" != "build/npm/padlab-$version.tgz" ]; then
  echo "scripts/pack.sh: expected build/npm/padlab-$version.tgz alone, got: ${tarballs[*]}" >&2
  exit 1
fi
echo "$PWD/${tarballs[0]}"
