// Loads the samples of the "Apply to data" panel into tensors: shipped photographs (fetched from
// this site), the user's own image (read locally from the file picker, never uploaded), the
// shipped MNIST digits and the generated 1D signals. Decoding is the browser's
// (createImageBitmap); pictures are downsized to the chosen edge length.
import {
  PHOTOS, DIGITS_URL, DIGIT_SIDE, DIGITS_CREDIT, SIGNAL_LENGTH, SIGNAL_CREDIT,
  decodeDigits, resolveSample,
} from './data.js';
import { fitSize, rgbaToTensor, bytesToTensor } from './image.js';

/** Largest file the picker accepts (a photo from a phone is well below). */
export const MAX_FILE_BYTES = 40 * 1024 * 1024;

export class SampleError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SampleError';
  }
}

async function blobToTensor(blob, maxEdge, name) {
  let full;
  try {
    full = await createImageBitmap(blob);
  } catch {
    throw new SampleError(`${name} could not be read as an image (PNG, JPEG, GIF, WebP or BMP work)`);
  }
  const { width, height } = fitSize(full.width, full.height, maxEdge);
  let bitmap = full;
  if (width !== full.width || height !== full.height) {
    bitmap = await createImageBitmap(full, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
    full.close();
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data } = ctx.getImageData(0, 0, width, height);
  return { kind: 'image', ...rgbaToTensor(data, width, height), width, height };
}

export class SampleLoader {
  constructor() {
    this.cache = new Map();  // key -> Promise<sample>
    this.digits = null;      // Promise<Map<id, Uint8Array>>
    this.file = null;        // the user's File
  }

  setFile(file) {
    if (file.size > MAX_FILE_BYTES) {
      throw new SampleError(`${file.name} is ${(file.size / 2 ** 20).toFixed(0)} MB; pick an image under ${MAX_FILE_BYTES / 2 ** 20} MB`);
    }
    this.file = file;
    for (const key of this.cache.keys()) if (key.startsWith('file@')) this.cache.delete(key);
  }

  loadDigits() {
    if (!this.digits) {
      this.digits = fetch(DIGITS_URL).then(async (r) => {
        if (!r.ok) throw new SampleError(`The digits could not load (${DIGITS_URL}: HTTP ${r.status}); this build lacks its sample data (scripts/fetch-data.sh)`);
        return decodeDigits(await r.json());
      });
      this.digits.catch(() => { this.digits = null; });
    }
    return this.digits;
  }

  /**
   * A sample as a tensor: {kind: 'image', data, width, height, channels, label, credit} or
   * {kind: 'signal', data, length, label, credit}. maxEdge applies to photos and files.
   */
  load(id, maxEdge) {
    const key = `${id}@${maxEdge}`;
    let p = this.cache.get(key);
    if (!p) {
      p = this.#load(id, maxEdge);
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  async #load(id, maxEdge) {
    const sample = resolveSample(id);
    if (!sample) throw new SampleError(`Unknown sample ${id}`);
    if (sample.kind === 'signal') {
      const data = sample.entry.make(SIGNAL_LENGTH);
      return { kind: 'signal', data, length: data.length, label: `${sample.entry.label} signal`, credit: SIGNAL_CREDIT };
    }
    if (sample.kind === 'digit') {
      const digits = await this.loadDigits();
      const bytes = digits.get(id);
      if (!bytes) throw new SampleError(`${sample.entry.label} is not in ${DIGITS_URL}`);
      return {
        kind: 'image', data: bytesToTensor(bytes), width: DIGIT_SIDE, height: DIGIT_SIDE, channels: 1,
        label: sample.entry.label, credit: DIGITS_CREDIT, digit: true,
      };
    }
    if (sample.kind === 'file') {
      if (!this.file) throw new SampleError('No image picked yet: use “Open image…”');
      const t = await blobToTensor(this.file, maxEdge, `“${this.file.name}”`);
      return { ...t, label: `your image “${this.file.name}”`, credit: 'Your own image: it stays in this browser tab (never uploaded).' };
    }
    const photo = PHOTOS.find((p) => p === sample.entry);
    const r = await fetch(photo.url);
    if (!r.ok) throw new SampleError(`The photo could not load (${photo.url}: HTTP ${r.status}); this build lacks its sample data (scripts/fetch-data.sh)`);
    const t = await blobToTensor(await r.blob(), maxEdge, photo.url);
    return { ...t, label: `${photo.label} photo`, credit: photo.credit };
  }
}
