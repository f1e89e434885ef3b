// Build step (wasm/first_paint.cmake runs it after every site build): rewrites WEB_DIR/index.html
// in place between its markers, so the first round trip already asks for everything the page
// needs:
//   <!-- begin preloads --> ... <!-- end preloads -->
//     <link rel="preload" as="fetch" crossorigin> for padlab_core.wasm: the Emscripten glue
//     fetches it with fetch(url, {credentials: 'same-origin'}) and compiles the response with
//     WebAssembly.instantiateStreaming (padlab.js passes only locateFile in a browser; wasmBinary
//     or instantiateWasm would turn streaming off), and a CORS-mode, same-origin-credentials
//     preload is what such a fetch reuses (one download);
//     <link rel="modulepreload"> for the page's whole static import graph from playground/app.js
//     plus padlab_core.mjs (imported by padlab.js's load()), so the modules no longer load as a
//     waterfall of import levels.
// Idempotent: the text between the markers is replaced, so running it twice changes nothing.
//
//   node wasm/write_first_paint.mjs WEB_DIR
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const webDir = resolve(process.argv[2] ?? '.');
const ENTRY = 'playground/app.js';
// Loaded by padlab.js's load() through a dynamic import, on every page start.
// First in the list with the wasm: they are the longest path to a live engine.
const FIRST = ['padlab_core.mjs', 'padlab.js', 'padlab_vocabulary.js'];

// The static imports of an ES module (import ... from '...', export ... from '...', import '...').
// Dynamic import() is left out on purpose: those load on demand (a GIF export, a saved file).
const IMPORT_RE = /^[ \t]*(?:import|export)[ \t\n][^;'"]*?from[ \t\n]*['"]([^'"]+)['"]|^[ \t]*import[ \t]*['"]([^'"]+)['"]/gm;

export function staticGraph(root, entry) {
  const order = [];
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.')) walk(resolve(dirname(file), spec));
    }
    order.push(file);  // dependencies first
  };
  walk(join(root, entry));
  return order.map((f) => relative(root, f).split('\\').join('/'));
}

export function replaceBetween(html, name, body) {
  const begin = `<!-- begin ${name} -->`;
  const end = `<!-- end ${name} -->`;
  const i = html.indexOf(begin);
  const j = html.indexOf(end);
  if (i < 0 || j < i) throw new Error(`index.html has no ${begin} ... ${end} markers`);
  return html.slice(0, i + begin.length) + body + html.slice(j);
}

function preloads() {
  const graph = staticGraph(webDir, ENTRY).reverse();  // app.js first, then what it imports
  const modules = [...FIRST, ...graph.filter((m) => !FIRST.includes(m))];
  for (const m of modules) if (!existsSync(join(webDir, m))) throw new Error(`${m} is missing from ${webDir}`);
  const lines = [
    '<link rel="preload" href="padlab_core.wasm" as="fetch" type="application/wasm" crossorigin>',
    ...modules.map((m) => `<link rel="modulepreload" href="${m}">`),
  ];
  return '\n  ' + lines.join('\n  ') + '\n  ';
}

const indexPath = join(webDir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
html = replaceBetween(html, 'preloads', preloads());
writeFileSync(indexPath, html);
