// What the summary's copy buttons put on the clipboard, from one ModelSummary (padlab.d.ts):
// Keras's text as printed, a Markdown table of the layers (padding first, as the page's table
// shows them) and JSON. Pure functions: no DOM, no engine (tests/node/summary-export.test.mjs).
import { formatInt, formatShape, formatPadding, spatialChange, formatSpatialChange, formatSpatialDelta } from '../shared/format.js';

export const COPY_FORMATS = [
  { id: 'text', label: 'Copy text', what: 'the summary as Keras prints it' },
  { id: 'markdown', label: 'Copy Markdown', what: 'the layers as a Markdown table' },
  { id: 'json', label: 'Copy JSON', what: 'the summary as JSON' },
];

// A Markdown cell: pipes escaped, never empty (an empty cell collapses in some renderers).
const cell = (s) => (String(s ?? '').replaceAll('|', '\\|') || '—');

function spatialText(layer) {
  const change = spatialChange(layer.inputShape, layer.outputShape);
  if (!change.length) return '';
  const delta = formatSpatialDelta(change);
  return delta ? `${formatSpatialChange(change)} (${delta})` : formatSpatialChange(change);
}

export function summaryMarkdown(result) {
  const rows = [
    '| Layer (type) | Padding (before, after) | Spatial size | Output shape | Param # |',
    '|:--|:--|:--|:--|--:|',
  ];
  for (const l of result.layers) {
    rows.push(`| ${cell(`${l.name} (${l.className})`)} | ${cell(formatPadding(l.padding))} | ${cell(spatialText(l))} | ` +
      `${cell(formatShape(l.outputShape))} | ${cell(formatInt(l.params))} |`);
  }
  const lines = [`**${result.name}**`, '', ...rows, '',
    `Total params: ${formatInt(result.totalParams)} (trainable ${formatInt(result.trainableParams)}, ` +
    `non-trainable ${formatInt(result.nonTrainableParams)})`];
  return `${lines.join('\n')}\n`;
}

// The model's facts without the printed text (which the text button copies).
export function summaryJson(result) {
  const { text, receptiveFieldText, ...facts } = result;
  return `${JSON.stringify(facts, null, 2)}\n`;
}

export function summaryExport(result, format) {
  if (format === 'text') return result.text;
  if (format === 'markdown') return summaryMarkdown(result);
  if (format === 'json') return summaryJson(result);
  throw new Error(`unknown copy format '${format}'`);
}
