// wasm/padlab.d.ts (hand-written) against the module as loaded: every export, class member,
// API method and result field the .d.ts declares exists, and everything the module exposes
// is declared. The .d.ts is read with a few regexes; it is written in a plain style that they
// rely on (one member per line, two-space indent per level), and this test fails loudly when
// a declaration cannot be read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { padlab, padlabError, pl, repoRoot } from './site.mjs';

const dtsPath = join(repoRoot, 'wasm', 'padlab.d.ts');
// Comments out (/** ... */ blocks and // lines), so their text is never read as code.
const dts = readFileSync(dtsPath, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

// The top-level runtime exports: `export declare const|function|class NAME`.
function declaredExports() {
  const out = new Map();
  for (const m of dts.matchAll(/^export\s+declare\s+(const|function|class)\s+([A-Za-z_$][\w$]*)/gm)) out.set(m[2], m[1]);
  return out;
}

// The body of `export interface NAME ... {` or `export declare class NAME ... {`, by brace depth.
function body(kind, name) {
  const head = new RegExp(`^export\\s+(?:declare\\s+)?${kind}\\s+${name}\\b[^{]*\\{`, 'm').exec(dts);
  assert.ok(head, `padlab.d.ts declares no ${kind} ${name}`);
  let depth = 1;
  let i = head.index + head[0].length;
  const start = i;
  for (; i < dts.length && depth > 0; i++) {
    if (dts[i] === '{') depth++;
    else if (dts[i] === '}') depth--;
  }
  return dts.slice(start, i - 1);
}

// The members of a body at its first level (two spaces in): name -> {method, optional}.
function members(kind, name) {
  const out = new Map();
  for (const line of body(kind, name).split('\n')) {
    const m = /^ {2}(?:readonly\s+)?([A-Za-z_$][\w$]*)(\?)?\s*([(:])/.exec(line);
    if (m) out.set(m[1], { method: m[3] === '(', optional: m[2] === '?' });
  }
  assert.ok(out.size > 0, `no members read from ${kind} ${name}`);
  return out;
}

// The public members of a live object: own enumerable fields and its prototypes' methods and
// getters (private #fields are invisible), up to the built-in prototype `stop`.
function liveMembers(obj, stop = Object.prototype) {
  const names = new Set(Object.keys(obj));
  for (let p = Object.getPrototypeOf(obj); p && p !== stop; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor') names.add(n);
  }
  return names;
}

test('every export padlab.d.ts declares exists, with its kind, and nothing else is exported', () => {
  const declared = declaredExports();
  assert.ok(declared.size >= 3, `only ${declared.size} exports read from padlab.d.ts`);
  for (const [name, kind] of declared) {
    assert.ok(name in padlab, `padlab.d.ts declares ${kind} ${name}, padlab.js does not export it`);
    if (kind !== 'const') assert.equal(typeof padlab[name], 'function', `${name} is a ${kind}`);
  }
  for (const name of Object.keys(padlab)) {
    assert.ok(declared.has(name), `padlab.js exports ${name}, padlab.d.ts does not declare it`);
  }
  assert.equal(typeof padlab.version, 'string');
});

test('the Padlab interface is the loaded API object: every method and property, both ways', () => {
  const declared = members('interface', 'Padlab');
  for (const [name, { method, optional }] of declared) {
    if (optional && !(name in pl)) continue;
    assert.ok(name in pl, `Padlab.${name} is declared but missing on the loaded API`);
    if (method) assert.equal(typeof pl[name], 'function', `Padlab.${name} is declared as a method`);
    else assert.notEqual(typeof pl[name], 'function', `Padlab.${name} is declared as a property`);
  }
  for (const name of liveMembers(pl)) {
    assert.ok(declared.has(name), `the loaded API has ${name}, the Padlab interface does not declare it`);
  }
  assert.equal(pl.version, padlab.version);
});

test('PadlabError: the declared fields are on a thrown error, and its own fields are declared', () => {
  const declared = members('class', 'PadlabError');
  const e = padlabError(() => pl.summary('this is not a model'));
  for (const [name] of declared) assert.ok(name in e, `PadlabError.${name} is declared but missing`);
  for (const name of Object.keys(e)) {
    assert.ok(declared.has(name) || name === 'cause', `a PadlabError has ${name}, padlab.d.ts does not declare it`);
  }
  assert.equal(e.name, 'PadlabError');
});

// A result object against its interface: required fields present, no undeclared field.
function expectShape(obj, iface, where = iface) {
  const declared = members('interface', iface);
  for (const [name, { optional }] of declared) {
    if (!optional) assert.ok(name in obj, `${where}: ${iface}.${name} is declared but missing`);
  }
  for (const name of Object.keys(obj)) {
    assert.ok(declared.has(name), `${where}: has ${name}, ${iface} in padlab.d.ts does not declare it`);
  }
}

const SEED_MODEL = `
model = Sequential()
model.add(Conv2D(4, 3, padding='same', activation='relu', input_shape=(8, 8, 1)))
model.add(MaxPooling2D(2))
model.add(Flatten())
model.add(Dense(3, activation='softmax'))
`;

test('result objects have exactly the fields their interfaces declare', () => {
  const s = pl.summary(SEED_MODEL);
  expectShape(s, 'ModelSummary', 'summary()');
  for (const layer of s.layers) expectShape(layer, 'LayerInfo', `summary().layers[${layer.name}]`);

  expectShape(pl.pad([1, 2, 3], [3], [[1, 1]]), 'Tensor', 'pad()');
  expectShape(pl.conv([1, 2, 3, 4], [1, 4, 1], [1, 1], [2, 1, 1]), 'Tensor', 'conv()');

  const f = pl.forward(SEED_MODEL, { seed: 1 });
  expectShape(f, 'ForwardResult', 'forward()');
  for (const layer of f.layers) expectShape(layer, 'ForwardLayer', `forward().layers[${layer.name}]`);
  for (const w of pl.modelWeights(SEED_MODEL, { seed: 1 })) expectShape(w, 'ModelWeight', `modelWeights()[${w.name}]`);

  const g = pl.diagram({ input: [5, 5], kernel: 3, padding: 'same' });
  expectShape(g, 'DiagramGeometry', 'diagram()');
  expectShape(g.spec, 'NormalizedDiagramSpec', 'diagram().spec');
  for (const axis of g.axes) expectShape(axis, 'DiagramAxis', 'diagram().axes[]');
  for (const cell of g.cells) expectShape(cell, 'DiagramCell', 'diagram().cells[]');
  for (const step of g.steps) expectShape(step, 'DiagramStep', 'diagram().steps[]');
  expectShape(pl.diagramStep({ input: 8, kernel: 3 }, 2), 'DiagramStep', 'diagramStep()');

  const presets = pl.diagramPresets();
  assert.ok(presets.length > 0);
  for (const p of presets) {
    expectShape(p, 'DiagramPreset', `diagramPresets()[${p.name}]`);
    expectShape(p.spec, 'NormalizedDiagramSpec', `diagramPresets()[${p.name}].spec`);
  }
  expectShape(pl.layerDiagramSpec(SEED_MODEL, 'conv2d'), 'NormalizedDiagramSpec', 'layerDiagramSpec()');
  expectShape(pl.memoryStats(), 'MemoryStats', 'memoryStats()');
  assert.equal(typeof pl.diagramSvg({ input: 4, kernel: 2 }), 'string');
});
