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
    const buffer = ownArrayBuffer(data);
    const inspected = inspectBytes(data);
    reply = { id: request.id, inspected, data: buffer };
    transfer = [buffer];
  } catch (error) {
    reply = { id: request.id, inspected: { ok: false, reason: readFailure(error) }, data: null };
  }
  parentPort!.postMessage(reply, transfer);
});


/**
 * The file's bytes in an ArrayBuffer of their own. Node hands out small files
 * inside a shared pool buffer; transferring that would send (and detach) the
 * whole pool, so those are copied first.
 */
function ownArrayBuffer(data: Buffer): ArrayBuffer {
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return data.buffer as ArrayBuffer;
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy.buffer;
}
