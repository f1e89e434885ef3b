// web/playground/summary-export.js (its copy in build/web): what the summary's copy buttons
// put on the clipboard, from the engine's own summary of the seed blog's model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { pl, webDir } from './site.mjs';

const { summaryExport, summaryMarkdown, COPY_FORMATS } = await import(pathToFileURL(join(webDir, 'playground/summary-export.js')).href);

const MODEL = `model = Sequential()
model.add(ZeroPadding2D(padding=(1, 2), input_shape=(28, 28, 1)))
model.add(Conv2D(32, kernel_size=(3, 3), strides=2, padding='same'))
model.add(Cropping2D(((1, 0), (0, 0))))
model.add(Flatten())
model.add(Dense(10))
`;
const result = pl.summary(MODEL);

test('the text format is the summary exactly as printed', () => {
  assert.equal(summaryExport(result, 'text'), result.text);
});

test('the Markdown table puts padding and spatial size right after the layer', () => {
  assert.equal(summaryMarkdown(result), `**sequential**

| Layer (type) | Padding (before, after) | Spatial size | Output shape | Param # |
|:--|:--|:--|:--|--:|
| zero_padding2d (ZeroPadding2D) | (1,1) ×(2,2) | 28→30 ×28→32 (+2, +4) | (None, 30, 32, 1) | 0 |
| conv2d (Conv2D) | (0,1) ×(0,1) | 30→15 ×32→16 (−15, −16) | (None, 15, 16, 32) | 320 |
| cropping2d (Cropping2D) | (−1,0) ×(0,0) | 15→14 ×16→16 (−1, ±0) | (None, 14, 16, 32) | 0 |
| flatten (Flatten) | — | — | (None, 7168) | 0 |
| dense (Dense) | — | — | (None, 10) | 71,690 |

Total params: 72,010 (trainable 72,010, non-trainable 0)
`);
});

test('JSON holds the facts without the printed text, and parses back', () => {
  const parsed = JSON.parse(summaryExport(result, 'json'));
  assert.equal(parsed.text, undefined);
  assert.equal(parsed.totalParams, 72010);
  assert.deepEqual(parsed.layers.map((l) => l.name), ['zero_padding2d', 'conv2d', 'cropping2d', 'flatten', 'dense']);
  assert.deepEqual(COPY_FORMATS.map((f) => f.id), ['text', 'markdown', 'json']);
  assert.throws(() => summaryExport(result, 'csv'), /unknown copy format 'csv'/);
});
