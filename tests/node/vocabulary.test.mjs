// The names PadLab takes come from the core, once: padlab.js's `vocabulary` is the module's own
// vocabulary() (not a stale copy), every listed name and alias is what the core parses and
// gives back, the first name is the default the API uses, and padlab.d.ts spells the same names.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { padlab, padlabError, pl, repoRoot, webDir } from './site.mjs';

const { vocabulary } = padlab;
const KEYS = ['padModes', 'paddings', 'windowOps', 'activations', 'summaryStyles', 'keras2Eras'];
const MODEL = `from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, Flatten, Dense
model = Sequential()
model.add(Conv2D(4, kernel_size=(3, 3), input_shape=(8, 8, 1)))
model.add(Flatten())
model.add(Dense(2))
`;

// Every spelling the core accepts for an entry: its name, its aliases, and (when the
// vocabulary ignores case) their upper-case forms.
function spellings(v, entry) {
  const all = [entry.name, ...entry.aliases];
  return v.ignoreCase ? [...all, ...all.map((s) => s.toUpperCase())] : all;
}

test('vocabulary is the running module\'s vocabulary(), frozen, with names listed once', async () => {
  const { default: createPadlabCore } = await import(pathToFileURL(join(webDir, 'padlab_core.mjs')).href);
  const core = await createPadlabCore({ wasmBinary: readFileSync(join(webDir, 'padlab_core.wasm')) });
  const live = core.vocabulary();
  assert.equal(live.ok, true);
  assert.deepEqual(vocabulary, live.value, 'padlab_vocabulary.js is stale: rebuild (scripts/build.sh wasm)');
  assert.deepEqual(Object.keys(vocabulary).sort(), [...KEYS].sort());
  for (const key of KEYS) {
    const v = vocabulary[key];
    assert.ok(Object.isFrozen(v) && Object.isFrozen(v.names) && Object.isFrozen(v.entries[0]), `${key} is frozen`);
    assert.deepEqual(v.names, v.entries.map((e) => e.name), key);
    const every = v.entries.flatMap((e) => [e.name, ...e.aliases]).map((s) => (v.ignoreCase ? s.toLowerCase() : s));
    assert.equal(new Set(every).size, every.length, `${key}: no spelling stands for two entries`);
    for (const e of v.entries) assert.ok(e.description.length > 0, `${key}.${e.name} has a description`);
  }
});

test('pad modes: every name and alias pads, and the core gives back the canonical name', () => {
  const v = vocabulary.padModes;
  for (const entry of v.entries) {
    for (const mode of spellings(v, entry)) {
      assert.equal(pl.pad([1, 2, 3], [3], [[1, 1]], { mode }).data.length, 5, mode);
      assert.equal(pl.diagram({ input: 3, padding: [[1, 1]], mode }).spec.mode, entry.name, mode);
    }
  }
  const e = padlabError(() => pl.pad([1, 2], [2], [[1, 1]], { mode: 'mirror' }));
  assert.equal(e.kind, 'ArgumentError');
  for (const name of v.names) assert.ok(e.message.includes(name), `the core's message lists ${name}: ${e.message}`);
});

test('paddings: every name draws and comes back as itself; others are refused listing them', () => {
  const v = vocabulary.paddings;
  for (const entry of v.entries) {
    for (const padding of spellings(v, entry)) {
      assert.equal(pl.diagram({ input: 8, kernel: 3, padding }).spec.padding, entry.name, padding);
      assert.equal(pl.conv(new Float32Array(8), [1, 8, 1], new Float32Array(3), [3, 1, 1], { padding }).shape.length, 3);
    }
  }
  const e = padlabError(() => pl.diagram({ input: 8, kernel: 3, padding: 'bogus' }));
  assert.match(e.message, new RegExp(v.names.map((n) => `'${n}'`).join(', ')));
});

test('window ops: every name draws and comes back as itself; case matters', () => {
  const v = vocabulary.windowOps;
  assert.equal(v.ignoreCase, false);
  for (const op of v.names) assert.equal(pl.diagram({ input: 8, kernel: 2, op }).spec.op, op);
  assert.equal(padlabError(() => pl.diagram({ input: 8, kernel: 2, op: v.names[1].toUpperCase() })).kind, 'ArgumentError');
});

