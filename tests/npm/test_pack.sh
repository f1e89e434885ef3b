#!/usr/bin/env bash
# The npm package as a user gets it, never from the source tree: scripts/pack.sh's tarball
# (or the one given), `npm install`ed offline into a fresh temporary folder, then
#   1. the node API: import { load } from 'padlab' summarizes the seed model as Keras prints it
#   2. the node CLI: tests/cli/test_cli.sh, the native CLI's suite, against node_modules/.bin/padlab
#   3. pages (tests/npm/pages.test.mjs, Chromium): an esbuild bundle importing 'padlab', and a
#      copy of the package folder used CDN-style with one <script type="module"> tag
# Usage: tests/npm/test_pack.sh [PADLAB_TGZ]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tgz="${1:-}"
if [ -z "$tgz" ]; then
  tgz=$("$repo/scripts/pack.sh" | tail -n 1) || { echo "test_pack: scripts/pack.sh failed" >&2; exit 1; }
fi
[ -f "$tgz" ] || { echo "test_pack: no tarball $tgz" >&2; exit 1; }
tgz="$(cd "$(dirname "$tgz")" && pwd)/$(basename "$tgz")"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
step() {  # step NAME COMMAND...
  local name="$1"; shift
  if "$@"; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; return 1; fi
}

install_package() {
  cd "$tmp" && echo '{ "private": true, "type": "module" }' > package.json &&
    npm install --offline --no-audit --no-fund --loglevel=error "$tgz" >/dev/null &&
    test -x node_modules/.bin/padlab && cd - >/dev/null
}
step "npm install of $(basename "$tgz") offline, no dependencies" install_package ||
  { echo "npm: $pass passed, $((fail)) failed (nothing installed to test)"; exit 1; }
pkg="$tmp/node_modules/padlab"

node_api() {
  (cd "$tmp" && node --input-type=module - "$here/../cli/seed_valid.py" "$here/../cli/expected/seed_valid.keras2.txt") <<'JS'
import fs from 'node:fs';
import assert from 'node:assert/strict';
import { load, version, vocabulary } from 'padlab';
const [source, expected] = process.argv.slice(2);
const pl = await load();
assert.equal(pl.version, version);
assert.ok(vocabulary.summaryStyles.names.includes('keras3'));
assert.equal(pl.summary(fs.readFileSync(source, 'utf8')).text, fs.readFileSync(expected, 'utf8'));
// The type declarations and the embed entry resolve through the exports map.
const manifest = JSON.parse(fs.readFileSync('node_modules/padlab/package.json', 'utf8'));
assert.ok(fs.existsSync(new URL(manifest.exports['.'].types, import.meta.resolve('padlab/package.json'))));
assert.ok(fs.existsSync(new URL(import.meta.resolve('padlab/embed'))));
assert.deepEqual(manifest.dependencies ?? {}, {});
// padlab/diagram: the diagram-only module, the same pictures as the engine's.
const { loadDiagrams } = await import('padlab/diagram');
const diagrams = await loadDiagrams();
const causal = { input: 8, kernel: 4, padding: 'causal' };
assert.equal(diagrams.diagramSvg(causal, { animate: true }), pl.diagramSvg(causal, { animate: true }));
assert.ok(fs.existsSync(new URL(manifest.exports['./diagram'].types, import.meta.resolve('padlab/package.json'))));
JS
}
step "node API: load(), the seed model's Keras 2 table; padlab/diagram" node_api
step "node CLI: tests/cli/test_cli.sh against node_modules/.bin/padlab" bash "$repo/tests/cli/test_cli.sh" "$tmp/node_modules/.bin/padlab"

bundle() {
  mkdir -p "$tmp/site/bundle" && cd "$tmp" &&
    cp "$here/pages/bundle-entry.js" "$here/pages/bundle.html" site/bundle/ &&
    "$repo/node_modules/.bin/esbuild" site/bundle/bundle-entry.js --bundle --splitting --format=esm \
      --platform=browser --outdir=site/bundle/dist --log-level=warning &&
    cp node_modules/padlab/padlab_core.wasm node_modules/padlab/padlab_diagram.wasm site/bundle/dist/ && cd - >/dev/null
}
step "esbuild bundles a page importing 'padlab'" bundle
cp "$here/pages/cdn.html" "$tmp/site/"
step "pages in Chromium: the bundle, and the package folder CDN-style" \
  env PADLAB_NPM_SITE="$tmp/site" PADLAB_NPM_PACKAGE="$pkg" node --test "$here/pages.test.mjs"

echo "npm: $pass passed, $fail failed"
exit $((fail > 0))
