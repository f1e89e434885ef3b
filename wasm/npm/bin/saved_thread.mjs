// The node CLI's saved-file reader (bin/padlab.mjs starts it): padlab_saved.js's openContainer
// (fflate for the zip, h5wasm for HDF5: both asynchronous) run here, while the CLI's thread
// waits on `signal` for the reply on `port`.
import { workerData } from 'node:worker_threads';

const { signal, port } = workerData;

async function answer({ kind, bytes, filename, withWeights }) {
  try {
    const saved = await import('../padlab_saved.js');
    saved.captureDiagnostics();  // libhdf5's stack goes into the one error line, not onto stderr
    const { request } = await saved.openContainer(kind, bytes, { withWeights, filename });
    return { request };
  } catch (e) {
    return { error: { kind: typeof e?.kind === 'string' ? e.kind : 'Error', message: String(e?.message ?? e) } };
  }
}

port.on('message', async (message) => {
  port.postMessage(await answer(message));
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
