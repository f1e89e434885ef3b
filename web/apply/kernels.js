// Kernels of the "Apply to data" panel, as data, and the pure rules around them: parsing the
// user's custom grid, turning a grid into a Keras-layout kernel tensor, and the 'same'
// padding split. No DOM here.

// Exact fractions are kept as [numerator, denominator] so the text shown in the grid editor
// reads "1/9" rather than "0.1111111".
const frac = (rows, den) => rows.map((r) => r.map((n) => [n, den]));
const ints = (rows) => rows.map((r) => r.map((n) => [n, 1]));
const box = (k) => frac(Array.from({ length: k }, () => new Array(k).fill(1)), k * k);
const outer = (v) => v.map((a) => v.map((b) => a * b));
const BINOMIAL5 = [1, 4, 6, 4, 1];

/**
 * The named kernels. grid: 2D rows of [num, den]; line: the 1D form for signals (null: none).
 * Sums matter for display: blurs, sharpen, emboss and identity sum to 1 (brightness kept),
 * edge kernels sum to 0 (only changes survive).
 */
export const KERNELS = [
  { id: 'identity', label: 'Identity', grid: ints([[0, 0, 0], [0, 1, 0], [0, 0, 0]]), line: ints([[0, 1, 0]]) },
  { id: 'box3', label: 'Blur: box 3×3', grid: box(3), line: frac([[1, 1, 1]], 3) },
  { id: 'box7', label: 'Blur: box 7×7', grid: box(7), line: frac([new Array(7).fill(1)], 7) },
  { id: 'gauss5', label: 'Blur: Gaussian 5×5', grid: frac(outer(BINOMIAL5), 256), line: frac([BINOMIAL5], 16) },
  { id: 'laplacian', label: 'Edge: Laplacian', grid: ints([[0, 1, 0], [1, -4, 1], [0, 1, 0]]), line: ints([[1, -2, 1]]) },
  { id: 'sobel-x', label: 'Edge: Sobel x', grid: ints([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]), line: ints([[-1, 0, 1]]) },
  { id: 'sobel-y', label: 'Edge: Sobel y', grid: ints([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]), line: null },
  { id: 'emboss', label: 'Emboss', grid: ints([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]), line: ints([[-1, 1, 1]]) },
  { id: 'sharpen', label: 'Sharpen', grid: ints([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]), line: ints([[-1, 3, -1]]) },
];

export const DEFAULT_KERNEL = 'laplacian';
/** Largest custom kernel side: enough to see wide borders, small enough to stay quick. */
export const MAX_KERNEL_SIDE = 15;

export function findKernel(id) {
  return KERNELS.find((k) => k.id === id) ?? null;
}

/** The kernels that have a form for this kind of data ('image' or 'signal'). */
export function kernelsFor(kind) {
  return KERNELS.filter((k) => (kind === 'signal' ? k.line !== null : true));
}

const cellText = ([n, d]) => (d === 1 || n === 0 ? String(n) : `${n}/${d}`);

/** The grid editor's text for a named kernel: one row per line, entries separated by spaces. */
export function kernelText(kernel, kind) {
  const rows = kind === 'signal' ? kernel.line : kernel.grid;
  const texts = rows.map((r) => r.map(cellText));
  const width = Math.max(...texts.flat().map((t) => t.length));
  return texts.map((r) => r.map((t) => t.padStart(width)).join(' ')).join('\n');
}

/** Numeric rows of a named kernel. */
export function kernelRows(kernel, kind) {
  const rows = kind === 'signal' ? kernel.line : kernel.grid;
  return rows.map((r) => r.map(([n, d]) => n / d));
}

/** A custom kernel the user typed that cannot be used; message says what to fix. */
export class KernelError extends Error {
  constructor(message) {
    super(message);
    this.name = 'KernelError';
  }
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

function parseEntry(token, row) {
  const parts = token.split('/');
  if (parts.length > 2 || !parts.every((p) => NUMBER.test(p))) {
    throw new KernelError(`"${token}" on row ${row} is not a number (write e.g. 2, -0.5, 1e-2 or 1/9)`);
  }
  const value = parts.length === 2 ? Number(parts[0]) / Number(parts[1]) : Number(parts[0]);
  if (!Number.isFinite(value)) throw new KernelError(`"${token}" on row ${row} is not a finite number`);
  return value;
}

/**
 * Parses a kernel grid: one row per line (or Python/JSON nesting such as [[0, 1, 0], [1, -4, 1]]),
 * entries separated by spaces, commas or semicolons; an entry may be a fraction like 1/9.
 * kind 'signal' needs exactly one row. Returns number[][]; throws KernelError.
 */
export function parseKernel(text, kind = 'image') {
  if (typeof text !== 'string') throw new KernelError('The kernel must be text');
  let lines = text.includes('[') ? text.split(']') : text.split(/\r?\n/);
  lines = lines.map((l) => l.replace(/[[\]]/g, ' ').replace(/^[\s,;]+|[\s,;]+$/g, '')).filter((l) => l.length > 0);
  if (lines.length === 0) throw new KernelError('The kernel is empty: type at least one number');
  const rows = lines.map((line, i) => line.split(/[\s,;]+/).map((tok) => parseEntry(tok, i + 1)));
  const width = rows[0].length;
  const bad = rows.findIndex((r) => r.length !== width);
  if (bad > 0) {
    const count = (n) => `${n} number${n === 1 ? '' : 's'}`;
    throw new KernelError(`Row ${bad + 1} has ${count(rows[bad].length)} but row 1 has ${width}: every row needs the same count`);
  }
  if (kind === 'signal' && rows.length !== 1) {
    throw new KernelError(`A 1D signal takes a kernel of one row; this one has ${rows.length} rows`);
  }
  if (rows.length > MAX_KERNEL_SIDE || width > MAX_KERNEL_SIDE) {
    throw new KernelError(`The kernel is ${rows.length}×${width}; at most ${MAX_KERNEL_SIDE} per side`);
  }
  return rows;
}

export function kernelSum(rows) {
  return rows.flat().reduce((s, v) => s + v, 0);
}

/**
 * Keras-layout kernel [kh, kw, C, C] that filters every channel on its own (depthwise-like:
 * zeros off the channel diagonal), so an RGB image is blurred per colour, not mixed.
 */
export function imageKernelTensor(rows, channels) {
  const kh = rows.length;
  const kw = rows[0].length;
  const data = new Float32Array(kh * kw * channels * channels);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      for (let c = 0; c < channels; c++) data[((i * kw + j) * channels + c) * channels + c] = rows[i][j];
    }
  }
  return { data, shape: [kh, kw, channels, channels] };
}

/** Keras-layout Conv1D kernel [k, 1, 1]. */
export function signalKernelTensor(rows) {
  return { data: Float32Array.from(rows[0]), shape: [rows[0].length, 1, 1] };
}

/**
 * The 'same' split of one axis at stride 1, as Keras / TF do it: dilation * (k - 1) cells in
 * total, the odd one after. Returns [before, after].
 */
export function samePads(kernelSize, dilation = 1) {
  const total = dilation * (kernelSize - 1);
  const before = Math.floor(total / 2);
  return [before, total - before];
}
