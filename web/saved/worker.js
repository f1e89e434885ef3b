// Module Web Worker that opens saved model files (.keras, .h5, TF.js model.json + shards) for
// the playground, so reading a 500 MB file never freezes the page. Started on the first file
// opened (web/saved/open.js); nothing here runs for a page that opens no file.
//
// The file stays on this machine: a File handed to a worker is a handle to the local file, and
// padlab.js reads it in pieces (the zip stream stops after config.json; libhdf5 reads an .h5
// through WORKERFS, block by block). Nothing is fetched or sent anywhere.
//
// Messages in:  {id, type: 'read', file: File, sideFiles: File[]}
// Messages out: {type: 'ready', version} | {type: 'load-error', error}
//               {id, type: 'result', model: SavedModelInfo (padlab.d.ts), ms}
//               {id, type: 'error', error: {kind, message}}
import { load } from '../padlab.js';

const engine = load();
engine.then(
  (pl) => postMessage({ type: 'ready', version: pl.version }),
  (e) => postMessage({ type: 'load-error', error: errorInfo(e) }),
);

function errorInfo(e) {
  return { kind: typeof e?.kind === 'string' ? e.kind : 'Error', message: String(e?.message ?? e) };
}

onmessage = async (event) => {
  const msg = event.data;
  try {
    const pl = await engine;
    if (msg.type !== 'read') throw new Error(`unknown message type ${msg.type}`);
    const t0 = performance.now();
    const model = await pl.readModel(msg.file, { filename: msg.file.name, sideFiles: msg.sideFiles ?? [] });
    postMessage({ id: msg.id, type: 'result', model, ms: performance.now() - t0 });
  } catch (e) {
    postMessage({ id: msg.id, type: 'error', error: errorInfo(e) });
  }
};
