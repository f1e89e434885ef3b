#!/usr/bin/env node
// `padlab` for node (the npm package's bin): the native CLI's own program (cli/*.cpp, CLI11)
// compiled to WebAssembly for node (cli/CMakeLists.txt, padlab_node_cli), so its commands,
// flags, output and exit codes are the native CLI's. It reads files and the standard streams
// itself (NODERAWFS); this launcher only loads it and lends it one thing the wasm build lacks:
// the .keras / .h5 containers (libzip and libhdf5 natively), opened with padlab_saved.js
// (fflate, h5wasm) as the page opens them, in a worker thread that this thread waits for
// (cli/node/saved_file_node.cpp calls `padlabOpenSaved` synchronously).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
// CommonJS: Emscripten 3.1.6's ES module output has no working node path (TOOLCHAIN.md §3).
const createPadlabCli = require('./padlab_cli.cjs');

// The reader thread, started on the first saved file (h5wasm takes most of a second to load,
// so a diagram or a Python model never pays for it).
let reader = null;
function startReader() {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./saved_thread.mjs', import.meta.url), {
    workerData: { signal, port: port2 },
    transferList: [port2],
  });
  worker.unref();
  return { worker, port: port1, signal };
}

// (kind 'keras' | 'h5', bytes: a view of the CLI's heap, filename, withWeights) ->
// { request } (padlab_saved.js openContainer's) or { error: { kind, message } }.
function openSaved(kind, bytes, filename, withWeights) {
  reader ??= startReader();
  const { worker, port, signal } = reader;
  Atomics.store(signal, 0, 0);
  const copy = bytes.slice();  // out of the wasm heap, handed over to the thread
  port.postMessage({ kind, bytes: copy, filename, withWeights }, [copy.buffer]);
  while (Atomics.wait(signal, 0, 0, 1000) === 'timed-out') {
    if (worker.threadId === -1) return { error: { kind: 'LoadError', message: 'the saved-file reader thread stopped' } };
  }
  const reply = receiveMessageOnPort(port);
  return reply ? reply.message : { error: { kind: 'LoadError', message: 'the saved-file reader thread gave no answer' } };
}

createPadlabCli({
  wasmBinary: readFileSync(new URL('./padlab_cli.wasm', import.meta.url)),
  arguments: process.argv.slice(2),
  thisProgram: 'padlab',
  padlabOpenSaved: openSaved,
}).catch((e) => {
  // Only a module that could not start ends here (the program's own errors are its output).
  process.stderr.write(`padlab: error: could not start the PadLab CLI module: ${e?.message ?? e}\n`);
  process.exit(1);
});
