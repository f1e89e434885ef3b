// Where the node tests find the built site: $PADLAB_WEB_DIR, else <repo>/build/web
// (written by `scripts/build.sh wasm`). Shared by every tests/node/*.test.mjs.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webDir = resolve(process.env.PADLAB_WEB_DIR ?? join(repoRoot, 'build', 'web'));

const entry = join(webDir, 'padlab.js');
if (!existsSync(entry)) {
  throw new Error(`${entry} is missing: run scripts/build.sh wasm (or set PADLAB_WEB_DIR)`);
}

// The public module, imported exactly as a user would.
export const padlab = await import(pathToFileURL(entry).href);

// The shared instance (load() caches it, so every test file's calls hit one heap).
export const pl = await padlab.load();

// Deterministic pseudo-random numbers (mulberry32) so a failing fuzz case can be replayed.
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Runs fn and returns the PadlabError it throws (fails the test if it throws anything else
// or nothing).
export function padlabError(fn) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof padlab.PadlabError)) throw new Error(`expected a PadlabError, got ${e?.stack ?? e}`);
    return e;
  }
  throw new Error('expected a PadlabError, but the call returned');
}

// A { data, shape } result as nested arrays, so expectations read as literal grids.
export function grid({ data, shape }) {
  const values = Array.from(data);
  const build = (axis, offset) => {
    if (axis === shape.length) return values[offset];
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: shape[axis] }, (_, i) => build(axis + 1, offset + i * stride));
  };
  return build(0, 0);
}
