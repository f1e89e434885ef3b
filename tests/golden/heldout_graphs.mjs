#!/usr/bin/env node
// Held-out check of graph models: builds FRESH random Functional models with TF.js (a seed
// never used for the checked-in fixtures, by default one from the clock), each from its
// toJSON() and from the same model written as tutorial Python (graph_cases.mjs), summarises
// them with the wasm build (build/web/padlab.js, as a user calls pl.summary) and reports the
// share of layers whose shape, parameters and connections are exactly TF.js's, per topology.
//     node tests/golden/heldout_graphs.mjs [--seed S] [--count N]    (after scripts/build.sh wasm)
// A measurement, not a test: it prints a table and exits 0; the first few mismatches are listed
// with their seed and case index so that they can be replayed.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import seedrandom from 'seedrandom';

import { makeGraphCases, TOPOLOGIES } from './graph_cases.mjs';

const { values } = parseArgs({ options: { seed: { type: 'string' }, count: { type: 'string' } } });
const seed = values.seed ?? `heldout-${Date.now()}`;
const count = Number(values.count ?? 400);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const padlab = await import(pathToFileURL(join(process.env.PADLAB_WEB_DIR ?? join(root, 'build', 'web'), 'padlab.js')).href);
const pl = await padlab.load();
await tf.setBackend('cpu');

const cases = makeGraphCases(seedrandom(seed), count, 'heldout');

// One layer row is exact when its name, class, shape (or "multiple"), the three parameter
// counts and its connections all equal TF.js's.
function score(source, expected) {
  let s;
  try {
    s = pl.summary(source);
  } catch (e) {
    return { exact: 0, total: expected.layers.length, first: `threw ${e.message.split('\n')[0]}` };
  }
  let exact = 0;
  let first = null;
  expected.layers.forEach((want, i) => {
    const got = s.layers[i];
    const shapeOk = want.output_shape === 'multiple' ? got?.multipleShapes === true
      : JSON.stringify(got?.outputShape) === JSON.stringify(want.output_shape);
    const ok = got && got.name === want.name && got.className === want.class_name && shapeOk && got.params === want.params &&
      got.trainableParams === want.trainable && got.nonTrainableParams === want.non_trainable &&
      JSON.stringify(got.connectedTo) === JSON.stringify(want.connected_to);
    if (ok) exact++;
    else first ??= `layer ${i} ${want.name}: got ${JSON.stringify(got && [got.name, got.outputShape, got.params, got.connectedTo])}, want ${JSON.stringify([want.name, want.output_shape, want.params, want.connected_to])}`;
  });
  if (s.layers.length !== expected.layers.length) first ??= `${s.layers.length} rows, want ${expected.layers.length}`;
  const totalsOk = s.totalParams === expected.total_params && s.trainableParams === expected.trainable_params;
  return { exact, total: expected.layers.length, first, modelOk: exact === expected.layers.length && totalsOk && s.layers.length === expected.layers.length };
}

const rows = Object.fromEntries(TOPOLOGIES.map((t) => [t, { models: 0, json: [0, 0, 0], python: [0, 0, 0] }]));
const failures = [];
for (const [index, c] of cases.entries()) {
  const row = rows[c.topology];
  row.models++;
  for (const [side, source] of [['json', JSON.stringify(c.model)], ['python', c.python]]) {
    const r = score(source, c.expected);
    row[side][0] += r.exact;
    row[side][1] += r.total;
    row[side][2] += r.modelOk ? 1 : 0;
    if (!r.modelOk && failures.length < 10) failures.push(`${c.id} (seed ${seed}, index ${index}, ${side}): ${r.first}`);
  }
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(2)}%` : '-');
console.log(`held-out graph models: seed ${seed}, ${count} models (TF.js ${tf.version_core} as witness, PadLab ${padlab.version ?? ''} wasm)\n`);
console.log('| topology | models | JSON layers exact | JSON models exact | Python layers exact | Python models exact |');
console.log('|:--|--:|--:|--:|--:|--:|');
const sum = { models: 0, json: [0, 0, 0], python: [0, 0, 0] };
for (const [t, r] of Object.entries(rows)) {
  console.log(`| ${t} | ${r.models} | ${pct(r.json[0], r.json[1])} | ${pct(r.json[2], r.models)} | ${pct(r.python[0], r.python[1])} | ${pct(r.python[2], r.models)} |`);
  sum.models += r.models;
  for (const side of ['json', 'python']) for (let k = 0; k < 3; k++) sum[side][k] += r[side][k];
}
console.log(`| **all** | ${sum.models} | ${pct(sum.json[0], sum.json[1])} (${sum.json[0]}/${sum.json[1]}) | ${pct(sum.json[2], sum.models)} | ${pct(sum.python[0], sum.python[1])} (${sum.python[0]}/${sum.python[1]}) | ${pct(sum.python[2], sum.models)} |`);
if (failures.length) console.log(`\nfirst mismatches:\n${failures.map((f) => `- ${f}`).join('\n')}`);
