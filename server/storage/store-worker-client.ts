import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StoreWorkerReply, StoreWorkerRequest } from './store-worker';
import { StoreWorkRunner, type StoreWork, type StoreWorkResult } from './store-work';

/**
 * Runs store work (merging a document, writing it to SQLite) on one worker
 * thread, so that storing the largest story a newsroom allows never holds
 * up the event loop every client is served from (ADR 0052). Without the
 * bundled worker script (tests run from source) the same work runs inline.
 *
 * A worker that dies fails what it was doing (the caller's store retries)
 * and is replaced on the next request.
 */
export class StoreWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private readonly inline: StoreWorkRunner | null;
  private closed = false;

  constructor(private readonly workerFile: string | null = defaultStoreWorkerFile()) {
    this.inline = workerFile ? null : new StoreWorkRunner();
  }

  get runsInline(): boolean {
    return this.inline !== null;
  }

  async run<W extends StoreWork>(work: W): Promise<StoreWorkResult<W>> {
    if (this.closed) throw new Error('The server store is closed.');
    if (this.inline) return this.inline.run(work) as StoreWorkResult<W>;
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, work } satisfies StoreWorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.inline?.close();
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    this.failAll(new Error('The server store was closed before this write finished.'));
  }

  private spawn(): Worker {
    const worker = new Worker(this.workerFile!);
    worker.on('message', (reply: StoreWorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name, code: reply.error.code }));
    });
    const lost = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(error);
    };
    worker.on('error', (error) => lost(error));
    worker.on('exit', (code) => lost(new Error(`The store worker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** store-worker.mjs beside the server bundle, if it is there. */
function defaultStoreWorkerFile(): string | null {
  try {
    const file = fileURLToPath(new URL('./store-worker.mjs', import.meta.url));
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}
