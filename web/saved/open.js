// The page side of saved model files: starts the saved-file Web Worker (web/saved/worker.js)
// on the first file opened and asks it to read one. The worker reads the File where it lies
// (nothing is uploaded; no network request is made for it) and answers with the model's facts
// and config (SavedModelInfo in padlab.d.ts).
import { ApplyWorkerClient } from '../apply/client.js';

let client = null;

/** Reads `file` (and a TF.js model.json's shard files) in the worker; rejects with {kind, message}. */
export async function readSavedFile(file, sideFiles = []) {
  client ??= new ApplyWorkerClient(new URL('./worker.js', import.meta.url));
  const reply = await client.request({ type: 'read', file, sideFiles });
  return reply.model;
}

/** What the editor shows of a saved model: its config as indented JSON (compact when that would exceed the 1 MiB source limit). */
export function configText(model) {
  if (model.format === 'json' || model.format === 'python' || !model.config) return model.source;
  const pretty = JSON.stringify(model.config, null, 2);
  return pretty.length <= 2 ** 20 ? pretty : model.source;
}
