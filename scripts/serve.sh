#!/usr/bin/env bash
# Installs what is missing, builds the WebAssembly module and the static site into build/web/,
# and serves it on 127.0.0.1 (PORT, default 8000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh wasm
port="${PORT:-8000}"
echo "PadLab playground: http://127.0.0.1:${port}/"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory build/web
