#!/usr/bin/env bash
# Installs what serving needs (scripts/setup.sh serve: no g++, clang, Catch2 or Chromium),
# builds only the site (the WebAssembly module + padlab.js + web/ into build/web/, not the
# Catch2 tests: build preset `site`), and serves it on 127.0.0.1 (PORT, default 8000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh serve
scripts/build.sh site
port="${PORT:-8000}"
echo "PadLab playground: http://127.0.0.1:${port}/"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory build/web
