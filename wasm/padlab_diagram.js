// PadLab's padding / convolution diagrams alone: geometry and the core's SVG, from the small
// diagram-only wasm module (padlab_diagram.wasm), for pages that draw diagrams and need
// nothing else (<padlab-diagram>, embed.html):
//
//   import { loadDiagrams } from './padlab_diagram.js';
//   const d = await loadDiagrams();
//   d.diagramSvg({ input: 8, kernel: 4, padding: 'causal' }, { animate: true });
//
// The same methods, with the same checks and results, are part of the full engine (padlab.js's
// load() returns an object that extends this class), so code written for one runs on the other.
import {
  PadlabError, vocabulary, names, isName, choices, paddingChoices, loadOnce, callCore, argumentError, limitError, show,
  checkKeys, checkOptions, isNumberArray, checkData, checkPairs, checkIntegers, checkMode, checkIndex, checkNumber,
} from './padlab_checks.js';

export { PadlabError, version, vocabulary } from './padlab_checks.js';

/**
 * Loads the diagram-only module (once per wasm URL) and resolves to its API object.
 * @param {{ wasmUrl?: string | URL }} [options] default './padlab_diagram.wasm', next to this file.
 */
export function loadDiagrams(options = {}) {
  return loadOnce('loadDiagrams', options, './padlab_diagram.wasm',
    async (arg) => (await import('./padlab_diagram.mjs')).default(arg), (core) => new Diagrams(core));
}

/** The diagram methods, on a wasm module that has the diagram bindings. */
export class Diagrams {
  #core;

  constructor(core) {
    this.#core = core;
  }

  /** The version compiled into the wasm module. */
  get version() {
    return this.#call('version');
  }

  /**
   * The geometry of a padding / convolution diagram: axis arithmetic, the padded grid, where
   * each padded value comes from, and the window every step reads. Pure data (the page and the
   * components draw it; diagramSvg draws the same thing as SVG).
   * options.view: [[lo, hi], ...] grid region whose cells to list (default: the whole grid when
   *   it has at most 65536 cells, else cells is null);
   * options.steps: true (all), false (none), [from, to) (default: all when they read at most
   *   65536 cells in total, else null).
   */
  diagram(spec, options) {
    const fn = 'diagram';
    const o = checkOptions(fn, options, ['view', 'steps']);
    const s = checkDiagramSpec(fn, spec);
    const rank = s.input.length;
    let view = null;
    if (o.view !== undefined && o.view !== null) {
      view = checkPairs(fn, 'view', o.view);
      if (view.length !== 2 * rank) throw argumentError(`${fn}: view must hold one [lo, hi] pair per axis (${rank})`);
    }
    let from = -1;
    let to = -1;
    const steps = o.steps;
    if (steps === true) { from = 0; to = 2 ** 31 - 1; } else if (steps === false) { from = 0; to = 0; } else if (steps !== undefined && steps !== null) {
      if (!Array.isArray(steps) || steps.length !== 2) {
        throw argumentError(`${fn}: steps must be true, false or a [from, to) pair of step indices, got ${show(steps)}`);
      }
      from = checkIndex(fn, 'steps[0]', steps[0]);
      to = checkIndex(fn, 'steps[1]', steps[1]);
    }
    const g = this.#call(fn, s, view, from, to);
    return geometryFromColumns(g, steps === false);
  }

