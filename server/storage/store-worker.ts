import { parentPort } from 'node:worker_threads';
import { StoreWorkRunner, type StoreWork } from './store-work';

/**
 * The store worker thread (bundled to store-worker.mjs beside the server's
 * main.mjs). One request at a time, in the order sent: for SQLite that is
 * also the order the writes commit in.
 */
export interface StoreWorkerRequest {
  id: number;
  work: StoreWork;
}

export type StoreWorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { name: string; message: string; code?: string } };

const runner = new StoreWorkRunner();
parentPort?.on('message', ({ id, work }: StoreWorkerRequest) => {
  let reply: StoreWorkerReply;
  try {
    reply = { id, ok: true, result: runner.run(work) };
  } catch (error) {
    const failure = error as Error & { code?: string };
    reply = { id, ok: false, error: { name: failure.name, message: failure.message, code: failure.code } };
  }
  parentPort!.postMessage(reply, transferablesOf(reply));
});
parentPort?.on('close', () => runner.close());

/** A merged state is the one large thing sent back: moved, not copied. */
function transferablesOf(reply: StoreWorkerReply): ArrayBuffer[] {
  if (!reply.ok) return [];
  const state = (reply.result as { state?: unknown } | null)?.state;
  return state instanceof Uint8Array && state.byteOffset === 0 && state.byteLength === state.buffer.byteLength && state.buffer instanceof ArrayBuffer
    ? [state.buffer]
    : [];
}
