// PadLab playground: wires the engine (padlab.js, WebAssembly), the two model panes, the
// comparison strip and the state kept in the URL hash and localStorage.
//
// Panels are modules that listen on `bus` (an EventTarget):
//   'results'     detail {results: {a, b}, errors: {a, b}, diff}  after every recompute
//   'layerselect' detail {pane, index, layer}                    a layer row was picked
//   'state'       detail {state}                                 settings or code changed
//   'savedfile'   detail {pane}                                  a saved model file opened / closed
// A panel module exports mount(ctx) with ctx = {bus, getState, getEngine}; add it to PANELS.
// The diagram workbench (diagram-workbench.js) listens to 'layerselect'.
import { EXAMPLES, findExample } from './seed-models.js';
import { ARCHITECTURES, findArchitecture } from './architectures.js';
import { initialState, stateToHash, hashToState, saveLocal, defaultState } from './url-state.js';
import { ModelPane } from './model-pane.js';
import { diffSummaries, mountComparePanel } from './compare.js';
import { mountDiagramPanel } from '../diagram/workbench.js';
import { mountApplyPanel } from '../apply/panel.js';
import { applyTheme } from '../shared/theme.js';
import { Toast } from '../shared/toast.js';
import { vocabulary, styleDefaults, load as loadPadlab } from '../padlab.js';
import { readSavedFile, configText } from '../saved/open.js';

// Typing: an edit is summarised in the next task (setTimeout 0, so keystrokes queued in one
// task coalesce) while a summary is cheap (the seed models take ~1 ms); a model whose summary
// plus render takes longer than a frame (a 300-layer Application) waits twice that long after
// the last keystroke, capped, so back-to-back recomputes do not block typing. The cost is
// measured per pane on every edit (the first recompute after load is not representative: the
// panels draw for the first time).
const FAST_SUMMARY_MS = 16;
const MAX_TYPING_DELAY_MS = 400;
const HASH_DEBOUNCE_MS = 400;
const KEYS = ['a', 'b'];

const bus = new EventTarget();
const emit = (type, detail) => bus.dispatchEvent(new CustomEvent(type, { detail }));

let engine = null;
let state = null;
const panes = {};
const lastGood = { a: null, b: null };
const errors = { a: null, b: null };
const timers = { a: 0, b: 0, hash: 0 };
const summaryCost = { a: 0, b: 0 };  // ms the pane's last compute + render took
let lastWrittenHash = '';

const $ = (sel) => document.querySelector(sel);
const toast = new Toast($('#toast'));

function debounce(key, ms, fn) {
  clearTimeout(timers[key]);
  timers[key] = setTimeout(fn, ms);
}

// ---- engine --------------------------------------------------------------------------------
// Started as this module runs, before the panes and the saved state: the glue and the .wasm
// (preloaded by index.html) compile while the page sets itself up.
const engineLoading = loadPadlab();
engineLoading.catch(() => {});  // handled in loadEngine, not an unhandled rejection before it

async function loadEngine() {
  const status = $('#engine-status');
  try {
    engine = await engineLoading;
    status.hidden = true;
    status.textContent = '';
    document.documentElement.dataset.engine = 'ready';
  } catch (e) {
    status.textContent = `The PadLab engine could not load (${e?.message ?? e}). Your code is still kept in this page and its link.`;
    status.classList.add('is-error');
    document.documentElement.dataset.engine = 'failed';
    for (const key of KEYS) {
      panes[key].goLive();
      panes[key].summary.showUnavailable('No summary: the engine did not load.');
    }
  }
}

function compute(key) {
  if (!engine) return;
  if (!panes[key].code.trim()) {
    // Not a mistake, just a blank editor: say what to do instead of reporting a parse error.
    errors[key] = { kind: 'Empty', message: 'Type a Keras model in Python, paste Keras JSON, or drop a file here.', line: 0 };
    return;
  }
  // A saved file's Keras 2 version also picks the era of its summary (2.15: era C).
  const era = state.style === 'keras2' ? panes[key].file?.era : undefined;
  const options = { style: state.style, receptiveField: !!state.rf };
  if (era) options.era = era;
  try {
    lastGood[key] = engine.summary(panes[key].code, options);
    errors[key] = null;
  } catch (e) {
    errors[key] = e;
    if (!(e && typeof e.kind === 'string')) console.warn('PadLab engine failure', e);  // not a model error
  }
}

