// Build step (wasm/first_paint.cmake runs it after every site build, after
// wasm/bundle_site.mjs): rewrites WEB_DIR/index.html in place, so the page paints the seed's
// summaries before any module has run and the first round trip already asks for the rest:
//   the module script: playground/app.bundle.js instead of playground/app.js;
//   <!-- begin preloads --> ... <!-- end preloads -->
//     <link rel="preload" as="fetch" crossorigin> for padlab_core.wasm: the Emscripten glue
//     fetches it with fetch(url, {credentials: 'same-origin'}) and compiles the response with
//     WebAssembly.instantiateStreaming (padlab.js passes only locateFile in a browser; wasmBinary
//     or instantiateWasm would turn streaming off), and a CORS-mode, same-origin-credentials
//     preload is what such a fetch reuses (one download);
//     <link rel="modulepreload"> for padlab_core.mjs (the glue padlab.js's load() imports), so
//     it does not wait for the bundle to run.
//   <!-- begin seed panes --> ... <!-- end seed panes -->
//     both model panes as the playground opens them with no link and nothing stored (the
//     blog's seed example, the default summary style): the pane template filled with the seed
//     code and the Keras summary text that the engine of this very build computes, through the
//     same padlab.js summary() the page calls. The page shows them before any module has run;
//     app.js adopts them (ModelPane) and the live engine then takes over.
//   <!-- begin seed check --> ... <!-- end seed check -->
//     the <script> tag of shared/seed-check.js, carrying the seed state in data attributes: it
//     hides the panes before first paint when the visit opens another state (a link, a stored
//     playground).
// Idempotent: running it twice changes nothing.
//
//   node wasm/write_first_paint.mjs WEB_DIR
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const webDir = resolve(process.argv[2] ?? '.');
// The page's one module (wasm/bundle_site.mjs) and what it always loads next: padlab.js's
// load() imports the engine glue, which fetches the wasm.
const BUNDLE = 'playground/app.bundle.js';
// index.html's source names the unbundled module (so web/ is readable as it is); the build's
// copy names the bundle.
const MODULE_TAG = /<script type="module" src="playground\/app(?:\.bundle)?\.js"><\/script>/;
const LATER = ['padlab_core.mjs'];

export function replaceBetween(html, name, body) {
  const begin = `<!-- begin ${name} -->`;
  const end = `<!-- end ${name} -->`;
  const i = html.indexOf(begin);
  const j = html.indexOf(end);
  if (i < 0 || j < i) throw new Error(`index.html has no ${begin} ... ${end} markers`);
  return html.slice(0, i + begin.length) + body + html.slice(j);
}

function preloads() {
  for (const m of [BUNDLE, ...LATER]) if (!existsSync(join(webDir, m))) throw new Error(`${m} is missing from ${webDir}`);
  const lines = [
    '<link rel="preload" href="padlab_core.wasm" as="fetch" type="application/wasm" crossorigin>',
    ...LATER.map((m) => `<link rel="modulepreload" href="${m}">`),
  ];
  return '\n  ' + lines.join('\n  ') + '\n  ';
}

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// The markup with one part filled: `pattern` must match exactly once, or index.html changed
// under this writer (a build error, not a silently stale first paint).
function fill(markup, pattern, replace) {
  const hits = markup.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
  if (hits !== 1) throw new Error(`index.html has ${hits} matches of ${pattern} (want 1)`);
  return markup.replace(pattern, replace);
}

async function seedPanes(html) {
  const template = html.match(/<template id="pane-template">\s*([\s\S]*?)\s*<\/template>/);
  if (!template) throw new Error('index.html has no <template id="pane-template">');
  const web = (rel) => import(pathToFileURL(join(webDir, rel)).href);
  const [{ load }, { defaultState }, { findExample }] = await Promise.all([
    web('padlab.js'), web('playground/url-state.js'), web('playground/seed-models.js'),
  ]);
  const engine = await load();
  const seed = defaultState();
  const example = findExample(seed.example);
  const panes = ['a', 'b'].map((key) => {
    const code = seed[key];
    const text = engine.summary(code, { style: seed.style, receptiveField: seed.rf }).text;
    const lines = code.split('\n').map((_, i) => `<span>${i + 1}</span>`).join('');
    let m = template[1];
    m = fill(m, /<section class="pane">/, `<section class="pane" id="pane-${key}" data-pane="${key}" data-prerendered>`);
    m = fill(m, /<span class="pane-tag"><\/span>/, `<span class="pane-tag">${key.toUpperCase()}</span>`);
    m = fill(m, /<span class="pane-title"><\/span>/, () => `<span class="pane-title">${escapeHtml(example[key].title)}</span>`);
    m = fill(m, /<div class="gutter" aria-hidden="true"><\/div>/, `<div class="gutter" aria-hidden="true"><div class="gutter-inner">${lines}</div></div>`);
    // The newline after <textarea> is dropped by the HTML parser, so code may start with one.
    m = fill(m, /(<textarea class="code"[^>]*>)(<\/textarea>)/, (_, open, close) => `${open.replace('<textarea', `<textarea id="code-${key}"`)}\n${escapeHtml(code)}${close}`);
    m = fill(m, /(<pre class="summary-text"[^>]*>)(<\/pre>)/, (_, open, close) => `${open}${escapeHtml(text)}${close}`);
    return m;
  });
  const attr = (text) => escapeHtml(text).replace(/"/g, '&quot;');
  const check = `<script src="shared/seed-check.js" data-example="${attr(seed.example)}" data-style="${attr(seed.style)}"` +
    ` data-a="${attr(seed.a)}" data-b="${attr(seed.b)}"></script>`;
  return { panes: '\n' + panes.join('\n') + '\n', check };
}

const indexPath = join(webDir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
html = replaceBetween(html, 'preloads', preloads());
html = fill(html, MODULE_TAG, `<script type="module" src="${BUNDLE}"></script>`);
const seed = await seedPanes(html);
html = replaceBetween(html, 'seed panes', seed.panes);
html = replaceBetween(html, 'seed check', seed.check);
writeFileSync(indexPath, html);
