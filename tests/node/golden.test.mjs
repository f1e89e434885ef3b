// Parity with native: every golden fixture (tests/golden/README.md; TF.js 4.22 as witness,
// Keras as contract) must pass through the wasm module as it does through core_tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { padlab, pl, repoRoot } from './site.mjs';

const fixturesDir = join(repoRoot, 'tests', 'golden', 'fixtures');

// A missing fixture file fails the test (readFileSync throws ENOENT): the fixtures are in git.
function fixtures(name) {
  const file = join(fixturesDir, `${name}.json`);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(json.cases.length, json.count, `${name}.json count`);
  return json.cases;
}

// The README's tolerance: fixtures round to 5 decimals, the rest is float32 summation order.
const close = (got, want) => Math.abs(got - want) <= 1e-4 + 1e-4 * Math.abs(want);

// Runs every case, collecting failures so one run names every failing fixture id.
function eachCase(cases, check) {
  const failures = [];
  for (const c of cases) {
    try {
      check(c);
    } catch (e) {
      failures.push(`${c.id}: ${e.message.split('\n')[0]}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} fixtures failed`);
}

function expectTensor(got, want) {
  assert.deepEqual(got.shape, want.shape, 'shape');
  assert.equal(got.data.length, want.data.length, 'length');
  for (let i = 0; i < want.data.length; i++) {
    if (!close(got.data[i], want.data[i])) assert.fail(`value ${i}: got ${got.data[i]}, want ${want.data[i]}`);
  }
}

function expectSummary(model, expected) {
  const s = pl.summary(JSON.stringify(model));
  assert.equal(s.name, expected.name, 'model name');
  assert.deepEqual(s.inputShape, expected.input_shape, 'input shape');
  assert.equal(s.layers.length, expected.layers.length, 'layer count');
  expected.layers.forEach((want, i) => {
    const got = s.layers[i];
    const where = `layer ${i} (${want.name})`;
    assert.equal(got.name, want.name, `${where} name`);
    assert.equal(got.className, want.class_name, `${where} class`);
    assert.deepEqual(got.outputShape, want.output_shape, `${where} output shape`);
    assert.equal(got.params, want.params, `${where} params`);
    assert.equal(got.trainableParams, want.trainable, `${where} trainable`);
    assert.equal(got.nonTrainableParams, want.non_trainable, `${where} non-trainable`);
    if (want.padding !== undefined) assert.deepEqual(got.padding, want.padding, `${where} padding`);
  });
  assert.equal(s.totalParams, expected.total_params, 'total params');
  assert.equal(s.trainableParams, expected.trainable_params, 'trainable params');
  assert.equal(s.nonTrainableParams, expected.non_trainable_params, 'non-trainable params');
}

// A refusal must be a typed PadlabError naming the layer Keras names (want.layer; null for ops
// without layers) and saying what Keras / TF says (want.message, a part of the message).
function expectRejected(call, want, kind = null) {
  let error = null;
  try {
    call();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== null, 'accepted');
  assert.ok(error instanceof padlab.PadlabError && error.kind !== 'Error', `a typed PadlabError, got ${error?.stack ?? error}`);
  if (kind !== null) assert.equal(error.kind, kind, 'kind');
  if (want.layer !== undefined) assert.equal(error.layer, want.layer, `layer (${error.message})`);
  assert.ok(error.message.includes(want.message), `message ${JSON.stringify(error.message)} lacks ${JSON.stringify(want.message)}`);
}

test('models.json: shapes, params, padding and totals', () => {
  eachCase(fixtures('models'), (c) => expectSummary(c.model, c.expected));
});

test('rejected.json: every model is refused, naming the failing layer and the reason', () => {
  eachCase(fixtures('rejected'), (c) => {
    assert.equal(c.model.config.layers[c.failing_layer].config.name, c.error.layer, 'fixture: failing_layer is error.layer');
    expectRejected(() => pl.summary(JSON.stringify(c.model)), c.error);
  });
});

test('keras_contract.json: Keras wins where TF.js departs', () => {
  eachCase(fixtures('keras_contract'), (c) => {
    if (c.expect === 'reject') expectRejected(() => pl.summary(JSON.stringify(c.model)), c.error);
    else expectSummary(c.model, c.expected);
  });
});

test('conv.json: conv1d/2d/3d values', () => {
  eachCase(fixtures('conv'), (c) => {
    const got = pl.conv(c.input.data, c.input.shape, c.kernel.data, c.kernel.shape, {
      strides: c.strides, dilation: c.dilation, padding: c.padding, bias: c.bias?.data,
    });
    expectTensor(got, c.output);
  });
});

test('pad.json: constant / reflect / symmetric values and rejected mirror pads', () => {
  eachCase(fixtures('pad'), (c) => {
    const call = () => pl.pad(c.input.data, c.input.shape, c.pads, { mode: c.mode, value: c.value ?? 0 });
    if (c.expect === 'reject') expectRejected(call, { message: c.error.message }, 'ArgumentError');
    else expectTensor(call(), c.output);
  });
});

// graphs.json (generate_graphs.mjs): every TF.js graph model, from its toJSON() and from the
// same model written as tutorial Python, summarises to what TF.js reports, connections included.
function expectGraphSummary(source, expected) {
  const s = pl.summary(source);
  assert.equal(s.graph, true, 'a graph model');
  assert.equal(s.name, expected.name, 'model name');
  assert.deepEqual(s.layers.map((l) => l.name), expected.layers.map((l) => l.name), 'layers, in Keras order');
  expected.layers.forEach((want, i) => {
    const got = s.layers[i];
    const where = `layer ${i} (${want.name})`;
    assert.equal(got.className, want.class_name, `${where} class`);
    if (want.output_shape === 'multiple') assert.equal(got.multipleShapes, true, `${where} multiple`);
    else assert.deepEqual(got.outputShape, want.output_shape, `${where} output shape`);
    assert.equal(got.params, want.params, `${where} params`);
    assert.equal(got.trainableParams, want.trainable, `${where} trainable`);
    assert.equal(got.nonTrainableParams, want.non_trainable, `${where} non-trainable`);
    assert.deepEqual(got.connectedTo, want.connected_to, `${where} connected to`);
  });
  assert.equal(s.totalParams, expected.total_params, 'total params');
  assert.equal(s.trainableParams, expected.trainable_params, 'trainable params');
}

test('graphs.json: graph models from TF.js JSON and from tutorial Python', () => {
  eachCase(fixtures('graphs'), (c) => {
    expectGraphSummary(JSON.stringify(c.model), c.expected);
    expectGraphSummary(c.python, c.expected);
  });
});

// families.json (generate_families.mjs): the layer families (sequence, activation, noise,
// preprocessing, normalization) in Sequential and Functional models, from TF.js's toJSON() and
// from the same model as tutorial Python. A layer with several outputs (return_state,
// merge_mode=None) lists one shape per output, as outputShape does.
function expectFamilySummary(source, c) {
  const { expected } = c;
  const s = pl.summary(source);
  assert.equal(s.graph, c.kind === 'functional', 'a graph model');
  assert.equal(s.name, expected.name, 'model name');
  if (expected.input_shape !== undefined) assert.deepEqual(s.inputShape, expected.input_shape, 'input shape');
  assert.deepEqual(s.layers.map((l) => l.name), expected.layers.map((l) => l.name), 'layers, in Keras order');
  expected.layers.forEach((want, i) => {
    const got = s.layers[i];
    const where = `layer ${i} (${want.name})`;
    assert.equal(got.className, want.class_name, `${where} class`);
    assert.deepEqual(got.outputShape, want.output_shape, `${where} output shape`);
    assert.equal(got.params, want.params, `${where} params`);
    assert.equal(got.trainableParams, want.trainable, `${where} trainable`);
    assert.equal(got.nonTrainableParams, want.non_trainable, `${where} non-trainable`);
    if (want.connected_to !== undefined) assert.deepEqual(got.connectedTo, want.connected_to, `${where} connected to`);
  });
  assert.equal(s.totalParams, expected.total_params, 'total params');
  assert.equal(s.trainableParams, expected.trainable_params, 'trainable params');
  assert.equal(s.nonTrainableParams, expected.non_trainable_params, 'non-trainable params');
}

test('families.json: layer-family models from TF.js JSON and from tutorial Python', () => {
  eachCase(fixtures('families'), (c) => {
    expectFamilySummary(JSON.stringify(c.model), c);
    expectFamilySummary(c.python, c);
  });
});