// Shows the current results in both panes and in every panel.
function render() {
  const diff = lastGood.a && lastGood.b ? diffSummaries(lastGood.a, lastGood.b) : null;
  for (const key of KEYS) {
    const pane = panes[key];
    pane.goLive();
    if (errors[key]) {
      pane.showError(errors[key]);
      pane.summary.setDiff(diff?.[key] ?? null);
      pane.root.dataset.status = lastGood[key] ? 'stale' : 'error';
    } else if (lastGood[key]) {
      pane.showResult(lastGood[key], diff?.[key] ?? null);
      pane.root.dataset.status = 'ok';
    }
  }
  emit('results', { results: { ...lastGood }, errors: { a: !!errors.a, b: !!errors.b }, diff });
}

function typingDelay(key) {
  const cost = summaryCost[key];
  return cost <= FAST_SUMMARY_MS ? 0 : Math.min(MAX_TYPING_DELAY_MS, 2 * cost);
}

// One pane's edit: computes and renders it, and remembers how long that took. Before the
// engine is ready there is nothing to compute: loadEngine's recompute() picks up the edit.
function timedRecompute(key) {
  if (!engine) return;
  const t0 = performance.now();
  compute(key);
  render();
  summaryCost[key] = performance.now() - t0;
}

function recompute(keys = KEYS) {
  for (const key of keys) compute(key);
  render();
}

// ---- state ---------------------------------------------------------------------------------
function paneTitle(key) {
  const file = panes[key].file;
  if (file) return file.edited ? `${file.name} · edited` : file.name;
  const ex = findExample(state.example);
  if (!ex) return 'Your model';
  return ex[key].code === state[key] ? ex[key].title : `${ex[key].title} · edited`;
}

function refreshTitles() {
  for (const key of KEYS) panes[key].setTitle(paneTitle(key));
}

async function writeHash() {
  clearTimeout(timers.hash);
  const hash = await stateToHash(state);
  if (hash !== location.hash) history.replaceState(null, '', hash);
  lastWrittenHash = hash;
}

function persist({ now = false } = {}) {
  saveLocal(state);
  if (now) writeHash();
  else debounce('hash', HASH_DEBOUNCE_MS, writeHash);
  emit('state', { state: { ...state } });
}

function applyState(next, { recomputeAll = true } = {}) {
  state = next;
  if (KEYS.some((key) => panes[key].file)) {
    for (const key of KEYS) panes[key].setFile(null);
    emit('savedfile', { pane: null });
  }
  for (const key of KEYS) panes[key].setCode(state[key]);
  applyTheme(state.theme);
  syncControls();
  refreshTitles();
  if (recomputeAll) recompute();
}

function syncControls() {
  const style = document.querySelector(`input[name=style][value=${state.style}]`);
  if (style) style.checked = true;
  const theme = document.querySelector(`input[name=theme][value=${state.theme}]`);
  if (theme) theme.checked = true;
  $('#rf-toggle').checked = !!state.rf;
  const select = $('#example-select');
  if (findExample(state.example)) select.value = state.example;
}

// ---- events --------------------------------------------------------------------------------
function onEdit(key, text, info) {
  if (!state) return;  // typed into the pre-rendered page before main() read the state: main() applies it
  state[key] = text;
  // An edited config no longer is the file's: its stored weights are not offered to run.
  if (info?.source !== 'file' && panes[key].markFileEdited()) emit('savedfile', { pane: key });
  refreshTitles();
  if (info?.source === 'file') {
    if (!info.saved) toast.show(`Loaded ${info.fileName} into model ${key.toUpperCase()}.`);
    compute(key);
    render();
  } else {
    debounce(key, typingDelay(key), () => timedRecompute(key));
  }
  persist({ now: info?.source === 'file' });
}