  /** One step of a diagram (0-based, row-major over the output): the output cell it writes and the window it reads. */
  diagramStep(spec, index) {
    const fn = 'diagramStep';
    const s = checkDiagramSpec(fn, spec);
    const i = checkIndex(fn, 'index', index);
    const rank = s.input.length;
    const g = geometryFromColumns(this.#call('diagram', s, new Array(2 * rank).fill(0), i, i + 1), false);
    if (g.steps.length === 0) {
      throw new PadlabError(`${fn}: step ${i} does not exist; the diagram has ${g.stepCount} steps`, { kind: 'ArgumentError' });
    }
    return g.steps[0];
  }

  /**
   * The diagram as SVG text (the picture the CLI writes): one step ({ step: 0-based }, the
   * default is step 0) or the self-contained CSS animation ({ animate: true }).
   */
  diagramSvg(spec, options) {
    return this.#diagramSvg('diagramSvg', spec, options).svg;
  }

  /**
   * One static step as the page shows it: { svg, view, outputView, reads, highlightReads }.
   * `view` / `outputView` are the regions drawn ([[lo, hi), ...] per axis); pass their first
   * cells back as viewHint / outputViewHint with the next step to keep the picture still.
   * `reads` says what the step reads; `highlightReads` what the highlighted output reads.
   */
  diagramPicture(spec, options) {
    const o = options ?? {};
    if (o.animate) throw argumentError('diagramPicture: a picture is one step; use diagramSvg({ animate: true }) for the animation');
    return this.#diagramSvg('diagramPicture', spec, o);
  }

  #diagramSvg(fn, spec, options) {
    const o = checkOptions(fn, options, ['step', 'animate', 'cell', 'maxCells', 'maxSlices', 'maxFrames', 'stepSeconds',
      'holdSeconds', 'values', 'sources', 'title', 'idPrefix', 'theme', 'highlight', 'viewHint', 'outputViewHint']);
    const s = checkDiagramSpec(fn, spec);
    if (o.animate !== undefined && typeof o.animate !== 'boolean') throw argumentError(`${fn}: animate must be a boolean, got ${show(o.animate)}`);
    if (o.animate && o.step !== undefined) throw argumentError(`${fn}: give either step or animate, not both`);
    const step = o.animate ? -1 : checkIndex(fn, 'step', o.step ?? 0);
    const int = (name, v, lo, hi) => {
      if (!Number.isInteger(v) || v < lo || v > hi) throw argumentError(`${fn}: ${name} must be an integer in [${lo}, ${hi}], got ${show(v)}`);
      return v;
    };
    const num = (name, v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw argumentError(`${fn}: ${name} must be a number, got ${show(v)}`);
      return v;
    };
    const bool = (name, v) => {
      if (typeof v !== 'boolean') throw argumentError(`${fn}: ${name} must be a boolean, got ${show(v)}`);
      return v;
    };
    const str = (name, v) => {
      if (typeof v !== 'string') throw argumentError(`${fn}: ${name} must be a string, got ${show(v)}`);
      return v;
    };
    const hint = (name, v) => {
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v) || v.some((x) => !Number.isInteger(x) || x < 0)) {
        throw argumentError(`${fn}: ${name} must be an array of non-negative integers (one per axis), got ${show(v)}`);
      }
      return v;
    };
    const svgOptions = {
      cell: int('cell', o.cell ?? 0, 0, 120),
      maxCells: int('maxCells', o.maxCells ?? 16, 1, 256),
      maxSlices: int('maxSlices', o.maxSlices ?? 5, 1, 64),
      maxFrames: int('maxFrames', o.maxFrames ?? 48, 1, 4096),
      stepSeconds: num('stepSeconds', o.stepSeconds ?? 0.8),
      holdSeconds: num('holdSeconds', o.holdSeconds ?? 1.6),
      values: bool('values', o.values ?? true),
      sources: bool('sources', o.sources ?? true),
      title: str('title', o.title ?? ''),
      idPrefix: str('idPrefix', o.idPrefix ?? 'pl'),
      theme: str('theme', o.theme ?? 'auto'),
      highlight: o.highlight === undefined || o.highlight === null ? -1 : checkIndex(fn, 'highlight', o.highlight),
      viewHint: hint('viewHint', o.viewHint),
      outputViewHint: hint('outputViewHint', o.outputViewHint),
    };
    if (svgOptions.title.length > MAX_LABEL) throw limitError(`${fn}: title is longer than ${MAX_LABEL} characters`);
    return this.#call('diagramSvg', s, step, svgOptions);
  }

  /** The named diagrams (causal_time_series, reflection_2d, valid_28x28, same_28x28, ...), each with a spec diagram() takes. */
  diagramPresets() {
    return this.#call('diagramPresets');
  }

  #call(name, ...args) {
    return callCore(this.#core, name, args);
  }
}

// ------------------------------------------------------------------ diagram specs

const MAX_LABEL = 1000;
const MAX_DIAGRAM_VALUES = 2 ** 24;

// A number or an array of integers -> an array (absent -> []).
function diagramInts(fn, name, v) {
  if (v === undefined || v === null) return [];
  return checkIntegers(fn, name, v);
}

