import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { inspectBytes, readFailure, type Inspected } from './inspect-file';

export interface WorkerRequest {
  id: number;
  file: string;
}

export interface WorkerReply {
  id: number;
  inspected: Inspected;
  /** The file's bytes, transferred back (null when it could not be read). */
  data: ArrayBuffer | null;
}

export interface InspectResult {
  inspected: Inspected;
  data: Buffer | null;
}

/**
 * A small pool of worker threads that hash files and parse their metadata,
 * so an import of 500 photos never holds up the core's event loop (where
 * every keystroke of every open story is acknowledged). Without a worker
 * script (tests that run from source), the same work runs inline.
 */
export class MediaWorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Array<{ request: WorkerRequest; resolve(result: InspectResult): void }> = [];
  private readonly waiting = new Map<number, { worker: Worker; resolve(result: InspectResult): void; file: string }>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly workerFile: string | null,
    private readonly size: number,
  ) {}

  inspect(file: string): Promise<InspectResult> {
    if (this.closed) return Promise.resolve({ inspected: { ok: false, reason: 'Lede is shutting down.' }, data: null });
    if (!this.workerFile) return inspectInline(file);
    return new Promise((resolve) => {
      this.queue.push({ request: { id: this.nextId++, file }, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.queue.splice(0)) entry.resolve({ inspected: { ok: false, reason: 'Lede is shutting down.' }, data: null });
    await Promise.all(this.all.map((worker) => worker.terminate()));
    this.all.length = 0;
    this.idle.length = 0;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? this.spawn();
      if (!worker) return;
      const { request, resolve } = this.queue.shift()!;
      this.waiting.set(request.id, { worker, resolve, file: request.file });
      worker.postMessage(request);
    }
  }

  private spawn(): Worker | null {
    if (this.all.length >= this.size || !this.workerFile) return null;
    const worker = new Worker(this.workerFile);
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const entry = this.waiting.get(reply.id);
      if (!entry) return;
      this.waiting.delete(reply.id);
      entry.resolve({ inspected: reply.inspected, data: reply.data ? Buffer.from(reply.data) : null });
      this.idle.push(worker);
      this.pump();
    });
    // A worker that dies (out of memory on a hostile file) fails only its own file; a fresh one takes over.
    worker.on('error', (error) => this.lost(worker, `The file could not be inspected (${error.message}).`));
    worker.on('exit', () => this.lost(worker, 'The file could not be inspected (the worker stopped).'));
    this.all.push(worker);
    return worker;
  }

  private lost(worker: Worker, reason: string): void {
    const index = this.all.indexOf(worker);
    if (index < 0) return;
    this.all.splice(index, 1);
    const idleIndex = this.idle.indexOf(worker);
    if (idleIndex >= 0) this.idle.splice(idleIndex, 1);
    for (const [id, entry] of this.waiting) {
      if (entry.worker !== worker) continue;
      this.waiting.delete(id);
      entry.resolve({ inspected: { ok: false, reason }, data: null });
    }
    if (!this.closed) this.pump();
  }
}

async function inspectInline(file: string): Promise<InspectResult> {
  let data: Buffer;
  try {
    data = await fs.promises.readFile(file);
  } catch (error) {
    return { inspected: { ok: false, reason: readFailure(error) }, data: null };
  }
  return { inspected: inspectBytes(data), data };
}