// A saved model file (.keras, .h5, TF.js): read in the worker, its config into the editor as
// JSON, the summary style from its Keras version. Errors show in the pane like model errors.
async function openSavedFile(key, file, sideFiles) {
  const pane = panes[key];
  pane.setFile({ name: file.name }, { reading: true });
  let model;
  try {
    model = await readSavedFile(file, sideFiles);
  } catch (e) {
    pane.setFile({ name: file.name, failed: true });
    refreshTitles();
    errors[key] = { kind: e?.kind ?? 'Error', message: e?.message ?? String(e), line: 0 };
    render();
    return;
  }
  const defaults = styleDefaults(model.kerasVersion);
  pane.setFile({ name: model.filename || file.name, kerasVersion: model.kerasVersion, format: model.format,
                 hasWeights: model.hasWeights, era: defaults.era ?? null, blob: file, sideFiles });
  emit('savedfile', { pane: key });
  if (defaults.style && defaults.style !== state.style) {
    // The summary style follows the file's Keras version; the other pane follows the switch.
    state.style = defaults.style;
    syncControls();
    compute(KEYS.find((k) => k !== key));
  }
  // Fires onEdit (source 'file'): this pane's summary, render, persist.
  pane.editor.loadText(configText(model), file.name);
  announceSaved(key, model);
}

function announceSaved(key, model) {
  const version = model.kerasVersion ? ` (Keras ${model.kerasVersion})` : '';
  toast.show(`Opened ${model.filename}${version} in model ${key.toUpperCase()}: read in this browser, nothing was uploaded.`, { ms: 5000 });
}

function loadExample(id) {
  const ex = findExample(id);
  if (!ex) return;
  const previous = { ...state };
  const unchanged = previous.a === ex.a.code && previous.b === ex.b.code;
  applyState({ ...state, example: ex.id, a: ex.a.code, b: ex.b.code });
  persist({ now: true });
  if (!unchanged) {
    toast.show(`Loaded the example "${ex.label}".`, {
      undo: () => { applyState(previous); persist({ now: true }); },
    });
  }
}

// An Architecture: its one line goes into model A (model B stays, to compare against).
function loadArchitecture(id) {
  const arch = findArchitecture(id);
  if (!arch || state.a === arch.code) return;
  const previous = { ...state };
  applyState({ ...state, example: 'custom', a: arch.code });
  persist({ now: true });
  toast.show(`Opened ${arch.id} in model A.`, { undo: () => { applyState(previous); persist({ now: true }); } });
}

// The summary style switch: one radio per style of the core, labelled with its description.
function buildStyleSwitch() {
  const group = $('#style-switch');
  vocabulary.summaryStyles.entries.forEach(({ name, description }, i) => {
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'style';
    input.id = `style-${name}`;
    input.value = name;
    input.checked = i === 0;
    const label = document.createElement('label');
    label.htmlFor = input.id;
    label.textContent = description;
    group.append(input, label);
  });
}

function wireControls() {
  buildStyleSwitch();
  const select = $('#example-select');
  for (const ex of EXAMPLES) select.append(new Option(ex.label, ex.id));
  $('#example-load').addEventListener('click', () => loadExample(select.value));
  const arch = $('#architecture-select');
  for (const a of ARCHITECTURES) arch.append(new Option(a.note ? `${a.id}: ${a.note}` : a.id, a.id));
  $('#architecture-load').addEventListener('click', () => loadArchitecture(arch.value));

  for (const input of document.querySelectorAll('input[name=style]')) {
    input.addEventListener('change', () => {
      state.style = input.value;
      recompute();
      persist({ now: true });
    });
  }
  for (const input of document.querySelectorAll('input[name=theme]')) {
    input.addEventListener('change', () => {
      state.theme = input.value;
      applyTheme(state.theme);
      persist({ now: true });
    });
  }
  $('#rf-toggle').addEventListener('change', (e) => {
    state.rf = e.target.checked;
    recompute();
    persist({ now: true });
  });
  $('#copy-link').addEventListener('click', async () => {
    await writeHash();
    try {
      await navigator.clipboard.writeText(location.href);
      toast.show('Link copied: it opens this exact playground.', { ms: 4000 });
    } catch {
      toast.show('Copying was blocked: the address bar holds the link.', { ms: 6000 });
    }
  });

  // A link pasted into this tab, or Back/Forward across links.
  window.addEventListener('hashchange', async () => {
    if (location.hash === lastWrittenHash) return;
    try {
      const next = await hashToState(location.hash);
      if (next) { applyState(next); saveLocal(state); lastWrittenHash = location.hash; }
    } catch (e) {
      toast.show(`This link could not be read: ${e.message}`);
    }
  });

  // Nothing typed is lost: flush pending work when the page goes away or hides.
  const flush = () => { saveLocal(state); writeHash(); };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
}

