import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { inspectBytes, readFailure } from './inspect-file';
import type { WorkerReply, WorkerRequest } from './worker-pool';

/**
 * A media worker thread (bundled to media-worker.mjs beside the core): reads
 * one file, hashes it and parses its metadata, and hands the bytes back
 * without copying them (a transferred ArrayBuffer) for sharp and the store.
 */
parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const data = fs.readFileSync(request.file);
    // Node may hand out small files inside a shared pool buffer: copy those before transferring.
    const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : Buffer.from(data);
    const inspected = inspectBytes(own);
    const buffer = own.buffer as ArrayBuffer;
    reply = { id: request.id, inspected, data: buffer };
    transfer = [buffer];
  } catch (error) {
    reply = { id: request.id, inspected: { ok: false, reason: readFailure(error) }, data: null };
  }
  parentPort!.postMessage(reply, transfer);
});

