// Build step (wasm/first_paint.cmake runs it after every site build). Two bundles, each a module
// graph (an entry and every module it imports statically) in one minified file:
// - the playground: WEB_DIR/playground/app.js -> playground/app.bundle.js, which index.html
//   loads instead (wasm/write_first_paint.mjs switches the tag). On this 2-core machine each
//   module request cost the main thread 5-14 ms (measured in a Chromium trace), 30 of them
//   delayed the first paint of the pre-rendered page by ~150 ms; one request does not.
// - the embeds: padlab-embed.src.js (the build's copy of web/padlab-embed.js) -> padlab-embed.js,
//   the public URL blogs load: one request and a third of the bytes of its 7 modules.
//   It carries its own copy of padlab_diagram.js, so a page that also imports padlab_diagram.js
//   itself gets a second diagram module instance; the embeds among themselves share one.
// Then the Emscripten glue (padlab_core.mjs, padlab_diagram.mjs; emcc writes it unminified
// without Closure) is minified in place: 9.5 -> 7.1 and 12.6 -> 9.4 KiB gzip. Idempotent.
//
// The bundle keeps the modules' own view of where they are:
// - `import.meta.url` in a module becomes that module's URL, computed from the bundle's
//   (new URL('../apply/panel.js', import.meta.url)), so workers and the wasm are found as before;
// - dynamic import() stays a separate, lazily loaded file (the engine glue, the saved-file
//   reader, the GIF encoder), with its path made relative to the bundle.
// Both hold when the site is served under any path prefix.
//
//   node wasm/bundle_site.mjs WEB_DIR
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const webDir = resolve(process.argv[2] ?? '.');
export const BUNDLES = [
  { entry: 'playground/app.js', out: 'playground/app.bundle.js' },
  { entry: 'padlab-embed.src.js', out: 'padlab-embed.js' },
];
const GLUE = ['padlab_core.mjs', 'padlab_diagram.mjs'];

const urlFrom = (outDir, file) => {
  const rel = relative(outDir, file).split('\\').join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
};

function relocate(outDir) {
  return {
    name: 'padlab-relocate',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        if (!args.path.startsWith('.')) return { path: args.path, external: true };  // node:fs/promises
        return { path: urlFrom(outDir, resolve(args.resolveDir, args.path)), external: true };
      });
      build.onLoad({ filter: /\.m?js$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const self = `new URL(${JSON.stringify(urlFrom(outDir, args.path))}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', self), loader: 'js' };
      });
    },
  };
}

for (const { entry, out } of BUNDLES) {
  const outfile = join(webDir, out);
  await esbuild.build({
    entryPoints: [join(webDir, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    keepNames: true,  // error classes and their .name stay what the API documents
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [relocate(dirname(outfile))],
  });
}

for (const glue of GLUE) {
  const file = join(webDir, glue);
  const { code } = await esbuild.transform(await readFile(file, 'utf8'), {
    minify: true, format: 'esm', target: 'es2022', legalComments: 'none', logLevel: 'warning',
  });
  await writeFile(file, code);
}
