// A plain <textarea> code editor with a line-number gutter, a highlighted error line, a
// highlighted "selected layer" line, and file loading (picker + drag-and-drop). Saved model
// files (.keras, .h5, TF.js model.json with its .bin shards) are recognised by their first
// bytes and handed to onSavedFile (web/saved/open.js reads them in a Web Worker); text files
// load into the textarea here.
// A textarea keeps native undo, IME, mobile keyboards and screen-reader support for free;
// lines never wrap (wrap="off"), so gutter line N is always source line N.

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const SAVED_NAME = /\.(keras|h5|hdf5|weights\.h5|pb|tflite)$/i;

// Whether a file is a saved model rather than text: a zip ("PK\x03\x04") or HDF5 signature in
// its first bytes, or a saved model's name (the worker then tells what it really is).
async function looksSaved(file) {
  if (SAVED_NAME.test(file.name)) return true;
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const hdf5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b);
  return zip || hdf5;
}

export class CodeEditor {
  // root: the pane element cloned from #pane-template.
  // onChange(text, {source}) fires after every edit or file load.
  // onNotice(message) reports a problem with a dropped/picked file.
  // onSavedFile(file, sideFiles) receives a saved model file (and the files beside it).
  constructor(root, { id, label, onChange, onNotice, onSavedFile }) {
    this.root = root;
    this.onChange = onChange;
    this.onSavedFile = onSavedFile ?? null;
    this.onNotice = onNotice ?? (() => {});
    this.box = root.querySelector('.editor');
    this.textarea = root.querySelector('.code');
    this.gutter = root.querySelector('.gutter');
    this.errorBand = root.querySelector('.error-band');
    this.selectBand = root.querySelector('.select-band');
    this.lineCount = 0;
    this.errorLine = 0;
    this.selectedLine = 0;

    this.textarea.id = id;
    const labelEl = root.querySelector('.editor-label');
    labelEl.htmlFor = id;
    labelEl.textContent = label;

    // A pre-rendered pane (first paint) already has its line numbers.
    this.gutterInner = this.gutter.querySelector('.gutter-inner');
    if (!this.gutterInner) {
      this.gutterInner = document.createElement('div');
      this.gutterInner.className = 'gutter-inner';
      this.gutter.append(this.gutterInner);
    }

    this.textarea.addEventListener('input', () => {
      this.renderGutter();
      this.onChange(this.textarea.value, { source: 'typing' });
    });
    this.textarea.addEventListener('scroll', () => this.syncScroll(), { passive: true });

    const fileInput = root.querySelector('.file-input');
    fileInput.setAttribute('aria-label', `Open a model file (.keras, .h5, TF.js model.json and its shards, Python or JSON) into ${label}`);
    fileInput.addEventListener('change', () => {
      if (fileInput.files?.length) this.loadFiles([...fileInput.files]);
      fileInput.value = '';  // picking the same file again must fire change again
    });
    this.installDrop();
  }

  get value() {
    return this.textarea.value;
  }

  // Replaces the whole text (example switch, state restore). Does not fire onChange.
  setValue(text) {
    if (this.textarea.value !== text) this.textarea.value = text;
    this.renderGutter();
  }

  renderGutter() {
    const count = this.textarea.value.split('\n').length;
    if (count !== this.lineCount) {
      this.lineCount = count;
      const frag = document.createDocumentFragment();
      for (let i = 1; i <= count; i++) {
        const span = document.createElement('span');
        span.textContent = String(i);
        frag.append(span);
      }
      this.gutterInner.replaceChildren(frag);
    }
    this.paintLineMarks();
  }

  syncScroll() {
    // One custom property drives both the gutter and the line bands (CSSOM, CSP-safe).
    this.box.style.setProperty('--scroll-top', `${this.textarea.scrollTop}px`);
  }