test('activations: every name and alias convolves; case matters', () => {
  const v = vocabulary.activations;
  const out = (activation) => Array.from(pl.conv([-1, 2], [1, 2, 1], [1], [1, 1, 1], { activation }).data);
  for (const entry of v.entries) {
    for (const name of spellings(v, entry)) assert.equal(out(name).length, 2, name);
  }
  assert.deepEqual(out(v.names[0]), [-1, 2], 'the default, linear, is the identity');
  assert.deepEqual(out('relu'), [0, 2]);
  const e = padlabError(() => out('Relu'));
  for (const name of v.names) assert.ok(e.message.includes(name), e.message);
});

test('summary styles and Keras 2 eras: each name summarizes; other spellings are refused', () => {
  const texts = new Set();
  for (const style of vocabulary.summaryStyles.names) texts.add(pl.summary(MODEL, { style }).text);
  assert.equal(texts.size, vocabulary.summaryStyles.names.length, 'each style prints its own text');
  const eras = new Set(vocabulary.keras2Eras.names.map((era) => pl.summary(MODEL, { era }).text));
  assert.equal(eras.size, vocabulary.keras2Eras.names.length, 'each era prints its own text');
  assert.equal(padlabError(() => pl.summary(MODEL, { style: 'KERAS2' })).kind, 'ArgumentError');
  assert.equal(padlabError(() => pl.summary(MODEL, { era: 'a' })).kind, 'ArgumentError');
});

test('the first name of each vocabulary is the default the API uses', () => {
  const spec = pl.diagram({ input: 8, kernel: 3 }).spec;
  assert.equal(spec.mode, vocabulary.padModes.names[0]);
  assert.equal(spec.padding, vocabulary.paddings.names[0]);
  assert.equal(spec.op, vocabulary.windowOps.names[0]);
  const firsts = { style: vocabulary.summaryStyles.names[0], era: vocabulary.keras2Eras.names[0] };
  assert.equal(pl.summary(MODEL).text, pl.summary(MODEL, firsts).text);
});

test('padlab.d.ts spells the same names as the vocabulary', () => {
  const dts = readFileSync(join(repoRoot, 'wasm', 'padlab.d.ts'), 'utf8');
  const union = (name) => {
    const m = dts.match(new RegExp(`export type ${name} = ([^;]+);`));
    assert.ok(m, `padlab.d.ts declares ${name}`);
    return m[1].split('|').map((s) => s.trim().replace(/^'|'$/g, ''));
  };
  assert.deepEqual(union('PadModeName'), vocabulary.padModes.names);
  assert.deepEqual(union('PadModeAlias'), vocabulary.padModes.entries.flatMap((e) => e.aliases));
  assert.deepEqual(union('PaddingName'), vocabulary.paddings.names);
  assert.deepEqual(union('WindowOpName'), vocabulary.windowOps.names);
  assert.deepEqual(union('ActivationName'), vocabulary.activations.names);
  assert.deepEqual(union('SummaryStyleName'), vocabulary.summaryStyles.names);
  assert.deepEqual(union('Keras2EraName'), vocabulary.keras2Eras.names);
});

test("errors carry the core's text of their location in `where`", () => {
  const e = padlabError(() => pl.summary(MODEL.replace('Flatten()', 'Flattenn()')));
  assert.equal(e.kind, 'NameError');
  assert.equal(typeof e.where, 'string');
  assert.match(e.where, new RegExp(`^line ${e.line}\\b`));
  assert.doesNotMatch(e.message, /^line/);
  const bad = padlabError(() => pl.summary(MODEL.replace('kernel_size=(3, 3)', 'kernel_size=(30, 30)')));
  assert.equal(bad.where, `line ${bad.line}, column ${bad.column}, layer '${bad.layer}'`);
  // Found by padlab.js before the core: no location.
  assert.equal(padlabError(() => pl.pad('x', [1], [[0, 0]])).where, null);
});
