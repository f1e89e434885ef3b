// load(), version, and the built site: what a browser gets must also work in node.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { padlab, pl, repoRoot, webDir } from './site.mjs';

test('version is exported and matches the wasm module and the CMake project', () => {
  assert.match(padlab.version, /^\d+\.\d+\.\d+$/);
  assert.equal(pl.version, padlab.version);
  const cmake = readFileSync(join(repoRoot, 'CMakeLists.txt'), 'utf8');
  assert.equal(cmake.match(/project\(padlab VERSION (\S+)/)[1], padlab.version);
});

test('load() caches one instance per wasm URL', async () => {
  assert.equal(await padlab.load(), pl);
  assert.equal(await padlab.load({}), pl);
  assert.equal(await padlab.load({ wasmUrl: './padlab_core.wasm' }), pl);
  assert.equal(await padlab.load({ wasmUrl: pathToFileURL(join(webDir, 'padlab_core.wasm')) }), pl);
});

test('a second URL is a second instance with its own heap', async () => {
  const url = pathToFileURL(join(webDir, 'padlab_core.wasm')).href + '?second';
  const other = await padlab.load({ wasmUrl: url });
  assert.notEqual(other, pl);
  assert.deepEqual(Array.from(other.pad([1, 2], [2], [[0, 1]]).data), [1, 2, 0]);
  assert.equal(await padlab.load({ wasmUrl: url }), other);
});

test('a missing wasm rejects with a LoadError, and is not cached', async () => {
  const bad = { wasmUrl: './no-such-file.wasm' };
  for (let i = 0; i < 2; i++) {
    await assert.rejects(padlab.load(bad), (e) => e instanceof padlab.PadlabError && e.kind === 'LoadError' &&
                                                /no-such-file\.wasm/.test(e.message));
  }
  await assert.rejects(padlab.load('x'), (e) => e instanceof padlab.PadlabError && e.kind === 'ArgumentError');
  await assert.rejects(padlab.load({ wasmUrl: 3 }), (e) => e.kind === 'ArgumentError');
  await assert.rejects(padlab.load({ wasmUrl: 'http://[' }), (e) => e.kind === 'ArgumentError');
});

test('padlab.js has no static node imports and the loader has no eval (CSP)', () => {
  const api = readFileSync(join(webDir, 'padlab.js'), 'utf8');
  assert.doesNotMatch(api, /^import .* from 'node:/m);
  const loader = readFileSync(join(webDir, 'padlab_core.mjs'), 'utf8');
  assert.doesNotMatch(loader, /new Function|\beval\(/);
  assert.doesNotMatch(loader, /require\(/, 'web-only build: no node branch');
});

test('results and errors are plain data: no handles, nothing to .delete()', () => {
  const r = pl.pad([1], [1], [[0, 0]]);
  assert.deepEqual(Object.keys(r).sort(), ['data', 'shape']);
  assert.equal(typeof r.delete, 'undefined');
  const stats = pl.memoryStats();
  assert.deepEqual(Object.keys(stats).sort(), ['heapBytes', 'maxHeapBytes', 'usedBytes']);
});

test('the site holds the module, its API files and every file of web/', () => {
  for (const f of ['padlab_core.mjs', 'padlab_core.wasm', 'padlab.js', 'padlab.d.ts']) {
    assert.ok(statSync(join(webDir, f)).size > 0, f);
  }
  for (const f of ['padlab.js', 'padlab.d.ts']) {
    assert.ok(readFileSync(join(webDir, f)).equals(readFileSync(join(repoRoot, 'wasm', f))), `${f} is up to date (rebuild?)`);
  }
  const webSrc = join(repoRoot, 'web');
  const walk = (dir) => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  for (const file of walk(webSrc)) {
    const rel = relative(webSrc, file);
    // The build rewrites its copy of index.html (wasm/write_first_paint.mjs, tested in
    // tests/browser/first_paint.test.mjs).
    if (rel === 'index.html') continue;
    // padlab-embed.js is served bundled; its source is copied as padlab-embed.src.js
    // (wasm/bundle_site.mjs).
    const copy = rel === 'padlab-embed.js' ? 'padlab-embed.src.js' : rel;
    assert.ok(readFileSync(join(webDir, copy)).equals(readFileSync(file)), `web/${rel} copied and up to date (rebuild?)`);
  }
});
