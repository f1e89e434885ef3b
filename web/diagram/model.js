// One diagram's geometry, from the engine (padlab.js diagram()), plus what a live view needs
// on top of it: the cells of a region, the window of any step, and which region to show so
// that a big input (a 224x224 image) is drawn as a readable window around the current step.
// No drawing here: diagram-view.js draws what this returns.

// Cells shown per axis, as the core's SVG renderer does (core/diagram/svg_renderer.hpp):
// 16 per axis, 1.5x that for a single row; 3D depth shows at least the window's depth.
export const MAX_CELLS = 16;
const MAX_ROW = 24;
const MAX_SLICES = 5;
const STEP_CACHE = 256;
const REGION_CACHE = 4;

export class DiagramModel {
  // Throws the engine's PadlabError for a spec it rejects.
  constructor(engine, spec) {
    this.engine = engine;
    this.spec = spec;
    const rank = Array.isArray(spec.input) ? spec.input.length : 1;
    // Geometry without cells (they come per region); all steps when they are few.
    this.geo = engine.diagram(spec, { view: Array.from({ length: rank }, () => [0, 0]) });
    this.rank = this.geo.grid.length;
    this.stepCache = new Map();
    this.cellCache = new Map();
  }

  get stepCount() { return this.geo.stepCount; }
  get hasKernel() { return this.geo.spec.kernel.length > 0; }

  effectiveKernel(axis) {
    return this.hasKernel ? this.geo.axes[axis].effectiveKernel : 1;
  }

  // { index, output, origin, window } of step i (row-major over the output).
  step(i) {
    if (this.geo.steps) return this.geo.steps[i];
    let st = this.stepCache.get(i);
    if (!st) {
      st = this.engine.diagramStep(this.spec, i);
      if (this.stepCache.size >= STEP_CACHE) this.stepCache.delete(this.stepCache.keys().next().value);
      this.stepCache.set(i, st);
    }
    return st;
  }

  // Row-major step index of an output cell.
  stepIndexOf(out) {
    let i = 0;
    for (let a = 0; a < this.rank; a++) i = i * this.geo.output[a] + out[a];
    return i;
  }

  // Cells of a region [[lo, hi], ...] as a Map "i,j" -> cell.
  cellsIn(view) {
    const key = view.map((r) => r.join(':')).join('/');
    let cells = this.cellCache.get(key);
    if (!cells) {
      const g = this.engine.diagram(this.spec, { view, steps: false });
      cells = new Map(g.cells.map((c) => [c.pos.join(','), c]));
      if (this.cellCache.size >= REGION_CACHE) this.cellCache.delete(this.cellCache.keys().next().value);
      this.cellCache.set(key, cells);
    }
    return cells;
  }

  // Per-axis caps of the drawn region.
  caps() {
    return this.geo.grid.map((_, a) => {
      if (this.rank === 1) return MAX_ROW;
      if (this.rank === 3 && a === 0) return Math.max(MAX_SLICES, Math.min(this.effectiveKernel(0), 8));
      return MAX_CELLS;
    });
  }

  // The region of the grid (and of the output) to draw for step `index`: the previous region
  // when the step's window and output still fit in it (so playing does not jump around),
  // otherwise the smallest move that brings them in. Returns { grid: [[lo,hi]...], output }.
  viewFor(index, previous = null) {
    const caps = this.caps();
    const st = this.stepCount > 0 ? this.step(Math.min(index, this.stepCount - 1)) : null;
    const fit = (len, cap, lo0, first, extent) => {
      const n = Math.min(cap, len);
      let lo = lo0 ?? 0;
      if (lo + n > len) lo = len - n;
      if (first < lo) lo = first;
      if (first + Math.min(extent, n) > lo + n) lo = first + Math.min(extent, n) - n;
      lo = Math.max(0, Math.min(lo, len - n));
      return [lo, lo + n];
    };
    const grid = this.geo.grid.map((len, a) =>
      fit(len, caps[a], previous?.grid[a][0], st ? st.origin[a] : 0, st ? this.effectiveKernel(a) : 1));
    let output = null;
    if (this.stepCount > 0 && this.rank > 1) {
      output = this.geo.output.map((len, a) => fit(len, caps[a], previous?.output?.[a][0], st.output[a], 1));
    }
    return { grid, output };
  }

  // Index of the cell an output sits under in a 1D picture: the last tap for causal padding
  // (output t reads up to input t), the centre tap otherwise (as the core renderer draws it).
  anchor() {
    if (!this.hasKernel) return 0;
    const dk = this.effectiveKernel(0);
    return this.geo.spec.padding === 'causal' ? dk - 1 : Math.floor((dk - 1) / 2);
  }

  // What step `index` reads, in words ("y4 reads 1 padding + x0 … x2").
  describeStep(index, cells = null) {
    const st = this.step(index);
    const all = cells ?? this.cellsIn(this.boundsOf(st.window));
    let pads = 0;
    let gaps = 0;
    let lo = null;
    let hi = null;
    for (const t of st.window) {
      const c = all.get(t.join(','));
      if (!c) continue;
      if (c.kind === 'input') {
        if (this.rank === 1) {
          lo = lo === null ? c.source[0] : Math.min(lo, c.source[0]);
          hi = hi === null ? c.source[0] : Math.max(hi, c.source[0]);
        } else {
          lo = lo ? lo.map((v, a) => Math.min(v, c.source[a])) : [...c.source];
          hi = hi ? hi.map((v, a) => Math.max(v, c.source[a])) : [...c.source];
        }
      } else if (c.kind === 'gap') gaps++;
      else pads++;
    }
    const parts = [];
    if (pads) parts.push(`${pads} padding`);
    if (gaps) parts.push(`${gaps} inserted zero${gaps === 1 ? '' : 's'}`);
    if (this.rank === 1) {
      if (lo !== null) parts.push(lo === hi ? `x${lo}` : `x${lo} … x${hi}`);
      return `y${st.output[0]} reads ${parts.join(' + ')}`;
    }
    const names = this.rank === 2 ? ['rows', 'cols'] : ['depth', 'rows', 'cols'];
    if (lo) parts.push(`input ${names.map((n, a) => `${n} ${lo[a] === hi[a] ? lo[a] : `${lo[a]}–${hi[a]}`}`).join(', ')}`);
    return `output (${st.output.join(', ')}) reads ${parts.join(' + ')}`;
  }

  // The bounding region of a list of grid positions.
  boundsOf(positions) {
    const lo = Array(this.rank).fill(Infinity);
    const hi = Array(this.rank).fill(-Infinity);
    for (const p of positions) {
      for (let a = 0; a < this.rank; a++) {
        lo[a] = Math.min(lo[a], p[a]);
        hi[a] = Math.max(hi[a], p[a] + 1);
      }
    }
    return lo.map((l, a) => [l, hi[a]]);
  }
}
