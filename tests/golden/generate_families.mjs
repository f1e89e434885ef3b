#!/usr/bin/env node
// Golden layer-family models from TensorFlow.js 4.22 for tests/core/test_golden.cpp ("[families]")
// and tests/node/golden.test.mjs: writes fixtures/families.json. Run from the repository root:
//     node tests/golden/generate_families.mjs
// Deterministic (its own seedrandom seed, so models.json / graphs.json never move when this
// changes; byte-identical on rerun). Each case holds the model twice, TF.js's toJSON() and the
// same model as tutorial Python (family_cases.mjs), and what TF.js reports for it, or, for a
// `witness: "keras"` case, what Keras reports where TF.js departs (README.md).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import seedrandom from 'seedrandom';

import { makeFamilyCases } from './family_cases.mjs';

const SEED = 'padlab-families-v1';
const PER_FAMILY = 10;
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'families.json');

await tf.setBackend('cpu');
// TF.js warns that a call's initialState "will not be included in the serialized model": it
// means the keyword, the states themselves are in the node's inbound tensors (as Keras 2 writes).
const warn = console.warn;
console.warn = (...a) => { if (!/non-serializable keyword arguments/.test(String(a[0]))) warn(...a); };
const cases = makeFamilyCases(seedrandom(SEED), PER_FAMILY);

// Every TF.js-witness case must reload from its own JSON to the same shapes and params: catches a
// config key TF.js forgets to save.
for (const c of cases) {
  if (c.witness !== 'tfjs') continue;
  const again = await tfl.models.modelFromJSON({ modelTopology: c.model });
  const got = again.layers.map((l) => [l.name, JSON.stringify(l.outputShape), l.countParams()]);
  const want = c.expected.layers.map((l) => [l.name, JSON.stringify(l.output_shape), l.params]);
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`generator: ${c.id} does not survive a JSON round trip:\n${JSON.stringify(got)}\n${JSON.stringify(want)}`);
}

const head = {
  format: 'padlab-golden-families-1',
  generator: 'tests/golden/generate_families.mjs',
  seed: SEED,
  tfjs_layers: tfl.version_layers,
  tfjs_core: tf.version_core,
  count: cases.length,
};
const text = `${JSON.stringify(head).slice(0, -1)},"cases":[\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`;
JSON.parse(text);  // never write something the checker cannot read
fs.writeFileSync(OUT, text);
const layers = cases.reduce((a, c) => a + c.expected.layers.length, 0);
const perClass = {};
for (const c of cases) for (const l of c.expected.layers) perClass[l.class_name] = (perClass[l.class_name] ?? 0) + 1;
const keras = cases.filter((c) => c.witness === 'keras').length;
process.stderr.write(`families: ${cases.length} cases (${keras} with Keras as witness), ${layers} layers, ` +
  `${(text.length / 1e6).toFixed(2)} MB\nfamilies: layers per class ${JSON.stringify(perClass)}\n`);
