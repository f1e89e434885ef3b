// Lays out the npm package's folder (scripts/pack.sh then runs `npm pack` in it):
//   node wasm/npm/stage.mjs WEB_DIR CLI_DIR OUT_DIR VERSION
// WEB_DIR: the built site (build/web); CLI_DIR: the wasm build's bin/ (padlab_cli.cjs + .wasm).
//
// The package is a flat copy of the site's public modules, so every file finds the next by a
// URL relative to its own (import.meta.url), and the folder works from node_modules, through a
// bundler and as a plain copy on a CDN alike:
//   padlab.js + padlab.d.ts    the JS API (`import { load } from 'padlab'`)
//   padlab_diagram.js + .d.ts  the diagrams alone, small module (`import { loadDiagrams } from 'padlab/diagram'`)
//   padlab-embed.js            the web components (`import 'padlab/embed'`)
//   and every module these two import, statically or by import('./...'), found by following
//   their import statements from the built files (so a new import ships without a list to
//   edit here); an Emscripten loader X.mjs brings its X.wasm; a vendor/ file its licence.
//   bin/padlab.mjs             the node CLI (wasm/npm/bin) and its wasm program (CLI_DIR)
// package.json (wasm/npm/package.json) maps "node:fs/promises" to false in its "browser" field:
// padlab.js imports it (dynamically, only in node) to read the .wasm, and esbuild's browser
// platform refuses to bundle a node: import otherwise ("Could not resolve").
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [webDir, cliDir, outDir, version] = process.argv.slice(2);
if (!version) {
  console.error('usage: node wasm/npm/stage.mjs WEB_DIR CLI_DIR OUT_DIR VERSION');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const ENTRIES = ['padlab.js', 'padlab_diagram.js', 'padlab-embed.js'];
const ALSO = ['padlab.d.ts', 'padlab_diagram.d.ts'];

// Relative module specifiers of a JS file: `import ... from './x'`, `export ... from './x'`,
// `import './x'` and `import('./x')` (string literals only).
function relativeImports(text) {
  const found = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*(['"])(\.{1,2}\/[^'"]+)\1/g,
    /\bimport\s*(['"])(\.{1,2}\/[^'"]+)\1/g,
    /\bimport\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[2]);
  return found;
}

// The site files the entries need, as paths relative to webDir.
function closure() {
  const files = new Set();
  const queue = [...ENTRIES];
  while (queue.length) {
    const rel = queue.shift();
    if (files.has(rel)) continue;
    const abs = path.join(webDir, rel);
    if (!fs.existsSync(abs)) throw new Error(`${rel} is imported but not in ${webDir}`);
    files.add(rel);
    if (!/\.m?js$/.test(rel)) continue;
    for (const spec of relativeImports(fs.readFileSync(abs, 'utf8'))) {
      queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)));
    }
  }
  for (const rel of [...files]) {
    const wasm = rel.replace(/\.mjs$/, '.wasm');  // an Emscripten loader locates its binary by name
    if (wasm !== rel && fs.existsSync(path.join(webDir, wasm))) files.add(wasm);
    const vendor = /^vendor\/([^/.]+)/.exec(rel);
    if (vendor) {  // vendor/fflate.LICENSE, vendor/gifenc.LICENSE.md, vendor/h5wasm/LICENSE.txt
      for (const name of fs.readdirSync(path.join(webDir, path.dirname(rel)))) {
        const lic = path.posix.join(path.posix.dirname(rel), name);
        if (/LICEN[CS]E/i.test(name) && (name.startsWith(vendor[1]) || path.posix.dirname(rel) !== 'vendor')) files.add(lic);
      }
    }
  }
  for (const rel of ALSO) files.add(rel);
  return [...files].sort();
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

fs.rmSync(outDir, { recursive: true, force: true });
const site = closure();
for (const rel of site) copy(path.join(webDir, rel), path.join(outDir, rel));
for (const name of fs.readdirSync(path.join(here, 'bin'))) copy(path.join(here, 'bin', name), path.join(outDir, 'bin', name));
for (const name of ['padlab_cli.cjs', 'padlab_cli.wasm']) copy(path.join(cliDir, name), path.join(outDir, 'bin', name));
fs.chmodSync(path.join(outDir, 'bin', 'padlab.mjs'), 0o755);
copy(path.join(here, 'README.md'), path.join(outDir, 'README.md'));
const manifest = fs.readFileSync(path.join(here, 'package.json'), 'utf8').replace('@PADLAB_VERSION@', version);
fs.writeFileSync(path.join(outDir, 'package.json'), manifest);

// padlab.js (through padlab_checks.js) states its version too (and the wasm module has it
// compiled in): one number.
const stated = /export const version = '([^']+)'/.exec(fs.readFileSync(path.join(webDir, 'padlab_checks.js'), 'utf8'))?.[1];
if (stated !== version) throw new Error(`padlab_checks.js says version ${stated}, the CMake project ${version}`);
console.log(`staged ${site.length} site files + bin/ in ${outDir}`);