// ---- panels --------------------------------------------------------------------------------
const PANELS = [mountComparePanel, mountDiagramPanel, mountApplyPanel];

function mountPanels() {
  // getSavedFiles: the files opened in the panes (the File itself stays on this machine; the
  // "Apply to data" worker reads its stored weights from it).
  const getSavedFiles = () => KEYS.filter((k) => panes[k].file?.blob && !panes[k].file.failed)
    .map((k) => ({ key: k, name: panes[k].file.name, file: panes[k].file.blob, sideFiles: panes[k].file.sideFiles,
                   hasWeights: !!panes[k].file.hasWeights && !panes[k].file.edited }));
  // setDiagramState: the diagram workbench's picture, kept in the link like the code.
  const setDiagramState = (text) => { if (state && state.diagram !== text) { state.diagram = text; persist(); } };
  const ctx = { bus, getState: () => ({ ...state }), getEngine: () => engine, getSavedFiles, setDiagramState };
  for (const mount of PANELS) mount(ctx);
}

// ---- start ---------------------------------------------------------------------------------
async function main() {
  const container = $('#panes');
  const notice = (message) => toast.show(message);
  for (const key of KEYS) {
    panes[key] = new ModelPane(container, {
      key,
      onEdit,
      onNotice: notice,
      onSavedFile: (k, file, sideFiles) => openSavedFile(k, file, sideFiles),
      onSelectLayer: (pane, index, layer) => emit('layerselect', { pane, index, layer }),
    });
  }
  wireControls();
  mountPanels();

  const start = await initialState(location.hash);
  // Text typed into a pre-rendered editor before the state was read (its default value is the
  // seed code the page was built with; onEdit ignores edits until then): kept, and applied as
  // an edit below.
  const typed = {};
  for (const key of KEYS) {
    const area = panes[key].editor.textarea;
    if (panes[key].prerendered && area.value !== area.defaultValue) typed[key] = area.value;
  }
  // The pre-rendered summaries (the seed state) stay until the engine re-renders them only when
  // seed-check.js judged this visit to open the seed and the state read agrees.
  const seed = defaultState();
  const showsSeed = document.documentElement.dataset.firstPaint === 'seed' &&
    ['example', 'a', 'b', 'style', 'rf'].every((k) => start.state[k] === seed[k]);
  for (const key of KEYS) {
    if (!(panes[key].prerendered && showsSeed)) {
      panes[key].goLive();
      panes[key].summary.showLoading();
    }
  }
  applyState(start.state, { recomputeAll: false });
  document.documentElement.dataset.firstPaint = 'live';
  for (const key of KEYS) {
    if (showsSeed && typed[key] !== undefined) {
      panes[key].setCode(typed[key]);
      onEdit(key, typed[key], { source: 'typing' });
    }
  }
  if (start.source === 'broken-link') {
    toast.show(`The link could not be read (${start.error?.message}); showing your last playground instead.`);
  }
  persist({ now: true });

  await loadEngine();
  if (engine) recompute();
  document.documentElement.dataset.app = 'ready';
}

main().catch((e) => {
  const status = $('#engine-status');
  status.hidden = false;
  status.classList.add('is-error');
  status.textContent = `The playground failed to start: ${e?.message ?? e}`;
  throw e;
});
