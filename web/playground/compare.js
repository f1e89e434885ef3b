// Compares two model summaries layer by layer (by position, as a reader lines them up)
// and renders the comparison strip: totals side by side with the difference.
import { formatInt, formatCompact, formatDelta, sameShape, samePadding } from '../shared/format.js';

// -> { a: flags, b: flags, shapeDiffs, layerCountDiffers } where flags =
//    { rows: [{shape, params, macs, padding, missing}], totalParams, totalMacs }.
export function diffSummaries(a, b) {
  const rowsA = [];
  const rowsB = [];
  let shapeDiffs = 0;
  const n = Math.max(a.layers.length, b.layers.length);
  for (let i = 0; i < n; i++) {
    const la = a.layers[i];
    const lb = b.layers[i];
    if (!la || !lb) {
      (la ? rowsA : rowsB)[i] = { missing: true };
      continue;
    }
    const f = {
      shape: !sameShape(la.outputShape, lb.outputShape),
      params: la.params !== lb.params,
      macs: la.macs !== lb.macs,
      padding: !samePadding(la.padding, lb.padding),
    };
    if (f.shape) shapeDiffs++;
    rowsA[i] = f;
    rowsB[i] = f;
  }
  const totalParams = a.totalParams !== b.totalParams;
  const totalMacs = a.totalMacs !== b.totalMacs;
  return {
    a: { rows: rowsA, totalParams, totalMacs },
    b: { rows: rowsB, totalParams, totalMacs },
    shapeDiffs,
    layerCountDiffers: a.layers.length !== b.layers.length,
  };
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function percent(a, b) {
  if (!a) return '';
  const p = ((b - a) / a) * 100;
  return `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(p).toFixed(1)}%`;
}

function metric(label, a, b, { compact = false } = {}) {
  const box = el('div', 'metric');
  box.append(el('span', 'metric-label', label));
  const values = el('span', 'metric-values');
  const va = el('span', 'metric-a', formatInt(a));
  const vb = el('span', 'metric-b', formatInt(b));
  if (compact) {
    va.title = `${formatCompact(a)}`;
    vb.title = `${formatCompact(b)}`;
  }
  values.append(el('span', 'metric-tag', 'A'), va, el('span', 'metric-vs', 'vs'), el('span', 'metric-tag', 'B'), vb);
  box.append(values);
  const delta = el('span', `metric-delta ${a === b ? 'is-same' : 'is-diff'}`,
    a === b ? 'same' : `B ${formatDelta(b - a)} (${percent(a, b)})`);
  box.append(delta);
  return box;
}

// results: {a, b} last good summaries (null when none yet); errors: {a, b} booleans.
export function renderCompare(section, results, errors) {
  if (!results.a || !results.b) {
    section.hidden = true;
    section.replaceChildren();
    return null;
  }
  const diff = diffSummaries(results.a, results.b);
  const nodes = [
    el('h2', 'compare-title', 'A vs B'),
    metric('Total params', results.a.totalParams, results.b.totalParams),
    metric('MACs per sample', results.a.totalMacs, results.b.totalMacs, { compact: true }),
  ];
  const n = Math.max(results.a.layers.length, results.b.layers.length);
  let note;
  if (diff.layerCountDiffers) {
    note = `A has ${results.a.layers.length} layers, B has ${results.b.layers.length}; rows are compared by position.`;
  } else if (diff.shapeDiffs) {
    note = `Output shape differs in ${diff.shapeDiffs} of ${n} layers (highlighted).`;
  } else {
    note = 'Same output shape in every layer.';
  }
  if (errors.a || errors.b) note += ` ${errors.a && errors.b ? 'Both models have' : `Model ${errors.a ? 'A' : 'B'} has`} an error: comparing the last summary that worked.`;
  nodes.push(el('p', 'compare-note', note));
  section.replaceChildren(...nodes);
  section.hidden = false;
  return diff;
}

// Panel entry point (see app.js): redraws the strip after every recompute.
export function mountComparePanel({ bus }) {
  const section = document.getElementById('compare');
  bus.addEventListener('results', (e) => renderCompare(section, e.detail.results, e.detail.errors));
}
