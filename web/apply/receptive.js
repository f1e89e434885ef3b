// "Where each output looks", under a model run: pick a layer, click one of its output
// positions, and the input shows that position's receptive field, its padded part hatched
// outside the image. A toggle shades every output position whose value read padding. All the
// numbers are the core's receptive-field analysis (pl.summary(..., { receptiveField: true }),
// core/model/receptive_field.cpp); this file only draws them.
//
// Geometry (Araujo et al., Distill 2019): output i on an axis reads input positions
// i*S - P ... i*S - P + r - 1 (r size, S jump, P effective padding); positions outside
// 0 ... length-1 are padding.
import { el } from '../shared/dom.js';
import { formatAxes } from '../shared/format.js';

const INPUT_PX = 300;   // the input drawing's longest edge, padding margin included
const OUTPUT_PX = 240;  // the output grid's longest edge
const MAX_MARGIN = 24;  // padding cells drawn around the input per side, at most

/** Input positions [first, last] that output `i` reads on one axis (may leave 0..length-1). */
export function fieldSpan(i, size, stride, padding) {
  const first = Math.floor(i * stride - padding);
  return [first, first + Math.ceil(size) - 1];
}

/** Whether output position `i` of an axis read padding (borderAffected / borderBefore of the core). */
export function readsPadding(i, length, affected, before) {
  return i < before || i >= length - (affected - before);
}

// A translucent fill of box [x, y, w, h].
function tint(g, color, alpha, box) {
  g.fillStyle = color;
  g.globalAlpha = alpha;
  g.fillRect(...box);
  g.globalAlpha = 1;
}

function cssColor(node, name, fallback) {
  const v = getComputedStyle(node).getPropertyValue(name).trim();
  return v || fallback;
}

export class ReceptiveFieldView {
  /** container: where to build; getEngine(): the page's padlab engine (or null). */
  constructor(container, { getEngine }) {
    this.getEngine = getEngine;
    this.summary = null;
    this.input = null;  // { data, dims } of the run's input when it was a picked digit
    this.picked = null;  // [row, col] of the clicked output position
    this.layer = el('select', { id: 'ap-rf-layer' });
    this.shade = el('input', { type: 'checkbox', id: 'ap-rf-shade' });
    this.inCanvas = el('canvas', { class: 'ap-rf-input', role: 'img', 'aria-label': 'The input with the receptive field of the picked output position' });
    this.outCanvas = el('canvas', { class: 'ap-rf-output', tabindex: '0', 'aria-label': 'The layer\u2019s output positions: click one' });
    this.note = el('p', { class: 'ap-note ap-rf-note', role: 'status', 'aria-live': 'polite' });
    this.root = el('div', { class: 'ap-rf', id: 'ap-rf' },
      el('h4', { class: 'ap-subheading', text: 'Where each output looks' }),
      el('p', { class: 'ap-note', text: 'Pick a layer, then click one of its output positions: the input shows the positions it was computed from (its receptive field), the padded ones hatched outside the image.' }),
      el('div', { class: 'ap-forward-controls' },
        el('div', { class: 'ap-field ap-field-wide' }, el('label', { for: 'ap-rf-layer', text: 'Layer' }), this.layer),
        el('label', { class: 'check-tool', for: 'ap-rf-shade' }, this.shade, ' Shade outputs that read padding')),
      el('div', { class: 'ap-rf-stage' },
        el('figure', { class: 'ap-rf-figure' }, this.inCanvas, el('figcaption', { class: 'ap-note', text: 'Input' })),
        el('figure', { class: 'ap-rf-figure' }, this.outCanvas, el('figcaption', { class: 'ap-note', text: 'Output positions of the layer' }))),
      this.note);
    this.root.hidden = true;
    container.append(this.root);
    this.layer.addEventListener('change', () => { this.picked = null; this.draw(); });
    this.shade.addEventListener('change', () => this.draw());
    this.outCanvas.addEventListener('click', (e) => this.pickAt(e));
  }