// The spec in the one fixed form the bindings read (wasm/bindings.cpp read_diagram_spec).
function checkDiagramSpec(fn, spec) {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw argumentError(`${fn}: spec must be an object such as { input: 8, kernel: 4, padding: 'causal' }, got ${show(spec)}`);
  }
  checkKeys(`${fn}: spec`, spec, ['input', 'kernel', 'strides', 'dilation', 'padding', 'mode', 'value', 'op',
    'outputPadding', 'values', 'label']);
  if (spec.input === undefined || spec.input === null) throw argumentError(`${fn}: spec.input is required (a length, or one length per spatial axis)`);
  const input = checkIntegers(fn, 'spec.input', spec.input);
  if (input.length < 1 || input.length > 3) throw argumentError(`${fn}: spec.input must have 1, 2 or 3 spatial axes, got ${input.length}`);
  const kernel = diagramInts(fn, 'spec.kernel', spec.kernel);
  let padding = spec.padding ?? names(vocabulary.paddings)[0];
  let pads = null;
  if (typeof padding === 'string') {
    if (!isName(vocabulary.paddings, padding)) {
      throw argumentError(`${fn}: spec.padding must be ${paddingChoices()}, got ${show(padding)}`);
    }
  } else if (Array.isArray(padding)) {
    pads = checkPairs(fn, 'spec.padding', padding);
    padding = '';
  } else {
    throw argumentError(`${fn}: spec.padding must be ${paddingChoices()}, got ${show(padding)}`);
  }
  const op = spec.op ?? names(vocabulary.windowOps)[0];
  if (typeof op !== 'string' || !isName(vocabulary.windowOps, op)) {
    throw argumentError(`${fn}: spec.op must be ${choices(names(vocabulary.windowOps))}, got ${show(op)}`);
  }
  let values = null;
  if (spec.values !== undefined && spec.values !== null) {
    if (!isNumberArray(spec.values)) throw argumentError(`${fn}: spec.values must be an array of numbers, got ${show(spec.values)}`);
    if (spec.values.length > MAX_DIAGRAM_VALUES) throw limitError(`${fn}: spec.values has more than ${MAX_DIAGRAM_VALUES} entries`);
    values = checkData(fn, 'spec.values', spec.values, [spec.values.length]);
  }
  const label = spec.label ?? '';
  if (typeof label !== 'string') throw argumentError(`${fn}: spec.label must be a string, got ${show(label)}`);
  if (label.length > MAX_LABEL) throw limitError(`${fn}: spec.label is longer than ${MAX_LABEL} characters`);
  return {
    input,
    kernel,
    strides: diagramInts(fn, 'spec.strides', spec.strides),
    dilation: diagramInts(fn, 'spec.dilation', spec.dilation),
    padding,
    pads,
    mode: checkMode(fn, spec.mode),
    value: checkNumber(fn, 'spec.value', spec.value ?? 0),
    op,
    outputPadding: spec.outputPadding === undefined || spec.outputPadding === null ? null : checkIntegers(fn, 'spec.outputPadding', spec.outputPadding),
    values,
    label,
  };
}

const CELL_KINDS = ['input', 'pad', 'gap', 'cropped'];

// The bindings return cells and steps as columns of typed arrays (cheap to copy out of
// wasm); callers get one plain object per cell and per step.
function geometryFromColumns(g, noSteps) {
  const rank = g.grid.length;
  const slice = (a, i, n) => Array.from(a.subarray(i * n, i * n + n));
  let cells = null;
  if (g.cells) {
    const c = g.cells;
    cells = new Array(c.kind.length);
    for (let i = 0; i < cells.length; i++) {
      const source = c.source[i * rank] < 0 ? null : slice(c.source, i, rank);
      cells[i] = { pos: slice(c.pos, i, rank), kind: CELL_KINDS[c.kind[i]], source, value: c.value[i], read: c.read[i] === 1 };
    }
  }
  let steps = null;
  if (g.steps && !noSteps) {
    const s = g.steps;
    const n = s.to - s.from;
    steps = new Array(n);
    for (let i = 0; i < n; i++) {
      const window = new Array(s.taps);
      for (let t = 0; t < s.taps; t++) window[t] = slice(s.window, i * s.taps + t, rank);
      steps[i] = { index: s.from + i, output: slice(s.output, i, rank), origin: slice(s.origin, i, rank), window };
    }
  }
  return {
    spec: g.spec,
    axes: g.axes,
    grid: g.grid,
    offset: g.offset,
    gridStride: g.gridStride,
    output: g.output,
    stepCount: g.stepCount,
    cellCount: g.cellCount,
    padsIgnored: g.padsIgnored,
    formula: g.formula,
    notes: g.notes,
    readMask: g.readMask.map((m) => Array.from(m, (b) => b === 1)),
    view: g.cells ? g.cells.view : null,
    cells,
    steps,
  };
}

