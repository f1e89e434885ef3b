// The page side of the "Apply to data" Web Worker (apply-worker.js): starts it on first use,
// numbers requests, routes progress and results back to the caller. One worker, so requests
// run in the order they were made.

export class ApplyWorkerClient {
  constructor(url) {
    this.url = url;
    this.worker = null;
    this.seq = 0;
    this.pending = new Map();  // id -> {resolve, reject, onProgress}
    this.failure = null;       // why the worker cannot run (then every request rejects)
  }

  start() {
    if (this.worker || this.failure) return;
    try {
      this.worker = new Worker(this.url, { type: 'module' });
    } catch (e) {
      this.fail({ kind: 'LoadError', message: `The Web Worker could not start: ${e?.message ?? e}` });
      return;
    }
    this.worker.addEventListener('message', (event) => this.onMessage(event.data));
    // A worker script that fails to load or throws at the top level (no message of its own).
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail({ kind: 'LoadError', message: `The Web Worker failed: ${event.message || 'its script could not load'}` });
    });
  }

  fail(error) {
    this.failure = error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
  }

  onMessage(msg) {
    if (msg.type === 'ready') return;
    if (msg.type === 'load-error') {
      this.fail({ kind: msg.error.kind, message: `The PadLab engine could not load in the worker: ${msg.error.message}` });
      return;
    }
    const job = this.pending.get(msg.id);
    if (!job) return;
    if (msg.type === 'progress') {
      job.onProgress?.(msg);
    } else if (msg.type === 'result') {
      this.pending.delete(msg.id);
      job.resolve(msg);
    } else if (msg.type === 'error') {
      this.pending.delete(msg.id);
      job.reject(msg.error);
    }
  }

  /**
   * Sends {type, ...fields}; resolves with the worker's result message, rejects with
   * {kind, message}. transfer: ArrayBuffers handed over (no copy; unusable here afterwards).
   */
  request(fields, { transfer = [], onProgress = null } = {}) {
    this.start();
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ ...fields, id }, transfer);
    });
  }
}
