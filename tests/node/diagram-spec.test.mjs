// web/diagram/spec.js (its copy in build/web, beside the padlab.js it imports): attribute / URL strings <-> diagram specs, and the embed snippets.
// Pure functions: no engine, no DOM.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  SpecError, parseInts, parsePadding, specFromStrings, specToPairs, escapeAttribute, embedSnippets,
} from '../../build/web/diagram/spec.js';

const from = (attrs, presets = []) => specFromStrings((k) => (k in attrs ? attrs[k] : null), presets);
const throwsSpec = (fn, re) => assert.throws(fn, (e) => e instanceof SpecError && re.test(e.message));

test('sizes: 8, 5x5, 5,5, (5, 5), 3×4×4', () => {
  assert.deepEqual(parseInts('input', '8'), [8]);
  assert.deepEqual(parseInts('input', '5x5'), [5, 5]);
  assert.deepEqual(parseInts('input', ' 5, 5 '), [5, 5]);
  assert.deepEqual(parseInts('input', '(5, 5)'), [5, 5]);
  assert.deepEqual(parseInts('input', '3×4×4'), [3, 4, 4]);
  throwsSpec(() => parseInts('input', '-3'), /whole numbers/);
  throwsSpec(() => parseInts('input', '5.5'), /got '5\.5'/);
  throwsSpec(() => parseInts('input', ''), /input/);
});

test('padding: names, one amount, a pair, one pair per axis', () => {
  assert.equal(parsePadding('Causal', 1), 'causal');
  assert.deepEqual(parsePadding('2', 2), [[2, 2], [2, 2]]);
  assert.deepEqual(parsePadding('1,2', 2), [[1, 2], [1, 2]]);
  assert.deepEqual(parsePadding('(1,1),(2,-1)', 2), [[1, 1], [2, -1]]);
  assert.deepEqual(parsePadding('1 1 2 2', 2), [[1, 1], [2, 2]]);
  throwsSpec(() => parsePadding('1,2,3', 2), /one pair per axis \(4 numbers\)/);
  throwsSpec(() => parsePadding('<img src=x onerror=alert(1)>', 1), /got '<img src=x onerror=alert\(1\)>'/);
});

test('attributes to a spec; a preset with attributes on top', () => {
  assert.deepEqual(from({ input: '8', kernel: '4', padding: 'causal' }), { input: [8], kernel: [4], padding: 'causal' });
  assert.deepEqual(from({ input: '5x5', kernel: '3', stride: '2', 'dilation-rate': '1', mode: 'REFLECT', op: 'pool', value: '-1.5', values: '' + Array.from({ length: 25 }, (_, i) => i).join(','), label: 'x' }), {
    input: [5, 5], kernel: [3], strides: [2], dilation: [1], mode: 'reflect', op: 'pool', value: -1.5,
    values: Array.from({ length: 25 }, (_, i) => i), label: 'x',
  });
  const presets = [{ name: 'causal_time_series', spec: { input: [8], kernel: [4], strides: [], padding: 'causal', outputPadding: null, label: 'L' } }];
  assert.deepEqual(from({ preset: 'causal_time_series', kernel: '2' }, presets), { input: [8], kernel: [2], strides: [], padding: 'causal', label: 'L' });
  throwsSpec(() => from({ preset: 'nope' }, presets), /unknown name 'nope'; known: causal_time_series/);
  throwsSpec(() => from({ kernel: '3' }), /input: required/);
  throwsSpec(() => from({ input: '8', mode: 'mirror' }), /mode: expected one of/);
  throwsSpec(() => from({ input: '8', values: '1,2,x' }), /values: expected numbers/);
});

test('spec to attributes and embed snippets, escaped', () => {
  const spec = { input: [8], kernel: [4], strides: [1], dilation: [1], padding: 'causal', mode: 'constant', value: 0, op: 'conv', label: 'a "quoted" <label>' };
  assert.deepEqual(specToPairs(spec), [['input', '8'], ['kernel', '4'], ['padding', 'causal'], ['label', 'a "quoted" <label>']]);
  assert.equal(escapeAttribute('a "b" <c> & d'), 'a &quot;b&quot; &lt;c&gt; &amp; d');
  const { script, iframe, url } = embedSnippets(spec, 'https://padlab.example.org/');
  assert.equal(script, '<script type="module" src="https://padlab.example.org/padlab-embed.js"></script>\n' +
    '<padlab-diagram input="8" kernel="4" padding="causal" label="a &quot;quoted&quot; &lt;label&gt;" autoplay></padlab-diagram>');
  assert.equal(url, 'https://padlab.example.org/embed.html?input=8&kernel=4&padding=causal&label=a+%22quoted%22+%3Clabel%3E&autoplay=');
  assert.match(iframe, /^<iframe src="https:\/\/padlab\.example\.org\/embed\.html\?input=8&amp;kernel=4&amp;/);
  assert.match(iframe, /title="a &quot;quoted&quot; &lt;label&gt;"/);
  // Explicit pads round-trip through the attribute syntax.
  const pads = specToPairs({ input: [4, 4], kernel: [], padding: [[1, 1], [-2, 0]] });
  assert.deepEqual(pads, [['input', '4x4'], ['padding', '(1,1),(-2,0)']]);
  assert.deepEqual(from(Object.fromEntries(pads)), { input: [4, 4], padding: [[1, 1], [-2, 0]] });
});
