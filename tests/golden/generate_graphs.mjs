#!/usr/bin/env node
// Golden graph (Functional) models from TensorFlow.js 4.22 for tests/core/test_golden.cpp and
// tests/node/golden.test.mjs: writes fixtures/graphs.json. Run from the repository root:
//     node tests/golden/generate_graphs.mjs
// Deterministic (its own seedrandom seed, so the Sequential fixtures of generate.mjs never
// move when this changes). Each case holds the model twice, TF.js's toJSON() and the same
// model as tutorial Python (graph_cases.mjs), and what TF.js reports for it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import seedrandom from 'seedrandom';

import { makeGraphCases } from './graph_cases.mjs';

const SEED = 'padlab-graphs-v1';
const COUNT = 160;  // 20 of each topology
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'graphs.json');

await tf.setBackend('cpu');
const cases = makeGraphCases(seedrandom(SEED), COUNT);
const head = {
  format: 'padlab-golden-graphs-1',
  generator: 'tests/golden/generate_graphs.mjs',
  seed: SEED,
  tfjs_layers: (await import('@tensorflow/tfjs-layers')).version_layers,
  tfjs_core: tf.version_core,
  count: cases.length,
};
const body = cases.map((c) => JSON.stringify(c)).join(',\n');
fs.writeFileSync(OUT, `${JSON.stringify(head).slice(0, -1)},"cases":[\n${body}\n]}\n`);
console.log(`wrote ${cases.length} graph cases to ${path.relative(process.cwd(), OUT)}`);
