// One side of the playground: an editor, its error box and its summary. The pane knows
// nothing about the engine or the other pane; app.js feeds it results and errors.
import { CodeEditor } from './editor.js';
import { SummaryView } from './summary-view.js';

// Plain-words headings for the engine's error kinds (PadlabError.kind).
const KIND_WORDS = {
  ParseError: 'PadLab cannot read this code',
  ShapeError: 'The shapes do not fit',
  ArgumentError: 'Keras would reject an argument',
  UnsupportedError: 'Not supported yet',
  NameError: 'Unknown name',
  LimitError: 'Too large to compute',
  Empty: 'Nothing to summarise yet',
};

// The engine may already prefix "line 3, layer 'conv2d_1': "; the pane shows that part
// separately, so drop it from the message.
function bareMessage(message) {
  return String(message ?? '').replace(/^line \d+(?:, column \d+)?(?:, layer '[^']*')?: /i, '');
}

export class ModelPane {
  constructor(container, { key, onEdit, onSelectLayer, onNotice, onSavedFile }) {
    this.key = key;
    const tag = key.toUpperCase();
    this.label = `Model ${tag}`;
    // The static page may ship this pane pre-rendered (wasm/first_paint.mjs serialised what this
    // constructor and the live engine built for the seed state): adopt it, same code after.
    const existing = container.querySelector(`:scope > .pane[data-pane="${key}"]`);
    this.prerendered = !!existing;
    this.root = existing ?? document.getElementById('pane-template').content.cloneNode(true).querySelector('.pane');
    this.root.dataset.pane = key;
    this.root.id = `pane-${key}`;
    const heading = this.root.querySelector('.pane-heading');
    heading.id = `pane-${key}-heading`;
    this.root.setAttribute('aria-labelledby', heading.id);
    this.root.querySelector('.pane-tag').textContent = tag;
    this.titleEl = this.root.querySelector('.pane-title');
    this.fileEl = this.root.querySelector('.pane-file');
    this.fileEl.id = `pane-${key}-file`;
    this.fileName = this.fileEl.querySelector('.pane-file-name');
    this.fileMeta = this.fileEl.querySelector('.pane-file-meta');
    this.file = null;  // the saved model file shown: { name, kerasVersion, format, hasWeights, era, edited }

    this.errorBox = this.root.querySelector('.error-box');
    this.errorBox.id = `pane-${key}-error`;
    this.errorWhere = this.errorBox.querySelector('.error-where');
    this.errorMessage = this.errorBox.querySelector('.error-message');
    this.errorGoto = this.errorBox.querySelector('.error-goto');
    this.error = null;
    this.errorGoto.addEventListener('click', () => {
      if (this.error?.line) this.editor.goToLine(this.error.line, this.error.column || 1);
    });

    this.editor = new CodeEditor(this.root, {
      id: `code-${key}`,
      label: `${this.label} code (Python or Keras JSON)`,
      onChange: (text, info) => onEdit(key, text, info),
      onNotice: (message) => onNotice(message),
      onSavedFile: onSavedFile ? (file, sideFiles) => onSavedFile(key, file, sideFiles) : null,
    });
    this.summary = new SummaryView(this.root, {
      label: this.label,
      onSelect: (index, layer) => {
        this.editor.markSelected(layer?.line ?? 0);
        onSelectLayer?.(key, index, layer);
      },
    });
    if (!existing) container.append(this.root);
  }

  // The pane shows this page's own state from now on (not the build's pre-rendered seed).
  goLive() {
    this.root.removeAttribute('data-prerendered');
  }

  // The saved model file this pane shows (null: none). reading: the worker is still at it.
  setFile(file, { reading = false } = {}) {
    this.file = file;
    this.fileEl.hidden = !file;
    this.fileEl.classList.toggle('is-reading', reading);
    if (!file) return;
    this.fileName.textContent = file.name;
    const FORMATS = { keras: '.keras archive', h5: 'HDF5 (.h5)', tfjs: 'TF.js model.json', json: 'Keras JSON', python: 'Python' };
    const parts = [];
    if (reading) parts.push('reading…');
    if (file.format) parts.push(FORMATS[file.format] ?? file.format);
    if (file.format && file.format !== 'python') parts.push(file.kerasVersion ? `Keras ${file.kerasVersion}` : 'Keras version not stored');
    if (file.hasWeights) parts.push('weights stored');
    if (file.failed) parts.push('could not be read');
    if (file.edited) parts.push('config edited');
    this.fileMeta.textContent = parts.length ? ` · ${parts.join(' · ')}` : '';
  }

  // Returns true when this edit is the first since the file was opened.
  markFileEdited() {
    if (!this.file || this.file.edited || this.file.failed) return false;
    this.setFile({ ...this.file, edited: true });
    return true;
  }

  setTitle(title) {
    this.titleEl.textContent = title;
  }

  setCode(text) {
    this.editor.setValue(text);
  }

  get code() {
    return this.editor.value;
  }

  showResult(result, diff) {
    this.clearError();
    this.summary.showResult(result, diff);
    const selected = this.summary.selected;
    this.editor.markSelected(selected >= 0 ? result.layers[selected]?.line ?? 0 : 0);
  }

  showError(err) {
    const isEngineError = err && typeof err.kind === 'string';
    const line = Number(err?.line) || 0;
    const column = Number(err?.column) || 0;
    const layer = err?.layer || '';
    this.error = { line, column, layer };

    const heading = isEngineError ? (KIND_WORDS[err.kind] ?? 'This model has an error') : 'Internal error in the engine';
    // The core's own text of the location (PadlabError.where: "line 11, column 5, layer 'conv2d_2'").
    const where = isEngineError && typeof err.where === 'string' ? err.where : '';
    this.errorWhere.textContent = where ? `${heading} — ${where}` : heading;
    this.errorMessage.textContent = bareMessage(err?.message) || 'Unknown error.';
    this.errorGoto.hidden = !line;
    this.errorGoto.textContent = line ? `Go to line ${line}` : 'Go to line';
    this.errorBox.hidden = false;
    this.errorBox.classList.toggle('is-empty', err?.kind === 'Empty');
    this.root.classList.add('has-error');
    this.editor.markError(line, this.errorBox.id);
    this.summary.showStale(`${where ? `${where}: ` : ''}${this.errorMessage.textContent}`);
  }

  clearError() {
    this.error = null;
    this.errorBox.hidden = true;
    this.root.classList.remove('has-error');
    this.editor.clearError();
  }
}
