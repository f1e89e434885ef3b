// Pure text formatting for summaries: numbers, shapes, padding and spatial-size changes.
// No DOM here, so the rules are easy to read and to test.

const intFormat = new Intl.NumberFormat('en-US');

// 15955210 -> "15,955,210" (Keras prints totals this way).
export function formatInt(n) {
  return intFormat.format(n);
}

// 62358144 -> "62.4 M": for quick reading next to the exact count.
export function formatCompact(n) {
  const units = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, unit] of units) {
    if (Math.abs(n) >= size) return `${(n / size).toFixed(1).replace(/\.0$/, '')} ${unit}`;
  }
  return String(n);
}

// Signed difference with a real minus sign: +9,830,400 / −2 / ±0.
export function formatDelta(n) {
  if (n === 0) return '±0';
  return (n > 0 ? '+' : '−') + formatInt(Math.abs(n));
}

// [null, 26, 26, 32] -> "(None, 26, 26, 32)", as Python prints the tuple; (None, 10) etc.
export function formatShape(shape) {
  if (!Array.isArray(shape)) return '?';
  const dims = shape.map((d) => (d === null || d === undefined ? 'None' : String(d)));
  return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
}

export function sameShape(a, b) {
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((d, i) => d === b[i]);
}

// Spatial axes of a channels-last shape: everything between batch and channels.
export function spatialDims(shape) {
  return Array.isArray(shape) && shape.length >= 3 ? shape.slice(1, -1) : [];
}

// How a layer changes the spatial size, per axis: [{from: 28, to: 26, delta: -2}, ...].
// Empty when the layer has no spatial axes on both sides (Dense, Flatten...).
export function spatialChange(inputShape, outputShape) {
  const a = spatialDims(inputShape);
  const b = spatialDims(outputShape);
  if (!a.length || a.length !== b.length) return [];
  return a.map((from, i) => {
    const to = b[i];
    const delta = typeof from === 'number' && typeof to === 'number' ? to - from : null;
    return { from, to, delta };
  });
}

const dim = (d) => (d === null || d === undefined ? 'None' : String(d));

// [{28,26},{28,26}] -> "28→26 ×28→26"
export function formatSpatialChange(change) {
  return change.map((c) => `${dim(c.from)}→${dim(c.to)}`).join(' ×');
}

// The change as one badge when every axis changes the same way ("−2"), else per axis ("−2, −1").
export function formatSpatialDelta(change) {
  const deltas = change.map((c) => c.delta);
  if (deltas.some((d) => d === null)) return '';
  const fmt = (d) => (d === 0 ? '±0' : (d > 0 ? '+' : '−') + Math.abs(d));
  if (deltas.every((d) => d === deltas[0])) return fmt(deltas[0]);
  return deltas.map(fmt).join(', ');
}

// [[1, 1], [0, 1]] -> "(1,1) ×(0,1)": (before,after) per spatial axis, compact enough for a
// table column; negative amounts (cropping) keep their sign.
export function formatPadding(padding) {
  if (!Array.isArray(padding) || !padding.length) return '';
  const n = (v) => (v === null || v === undefined ? '?' : v < 0 ? `−${-v}` : String(v));
  return padding.map(([before, after]) => `(${n(before)},${n(after)})`).join(' ×');
}

export function paddingKind(padding) {
  if (!Array.isArray(padding) || !padding.length) return 'none';
  const flat = padding.flat().filter((v) => typeof v === 'number');
  if (flat.some((v) => v < 0)) return 'crop';
  if (flat.every((v) => v === 0)) return 'zero';
  return 'pad';
}

export function samePadding(a, b) {
  if (!Array.isArray(a) || !Array.isArray(b)) return a === b || (!a && !b);
  return a.length === b.length && a.every((p, i) => p[0] === b[i][0] && p[1] === b[i][1]);
}

// Plain-words description for screen readers: "(1, 1) × (0, 1)" is hard to hear.
export function describePadding(padding) {
  if (!Array.isArray(padding) || !padding.length) return 'no padding';
  return padding.map(([b, a], i) => {
    const axis = padding.length === 1 ? 'steps' : `axis ${i + 1}`;
    if (b < 0 || a < 0) return `${axis}: crop ${Math.abs(b)} before, ${Math.abs(a)} after`;
    return `${axis}: ${b} before, ${a} after`;
  }).join('; ');
}

// A per-axis list of the receptive-field analysis (sizes, jumps) as "3×3"; fractions (a jump
// after UpSampling) keep up to 3 decimals.
export function formatAxes(values) {
  return values.map((v) => (Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3))))).join('×');
}

// The receptive field of one layer in words, for a tooltip and screen readers.
export function describeReceptiveField(rf) {
  const parts = [`receptive field ${formatAxes(rf.size)}, jump ${formatAxes(rf.stride)}, effective padding ${formatAxes(rf.padding)}`];
  parts.push(`${(100 * rf.borderFraction).toFixed(1)} % of outputs read padding (${rf.borderAffected.join(' × ')} positions per axis, ${rf.borderBefore.join(' × ')} of them at the start)`);
  if (rf.unread.some((n) => n > 0)) parts.push(`${rf.unread.join(' × ')} padded input positions per axis never read (${rf.unreadEnd.join(' × ')} at the end)`);
  if (rf.extraCell.some(Boolean)) parts.push(`'same' put the extra padding cell ${rf.extraCell.map((e) => e ?? '—').join(' / ')}`);
  if (!rf.aligned) parts.push('the merged paths are not aligned (different jump or centre): the largest field is shown');
  return parts.join('; ');
}
