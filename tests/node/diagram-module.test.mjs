// padlab_diagram.js (loadDiagrams): the diagram-only module answers exactly as the full
// engine does -- same pictures, geometry, presets and errors -- and stays usable after bad input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { padlab, pl, webDir } from './site.mjs';

const diagramModule = await import(pathToFileURL(join(webDir, 'padlab_diagram.js')).href);
const d = await diagramModule.loadDiagrams();

test('one instance per wasm URL, and the same version as the engine', async () => {
  assert.equal(await diagramModule.loadDiagrams(), d);
  assert.equal(d.version, pl.version);
  assert.equal(diagramModule.version, padlab.version);
  assert.equal(diagramModule.PadlabError, padlab.PadlabError);  // one error class for both modules
});

test('every preset: the same geometry, step pictures and animation as the engine', () => {
  const presets = d.diagramPresets();
  assert.deepEqual(presets, pl.diagramPresets());
  assert.ok(presets.length >= 10);
  for (const { name, spec } of presets) {
    const g = d.diagram(spec, { steps: [0, 2] });
    assert.deepEqual(g, pl.diagram(spec, { steps: [0, 2] }), name);
    const step = Math.max(0, Math.min(1, g.stepCount - 1));  // padding-only presets have no steps
    assert.equal(d.diagramSvg(spec, { step }), pl.diagramSvg(spec, { step }), name);
    assert.deepEqual(d.diagramPicture(spec, { step }), pl.diagramPicture(spec, { step }), name);
    assert.equal(d.diagramSvg(spec, { animate: true, maxFrames: 8 }), pl.diagramSvg(spec, { animate: true, maxFrames: 8 }), name);
  }
});

test('bad specs: the engine\'s errors, and the module keeps working', () => {
  const bad = [
    { input: 8, kernel: 4, padding: 'bogus' },
    { input: 3, kernel: 9, strides: 0 },
    { input: 5, kernel: 3, padding: [[1, 1], [2, 2]] },
    { input: 4, kernel: 3, op: 'transpose', mode: 'circular', padding: 'same' },
  ];
  for (const spec of bad) {
    const fromEngine = (() => { try { pl.diagram(spec); return null; } catch (e) { return e; } })();
    assert.throws(() => d.diagram(spec), (e) => {
      assert.ok(e instanceof padlab.PadlabError);
      assert.equal(e.kind, fromEngine?.kind);
      assert.equal(e.message, fromEngine?.message);
      return true;
    }, JSON.stringify(spec));
  }
  assert.equal(d.diagramStep({ input: 8, kernel: 4, padding: 'causal' }, 7).output[0], 7);
});

test('the diagram module has no engine functions', () => {
  assert.equal(typeof d.summary, 'undefined');
  assert.equal(typeof d.layerDiagramSpec, 'undefined');
});