  /**
   * After a run: source is the model's code (or the saved File with its side files);
   * input { data, dims } when the run read the picked digit.
   */
  async show({ source, saved, input }) {
    const engine = this.getEngine();
    if (!engine) return;
    try {
      this.summary = saved
        ? await engine.summary(saved.file, { receptiveField: true, sideFiles: saved.sideFiles })
        : engine.summary(source, { receptiveField: true });
    } catch {
      this.root.hidden = true;  // the run itself reports the model's errors
      return;
    }
    this.input = input;
    const layers = this.summary.layers
      .map((l, index) => ({ l, index }))
      .filter(({ l }) => l.receptiveField && l.receptiveField.size.length === 2);
    const dims = this.inputDims();
    if (!layers.length || !dims) { this.root.hidden = true; return; }
    this.layer.replaceChildren(...layers.map(({ l, index }) =>
      new Option(`${l.name} (${l.className}) · RF ${formatAxes(l.receptiveField.size)}`, String(index))));
    this.layer.value = String(layers[layers.length - 1].index);  // the deepest: the largest field
    this.picked = null;
    this.root.hidden = false;
    this.draw();
  }

  inputDims() {
    const shape = this.summary.graph ? this.summary.layers.find((l) => l.isInput)?.outputShape : this.summary.inputShape;
    if (!Array.isArray(shape) || shape.length !== 4 || !Number.isInteger(shape[1]) || !Number.isInteger(shape[2])) return null;
    return [shape[1], shape[2]];
  }

  current() {
    const layer = this.summary?.layers[Number(this.layer.value)];
    if (!layer?.receptiveField) return null;
    const shape = layer.outputShape;
    return { layer, rf: layer.receptiveField, out: [shape[1], shape[2]] };
  }

  // The output grid's cell under a click; the first click shows the centre one by default.
  pickAt(event) {
    const c = this.current();
    if (!c) return;
    const rect = this.outCanvas.getBoundingClientRect();
    const cell = this.outCell;
    const col = Math.floor(((event.clientX - rect.left) * (this.outCanvas.width / rect.width)) / cell);
    const row = Math.floor(((event.clientY - rect.top) * (this.outCanvas.height / rect.height)) / cell);
    if (row < 0 || col < 0 || row >= c.out[0] || col >= c.out[1]) return;
    this.picked = [row, col];
    this.draw();
  }

