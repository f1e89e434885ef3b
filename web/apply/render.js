// Drawing of the "Apply to data" results: one card per padding mode (plus the input), each
// with the whole picture, a magnified corner that shows how far the padding reaches, and the
// core's time; 1D signals as SVG line plots with the padded cells shaded. The arithmetic is in
// apply-image.js; this file only puts it on screen.
import {
  tensorToRgba, diffToRgba, cornerRect, cropRgba, cornerBand, valueRange, linePath,
} from './image.js';
import { el } from '../shared/dom.js';
import { vocabulary } from '../padlab.js';

// How the cards word each of the core's pad modes; a mode without words here shows its name and
// the core's own description.
const MODE_WORDS = {
  constant: { label: 'Zero (constant)', note: 'zeros outside: a dark frame' },
  reflect: { label: 'Reflect', note: 'mirrored, edge not repeated: c b | a b c' },
  symmetric: { label: 'Symmetric', note: 'mirrored, edge repeated: b a | a b c' },
  replicate: { label: 'Replicate', note: 'edge value repeated: a a | a b c' },
  circular: { label: 'Circular', note: 'wraps around: y z | a b c' },
};

/** One card per pad mode of the core (vocabulary.padModes), in its order. */
export const MODES = vocabulary.padModes.entries.map(({ name, description }) => ({
  id: name,
  label: MODE_WORDS[name]?.label ?? name,
  note: MODE_WORDS[name]?.note ?? description,
}));

/** The core's default mode, constant with zeros: the reference the difference view compares with. */
export const REFERENCE_MODE = vocabulary.padModes.names[0];

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** "five" for 5 (small counts in prose), else the digits. */
export function countWords(n) {
  return NUMBER_WORDS[n] ?? String(n);
}

/** Pixels per side of the magnified corner. */
export const ZOOM = 12;

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgEl(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** "0.42 ms", "12.3 ms", "153 ms". */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return '–';
  // Browsers coarsen timers to 0.1 ms or so (more without cross-origin isolation).
  if (ms <= 0) return '< 0.1 ms';
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** One result card: {root, time, body}. mode: an entry of MODES or {id: 'input', ...}. */
export function createCard(mode) {
  const heading = el('h3', { class: 'ap-card-title', text: mode.label });
  const time = el('span', { class: 'ap-time' });
  const body = el('div', { class: 'ap-card-body' });
  const note = el('p', { class: 'ap-card-note', text: mode.note });
  const root = el('figure', { class: 'ap-card', 'data-mode': mode.id },
    el('figcaption', { class: 'ap-card-head' }, heading, time), body, note);
  return { root, time, body, note, mode };
}

function putRgba(canvas, rgba, width, height) {
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d').putImageData(new ImageData(rgba, width, height), 0, 0);
}

/**
 * Fills an image card. view: {data, width, height, channels, mapping} or, for the difference
 * view, {diffFrom, gain} too; pads [[top, bottom], [left, right]] (null for the input card);
 * corner 'top-left' | 'bottom-right'; describe: the accessible name's first part.
 */
export function showImage(card, { data, width, height, channels, mapping, diffFrom = null, gain = 1, pads, corner, describe }) {
  const rgba = diffFrom
    ? diffToRgba(data, diffFrom, width, height, channels, gain)
    : tensorToRgba(data, width, height, channels, mapping);
  const main = el('canvas', { class: 'ap-canvas', role: 'img', 'aria-label': describe });
  putRgba(main, rgba, width, height);

  const rect = cornerRect(width, height, ZOOM, corner);
  const zoom = el('canvas', {
    class: 'ap-zoom-canvas',
    role: 'img',
    'aria-label': `${describe}, ${corner} corner magnified (${rect.width}×${rect.height} pixels)${pads ? '; a dashed line marks where the kernel stops reaching into the padding' : ''}`,
  });
  putRgba(zoom, cropRgba(rgba, width, rect), rect.width, rect.height);
  const zoomBox = el('div', { class: `ap-zoom${corner === 'bottom-right' ? ' is-bottom-right' : ''}` }, zoom);
  if (pads) {
    const band = cornerBand(pads, corner);
    const mark = el('div', { class: 'ap-band', 'aria-hidden': 'true' });
    mark.style.setProperty('--bx', `${(100 * Math.min(band.x, rect.width)) / rect.width}%`);
    mark.style.setProperty('--by', `${(100 * Math.min(band.y, rect.height)) / rect.height}%`);
    if (band.x === 0 && band.y === 0) mark.hidden = true;
    zoomBox.append(mark);
  }
  card.body.replaceChildren(main, zoomBox);
}

/**
 * Fills a 1D card: the padded input (padding shaded, its cells in the padding colour) and the
 * output. range: shared [lo, hi] so every card has the same scale.
 */
export function showSignal(card, { input, output = null, padded = null, range, describe }) {
  const W = 320;
  const H = 150;
  const M = { l: 6, r: 6, t: 8, b: 8 };
  const before = padded?.before ?? 0;
  const after = padded?.after ?? 0;
  const n = input.length;
  const span = Math.max(1, n - 1 + before + after);
  const xOf = (p) => M.l + ((p + before) * (W - M.l - M.r)) / span;
  const [lo, hi] = range;
  const yOf = (v) => M.t + ((hi - v) * (H - M.t - M.b)) / (hi - lo);

  const svg = svgEl('svg', { class: 'ap-plot', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': describe });
  const title = svgEl('title');
  title.textContent = describe;
  svg.append(title);
  const half = span > 0 ? (W - M.l - M.r) / span / 2 : 0;
  if (before > 0) svg.append(svgEl('rect', { class: 'ap-padband', x: M.l - half, y: 0, width: xOf(-0.5) - M.l + half, height: H }));
  if (after > 0) svg.append(svgEl('rect', { class: 'ap-padband', x: xOf(n - 0.5), y: 0, width: xOf(n - 1 + after) + half - xOf(n - 0.5), height: H }));
  if (lo < 0 && hi > 0) svg.append(svgEl('line', { class: 'ap-axis', x1: 0, x2: W, y1: yOf(0), y2: yOf(0) }));

  if (padded) {
    const p = padded.data;
    svg.append(svgEl('path', { class: 'ap-line-in', d: linePath(p.subarray(before, before + n), 0, xOf, yOf) }));
    // Padding cells, joined to the first / last real cell so the jump at the border shows.
    if (before > 0) svg.append(svgEl('path', { class: 'ap-line-pad', d: linePath(p.subarray(0, before + 1), -before, xOf, yOf) }));
    if (after > 0) svg.append(svgEl('path', { class: 'ap-line-pad', d: linePath(p.subarray(before + n - 1), n - 1, xOf, yOf) }));
  } else {
    svg.append(svgEl('path', { class: output ? 'ap-line-in' : 'ap-line-in is-solo', d: linePath(input, 0, xOf, yOf) }));
  }
  if (output) svg.append(svgEl('path', { class: 'ap-line-out', d: linePath(output, 0, xOf, yOf) }));
  card.body.replaceChildren(svg);
}

/** A mode the core refused for this input (e.g. reflect with pad >= size): its message. */
export function showModeError(card, error) {
  card.body.replaceChildren(el('p', { class: 'ap-error ap-mode-error', text: error.message }));
  card.time.textContent = '';
  card.root.classList.add('has-error');
}

/** Shared y range of a set of 1D results (inputs, padded inputs and outputs). */
export function signalRange(input, results) {
  const arrays = [input];
  for (const r of results) {
    if (r.error) continue;
    arrays.push(r.data);
    if (r.padded) arrays.push(r.padded.data);
  }
  return valueRange(arrays);
}
