// Exports of a diagram, all the core's SVG (the picture on screen and the one the CLI writes):
// the SVG of the step on screen (its exact bytes), a PNG of it (a raster of those bytes), the
// self-contained animated SVG, and an animated GIF whose frames are the step pictures the
// player would show. PNG and GIF rasterise the SVG through an <img> of a blob: URL into a
// canvas, so a page with a Content-Security-Policy needs img-src blob: for them. The GIF encoder (gifenc, MIT
// licence, vendor/gifenc.LICENSE.md) is loaded only when a GIF is asked for.

const GIF_MAX_FRAMES = 48;  // as many steps as the core's animated SVG plays
const STEP_MS = 800;
const HOLD_MS = 1600;

// A file name from a diagram's label: "padlab-conv1d-kernel-size-4-padding-causal".
export function fileStem(spec) {
  const words = String(spec.label || `${(Array.isArray(spec.input) ? spec.input : [spec.input]).join('x')} ${spec.padding ?? ''}`)
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `padlab-${words || 'diagram'}`;
}

export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

export function svgBlob(text) {
  return new Blob([text], { type: 'image/svg+xml' });
}

// theme: 'light' | 'dark' | 'auto' (the file follows its viewer's colour scheme).
export function animatedSvgBlob(engine, spec, { theme = 'auto', title } = {}) {
  return svgBlob(engine.diagramSvg(spec, { animate: true, theme, ...(title ? { title } : {}) }));
}

// The natural size the core wrote on the <svg>.
function svgSize(text) {
  const head = text.slice(0, 400);
  const w = Number(/\swidth="([\d.]+)"/.exec(head)?.[1]);
  const h = Number(/\sheight="([\d.]+)"/.exec(head)?.[1]);
  if (!(w > 0 && h > 0)) throw new Error('the diagram SVG has no size');
  return { width: w, height: h };
}

async function svgImage(text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } catch {
    throw new Error('the browser could not draw the SVG (a Content-Security-Policy needs img-src blob: for image exports)');
  } finally {
    URL.revokeObjectURL(url);
  }
}

function canvasBlob(canvas, type) {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(`could not encode ${type}`))), type));
}

// PNG of an SVG text (the step on screen), at `scale` x its size.
export async function pngBlob(text, { scale = 2 } = {}) {
  const { width, height } = svgSize(text);
  const img = await svgImage(text);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvasBlob(canvas, 'image/png');
}

// Animated GIF of the first steps (up to 48), one frame per step, looping; speed scales time.
// frameText(i): the SVG of step i, as the player draws it. onProgress(done, total) after each frame.
export async function animatedGifBlob(frameText, stepCount, { speed = 1, onProgress = null } = {}) {
  const { GIFEncoder, quantize, applyPalette } = await import('../vendor/gifenc.esm.js');
  const n = Math.max(1, Math.min(stepCount, GIF_MAX_FRAMES));
  const texts = [];
  for (let i = 0; i < n; i++) texts.push(frameText(i));
  // Frames may differ a little in size (the step line is longer on some): use the largest.
  const sizes = texts.map(svgSize);
  const width = Math.ceil(Math.max(...sizes.map((s) => s.width)));
  const height = Math.ceil(Math.max(...sizes.map((s) => s.height)));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const gif = GIFEncoder();
  for (let i = 0; i < n; i++) {
    const img = await svgImage(texts[i]);
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(img, 0, 0, sizes[i].width, sizes[i].height);
    // Fill what this frame leaves uncovered with its own background colour.
    const [r, g, b] = ctx.getImageData(1, 1, 1, 1).data;
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
    ctx.fillRect(0, 0, width, height);
    ctx.globalCompositeOperation = 'source-over';
    const { data } = ctx.getImageData(0, 0, width, height);
    const palette = quantize(data, 256);
    const index = applyPalette(data, palette);
    const last = i === n - 1;
    gif.writeFrame(index, width, height, { palette, delay: Math.round(((last ? STEP_MS + HOLD_MS : STEP_MS) / speed)) });
    onProgress?.(i + 1, n);
    // Let the page breathe between frames.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  gif.finish();
  return { blob: new Blob([gif.bytes()], { type: 'image/gif' }), frames: n };
}
