// Pure pixel and plot arithmetic for the "Apply to data" panel: image <-> Float32Array tensor,
// the display mapping of a convolution's output to 0..255, difference views, corner crops
// and 1D plot paths. No DOM here (ImageData-shaped plain arrays in and out).

/** Size of a picture scaled to fit maxEdge (never enlarged), at least 1x1. */
export function fitSize(width, height, maxEdge) {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * RGBA bytes (ImageData.data) -> channels-last tensor data in 0..1. A picture whose pixels are
 * all grey becomes one channel (a third of the work, and it is the truth about the photo).
 */
export function rgbaToTensor(rgba, width, height) {
  const n = width * height;
  let grey = true;
  for (let i = 0; i < n && grey; i++) {
    const o = 4 * i;
    grey = rgba[o] === rgba[o + 1] && rgba[o] === rgba[o + 2];
  }
  const channels = grey ? 1 : 3;
  const data = new Float32Array(n * channels);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < channels; c++) data[i * channels + c] = rgba[4 * i + c] / 255;
  }
  return { data, channels };
}

/** 8-bit pixels (a digit) -> one-channel tensor data in 0..1. */
export function bytesToTensor(bytes) {
  return Float32Array.from(bytes, (v) => v / 255);
}

/**
 * How outputs become display brightness. A kernel that sums to s != 0 keeps brightness times s,
 * so values are divided by s ('linear'). An edge kernel sums to 0: its output is signed and
 * small, so its magnitude is shown, scaled so the interior's strong edges are white ('abs';
 * gain set by absGain). The same mapping is used for every mode, so equal values look equal.
 */
export function displayMapping(sum) {
  if (Math.abs(sum) > 1e-6) return { kind: 'linear', gain: 1 / sum };
  return { kind: 'abs', gain: 1 };
}

/**
 * Gain for 'abs' display: 1 / the 99th percentile of |value| over the interior (pixels at
 * least pads away from every edge, which no padding mode touches), so one hot pixel does not
 * darken the rest. pads: [[top, bottom], [left, right]] (1D: [[left, right]] with height 1).
 */
export function absGain(data, width, height, channels, pads) {
  const [[top, bottom], [left, right]] = pads.length === 2 ? pads : [[0, 0], pads[0]];
  const values = [];
  for (let y = top; y < height - bottom; y++) {
    for (let x = left; x < width - right; x++) {
      for (let c = 0; c < channels; c++) values.push(Math.abs(data[(y * width + x) * channels + c]));
    }
  }
  if (values.length === 0) for (const v of data) values.push(Math.abs(v));
  values.sort((a, b) => a - b);
  const p = values[Math.min(values.length - 1, Math.floor(values.length * 0.99))] ?? 0;
  return p > 1e-9 ? 1 / p : 1;
}

const toByte = (v) => (v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255));

/** Tensor data (channels 1 or 3) -> RGBA bytes through a display mapping. */
export function tensorToRgba(data, width, height, channels, mapping) {
  const n = width * height;
  const rgba = new Uint8ClampedArray(n * 4);
  const abs = mapping.kind === 'abs';
  const { gain } = mapping;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      const v = data[i * channels + (channels === 1 ? 0 : k)];
      rgba[4 * i + k] = toByte((abs ? Math.abs(v) : v) * gain);
    }
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/** Largest |a - b| over two tensors of the same size. */
export function maxAbsDiff(a, b) {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/**
 * |a - b| per pixel (largest over channels) as RGBA: black where the two agree, the given
 * colour [r, g, b] at full strength where they differ most (gain = 1 / the largest difference).
 */
export function diffToRgba(a, b, width, height, channels, gain, colour = [255, 255, 255]) {
  const n = width * height;
  const rgba = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let c = 0; c < channels; c++) d = Math.max(d, Math.abs(a[i * channels + c] - b[i * channels + c]));
    const t = Math.min(1, d * gain);
    // A little gamma so small differences still show.
    const s = t > 0 ? Math.max(0.12, Math.sqrt(t)) : 0;
    rgba[4 * i] = colour[0] * s;
    rgba[4 * i + 1] = colour[1] * s;
    rgba[4 * i + 2] = colour[2] * s;
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/** The square of `size` pixels (clipped to the picture) at a corner: 'top-left' or 'bottom-right'. */
export function cornerRect(width, height, size, corner) {
  const w = Math.min(size, width);
  const h = Math.min(size, height);
  return corner === 'bottom-right' ? { x: width - w, y: height - h, width: w, height: h } : { x: 0, y: 0, width: w, height: h };
}

/** A rectangle of RGBA bytes. */
export function cropRgba(rgba, width, rect) {
  const out = new Uint8ClampedArray(rect.width * rect.height * 4);
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.y + y) * width + rect.x) * 4;
    out.set(rgba.subarray(from, from + rect.width * 4), y * rect.width * 4);
  }
  return out;
}

/**
 * How far into a corner crop the padding reaches, in crop pixels: {x, y} from the crop's
 * left/top edge for 'top-left' (the before pads) and from its right/bottom edge for
 * 'bottom-right' (the after pads). pads = [[top, bottom], [left, right]].
 */
export function cornerBand(pads, corner) {
  const [[top, bottom], [left, right]] = pads;
  return corner === 'bottom-right' ? { x: right, y: bottom } : { x: left, y: top };
}

// ---- 1D plots ---------------------------------------------------------------------------------

/** [lo, hi] covering every value of every array, with a 6% margin (never empty). */
export function valueRange(arrays) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) for (const v of a) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!Number.isFinite(lo)) return [0, 1];
  if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
  const m = (hi - lo) * 0.06;
  return [lo - m, hi + m];
}

/**
 * SVG path "M x y L x y ..." of values placed at positions first, first + 1, ...
 * xOf / yOf map a position / value to plot coordinates.
 */
export function linePath(values, first, xOf, yOf) {
  let d = '';
  for (let i = 0; i < values.length; i++) {
    d += `${i === 0 ? 'M' : 'L'}${xOf(first + i).toFixed(2)} ${yOf(values[i]).toFixed(2)}`;
  }
  return d;
}