  paintLineMarks() {
    const spans = this.gutterInner.children;
    for (const span of spans) span.classList.remove('is-error', 'is-selected');
    const mark = (line, cls, band) => {
      const visible = line > 0 && line <= spans.length;
      band.hidden = !visible;
      if (!visible) return;
      spans[line - 1].classList.add(cls);
      band.style.setProperty('--line', String(line));
    };
    mark(this.errorLine, 'is-error', this.errorBand);
    mark(this.selectedLine, 'is-selected', this.selectBand);
  }

  // line 0 clears. describedBy: id of the element that explains the error.
  markError(line, describedBy) {
    this.errorLine = line || 0;
    if (line !== null && line !== undefined && describedBy) {
      this.textarea.setAttribute('aria-invalid', 'true');
      this.textarea.setAttribute('aria-describedby', describedBy);
    } else {
      this.textarea.removeAttribute('aria-invalid');
      this.textarea.removeAttribute('aria-describedby');
    }
    this.paintLineMarks();
  }

  clearError() {
    this.markError(0, null);
  }

  markSelected(line) {
    this.selectedLine = line || 0;
    this.paintLineMarks();
  }

  // Puts the caret at the start of a 1-based line and scrolls it into view.
  goToLine(line, column = 1) {
    const lines = this.textarea.value.split('\n');
    const n = Math.min(Math.max(line, 1), lines.length);
    let offset = 0;
    for (let i = 0; i < n - 1; i++) offset += lines[i].length + 1;
    offset += Math.min(Math.max(column - 1, 0), lines[n - 1].length);
    this.textarea.focus();
    this.textarea.setSelectionRange(offset, offset);
    const lh = parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
    const target = (n - 1) * lh - this.textarea.clientHeight / 3;
    this.textarea.scrollTop = Math.max(0, target);
    this.syncScroll();
  }

  // One file, or a TF.js model.json with its weight shards: a saved model goes to
  // onSavedFile, the first text file into the editor.
  async loadFiles(files) {
    if (this.onSavedFile) {
      const json = files.find((f) => /\.json$/i.test(f.name));
      const others = files.filter((f) => f !== json);
      if (json && others.length > 0 && others.every((f) => /\.bin$/i.test(f.name) || /\.weights\./i.test(f.name) || !/\./.test(f.name))) {
        this.onSavedFile(json, others);
        return;
      }
      for (const file of files) {
        let saved = false;
        try {
          saved = await looksSaved(file);
        } catch (e) {
          this.onNotice(`Could not read "${file.name}": ${e.message}`);
          return;
        }
        if (saved) {
          this.onSavedFile(file, []);
          return;
        }
      }
    }
    return this.loadFile(files[0]);
  }

  // Puts text into the editor as a file load would (a saved model's config: info.saved).
  loadText(text, fileName) {
    this.textarea.value = text;
    this.textarea.scrollTop = 0;
    this.syncScroll();
    this.renderGutter();
    this.onChange(text, { source: 'file', fileName, saved: true });
  }

  async loadFile(file) {
    if (file.size > MAX_FILE_BYTES) {
      this.onNotice(`"${file.name}" is ${Math.round(file.size / 1024)} KB; PadLab reads model files up to 2 MB.`);
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch (e) {
      this.onNotice(`Could not read "${file.name}": ${e.message}`);
      return;
    }
    if (text.includes('\u0000')) {
      this.onNotice(`"${file.name}" is not a text file. Load Python (.py) or Keras / TF.js model JSON.`);
      return;
    }
    this.textarea.value = text;
    this.textarea.scrollTop = 0;
    this.syncScroll();
    this.renderGutter();
    this.onChange(text, { source: 'file', fileName: file.name });
  }

  installDrop() {
    let depth = 0;  // dragenter/leave fire for children too
    const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    this.box.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      this.box.classList.add('is-drop-target');
    });
    this.box.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    });
    this.box.addEventListener('dragleave', (e) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (!depth) this.box.classList.remove('is-drop-target');
    });
    this.box.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;  // dropped text: let the textarea insert it natively
      e.preventDefault();
      depth = 0;
      this.box.classList.remove('is-drop-target');
      const files = [...e.dataTransfer.files];
      if (files.length) this.loadFiles(files);
    });
  }
}