  draw() {
    const c = this.current();
    if (!c) return;
    const [inH, inW] = this.inputDims();
    const { rf, out } = c;
    const picked = this.picked;
    const spans = picked ? [0, 1].map((a) => fieldSpan(picked[a], rf.size[a], rf.stride[a], rf.padding[a])) : null;
    // Margin: as much padding as the picked field reaches, capped.
    const reach = spans ? Math.max(0, -spans[0][0], -spans[1][0], spans[0][1] - (inH - 1), spans[1][1] - (inW - 1)) : 0;
    const margin = Math.min(MAX_MARGIN, Math.max(2, reach));
    const cell = Math.max(1, Math.floor(INPUT_PX / (Math.max(inH, inW) + 2 * margin)));
    const accent = cssColor(this.root, '--accent', '#0b6bcb');
    const pad = cssColor(this.root, '--pad-color', '#b86e00');

    // Input: the digit (white on black) or a neutral board, inside a padding margin.
    const ic = this.inCanvas;
    ic.width = (inW + 2 * margin) * cell;
    ic.height = (inH + 2 * margin) * cell;
    const g = ic.getContext('2d');
    g.fillStyle = '#e9e6df';
    g.fillRect(0, 0, ic.width, ic.height);
    const x0 = margin * cell;
    const y0 = margin * cell;
    const image = g.createImageData(inW * cell, inH * cell);
    const data = this.input?.data;
    for (let y = 0; y < inH; y++) {
      for (let x = 0; x < inW; x++) {
        const v = data ? Math.max(0, Math.min(1, data[y * inW + x])) : ((x + y) % 2 ? 0.42 : 0.5);
        const gray = Math.round(255 * v);
        for (let dy = 0; dy < cell; dy++) {
          for (let dx = 0; dx < cell; dx++) {
            const k = 4 * ((y * cell + dy) * inW * cell + x * cell + dx);
            image.data[k] = image.data[k + 1] = image.data[k + 2] = gray;
            image.data[k + 3] = 255;
          }
        }
      }
    }
    g.putImageData(image, x0, y0);
    delete this.root.dataset.box;
    if (spans) {
      const [[r0, r1], [c0, c1]] = spans;
      // Clip to what is drawn (the margin is capped): the box's pixel bounds on the canvas.
      const top = Math.max(r0, -margin);
      const bottom = Math.min(r1, inH - 1 + margin);
      const left = Math.max(c0, -margin);
      const right = Math.min(c1, inW - 1 + margin);
      const box = [x0 + left * cell, y0 + top * cell, (right - left + 1) * cell, (bottom - top + 1) * cell];
      // Padded positions of the field: hatched in the padding colour.
      g.save();
      g.beginPath();
      g.rect(...box);
      g.clip();
      g.beginPath();  // within the box, outside the image
      g.rect(...box);
      g.rect(x0, y0, inW * cell, inH * cell);
      g.clip('evenodd');
      tint(g, pad, 0.45, box);
      g.strokeStyle = pad;
      g.lineWidth = 1;
      for (let d = -box[3]; d < box[2]; d += 6) {
        g.beginPath();
        g.moveTo(box[0] + d, box[1] + box[3]);
        g.lineTo(box[0] + d + box[3], box[1]);
        g.stroke();
      }
      g.restore();
      tint(g, accent, 0.25, box);
      g.strokeStyle = accent;
      g.lineWidth = 2;
      g.strokeRect(box[0] + 1, box[1] + 1, box[2] - 2, box[3] - 2);
      this.root.dataset.box = box.join(',');
      this.root.dataset.field = `${r0},${r1},${c0},${c1}`;
      const inside = (Math.min(r1, inH - 1) - Math.max(r0, 0) + 1) * (Math.min(c1, inW - 1) - Math.max(c0, 0) + 1);
      const total = (r1 - r0 + 1) * (c1 - c0 + 1);
      const clipped = top !== r0 || bottom !== r1 || left !== c0 || right !== c1;
      this.note.textContent = `Output (${picked[0]}, ${picked[1]}) of ${c.layer.name} reads input rows ${r0}…${r1} and columns ${c0}…${c1}`
        + ` (${formatAxes(rf.size)}, jump ${formatAxes(rf.stride)}): ${total - Math.max(0, inside)} of its ${total} positions are padding`
        + `${inside <= 0 ? ' (all of them)' : ''}${total > inH * inW ? '; the field is larger than the whole input' : ''}`
        + `${clipped ? '; the drawing shows the padding only up to ' + margin + ' cells around the image' : ''}.`;
    } else {
      this.note.textContent = `${c.layer.name}: receptive field ${formatAxes(rf.size)}, jump ${formatAxes(rf.stride)}; `
        + `${(100 * rf.borderFraction).toFixed(1)} % of its ${out[0]}×${out[1]} outputs read padding. Click an output position.`;
    }
    g.strokeStyle = '#555';
    g.lineWidth = 1;
    g.strokeRect(x0 - 0.5, y0 - 0.5, inW * cell + 1, inH * cell + 1);

    // Output positions: a grid; shaded where the value read padding; the picked one filled.
    const oc = this.outCanvas;
    const ocell = Math.max(2, Math.floor(OUTPUT_PX / Math.max(out[0], out[1])));
    this.outCell = ocell;
    oc.width = out[1] * ocell;
    oc.height = out[0] * ocell;
    const o = oc.getContext('2d');
    o.fillStyle = '#f7f5f0';
    o.fillRect(0, 0, oc.width, oc.height);
    let shaded = 0;
    for (let r = 0; r < out[0]; r++) {
      for (let q = 0; q < out[1]; q++) {
        const touched = readsPadding(r, out[0], rf.borderAffected[0], rf.borderBefore[0])
          || readsPadding(q, out[1], rf.borderAffected[1], rf.borderBefore[1]);
        if (touched) shaded++;
        if (this.shade.checked && touched) tint(o, pad, 0.5, [q * ocell, r * ocell, ocell, ocell]);
      }
    }
    if (ocell >= 4) {
      o.strokeStyle = 'rgba(0,0,0,0.18)';
      for (let r = 0; r <= out[0]; r++) { o.beginPath(); o.moveTo(0, r * ocell + 0.5); o.lineTo(oc.width, r * ocell + 0.5); o.stroke(); }
      for (let q = 0; q <= out[1]; q++) { o.beginPath(); o.moveTo(q * ocell + 0.5, 0); o.lineTo(q * ocell + 0.5, oc.height); o.stroke(); }
    }
    if (picked) {
      o.fillStyle = accent;
      o.fillRect(picked[1] * ocell, picked[0] * ocell, ocell, ocell);
    }
    this.root.dataset.shaded = this.shade.checked ? String(shaded) : '0';
  }
}
