import { articleDocName } from '../shared/documents/article-kind';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { articleParts } from '../shared/article-doc';
import { base64ToBytes } from '../shared/base64';
import { CONTROL_DOC, SYNC_SOCKET_PATH } from '../shared/sync-protocol';
import { DEFAULT_LIMITS } from '../server/limits';
import { addUser, startServer } from './server-process';
import { ms, percentile, type BenchRow } from './table';

/**
 * The server while the largest story it allows is edited: how long each
 * edit takes to be stored, and the worst stall another client sees on its
 * pings meanwhile (every client is served from the same event loop).
 * Measured against a 50 KB story, interleaved (small, large, small, large…),
 * on the same server process.
 */
const EDITS_PER_ROUND = 15;
const ROUNDS = Number(process.env.LEDE_BENCH_ROUNDS ?? 3);
const PING_EVERY_MS = 5;

interface Phase {
  storeMs: number[];
  stallMs: number[];
}

export async function benchLargeStory(repo: string, workDir: string): Promise<BenchRow[]> {
  const serverDir = path.join(workDir, 'large-story-server');
  const server = await startServer(repo, serverDir);
  const token = addUser(repo, serverDir, 'Bench Long Reads');
  const url = `${server.url.replace(/^http/, 'ws')}${SYNC_SOCKET_PATH}`;
  const writerSocket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket as never });
  const watcher = new Pinger(new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket as never }), token);
  const limit = DEFAULT_LIMITS.maxDocumentBytes;
  const small: Phase = { storeMs: [], stallMs: [] };
  const large: Phase = { storeMs: [], stallMs: [] };
  let largeBytes = 0;
  let firstUploadStall = 0;
  try {
    await watcher.ready();
    for (let round = 0; round < ROUNDS; round++) {
      await editRound(writerSocket, token, watcher, storyOf(50 * 1024), small);
      const doc = storyOf(limit * 0.9);
      largeBytes = Y.encodeStateAsUpdate(doc).byteLength;
      firstUploadStall = Math.max(firstUploadStall, await editRound(writerSocket, token, watcher, doc, large));
    }
  } finally {
    watcher.destroy();
    writerSocket.destroy();
    await server.stop();
  }
  const worst = (values: number[]) => Math.max(...values);
  const excess = worst(large.stallMs) - worst(small.stallMs);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return [
    {
      scenario: `sync server: store time p95 of an edit to the largest allowed story (${mb(largeBytes)} of ${mb(limit)}; edit → "stored")`,
      figure: ms(percentile(large.storeMs, 95)),
      budget: '—',
      ratio: `${(percentile(large.storeMs, 95) / percentile(small.storeMs, 95)).toFixed(1)}× a 50 KB story (${ms(percentile(small.storeMs, 95))}, same run)`,
      pass: null,
    },
    {
      scenario: `sync server: worst stall another client's pings see while that story is edited and stored (its first upload, applied by Hocuspocus: ${ms(firstUploadStall)})`,
      figure: ms(worst(large.stallMs)),
      budget: '≤ 50 ms more than a 50 KB story',
      ratio: `+${ms(Math.max(0, excess))} over a 50 KB story (${ms(worst(small.stallMs))}, same run)`,
      pass: excess <= 50,
    },
  ];
}

/**
 * Uploads the story, waits for it to be stored, then makes one edit at a
 * time and waits for each to be stored. Returns the worst ping stall of
 * the upload (not counted in the phase).
 */
async function editRound(socket: HocuspocusProviderWebsocket, token: string, watcher: Pinger, doc: Y.Doc, phase: Phase): Promise<number> {
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: articleDocName(randomUUID()), document: doc, token });
  let stored: Map<number, number> = new Map();
  const waiters = new Set<() => void>();
  provider.on('stateless', ({ payload }: { payload: string }) => {
    const message = JSON.parse(payload) as { type: string; snapshot?: string };
    if (message.type !== 'stored' || !message.snapshot) return;
    stored = Y.decodeSnapshot(base64ToBytes(message.snapshot)).sv;
    for (const wake of waiters) wake();
  });
  const covered = () => [...Y.decodeStateVector(Y.encodeStateVector(doc))].every(([client, clock]) => (stored.get(client) ?? 0) >= clock);
  const untilStored = () =>
    new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('bench: a store did not come within 60 s')), 60_000);
      const check = () => {
        if (!covered()) return;
        clearTimeout(timeout);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  try {
    watcher.startWindow();
    provider.attach();
    await untilStored();
    const uploadStall = watcher.endWindow();
    for (let edit = 0; edit < EDITS_PER_ROUND; edit++) {
      watcher.startWindow();
      const started = performance.now();
      appendParagraph(doc, `Edit ${edit}: the minister said talks would resume on Thursday, officials confirmed.`);
      await untilStored();
      phase.storeMs.push(performance.now() - started);
      phase.stallMs.push(watcher.endWindow());
    }
    return uploadStall;
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

/** A story of about `bytes`, typed a few characters at a time as people do (many small Yjs items: the costly kind to merge). */
export function storyOf(bytes: number): Y.Doc {
  // What one typed paragraph costs in the encoded state, measured on a sample.
  const sample = typedStory(20);
  const perParagraph = Y.encodeStateAsUpdate(sample).byteLength / 20;
  sample.destroy();
  return typedStory(Math.max(1, Math.floor(bytes / perParagraph)));
}

function typedStory(paragraphs: number): Y.Doc {
  const doc = new Y.Doc();
  const parts = articleParts(doc);
  parts.headline.insert(0, 'The long investigation');
  const content = 'Officials at the ministry said the contracts had been signed without a tender, according to documents seen by reporters. '.repeat(3);
  for (let p = 0; p < paragraphs; p++) {
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    parts.body.push([paragraph]);
    for (let at = 0; at < content.length; at += 7) text.insert(at, content.slice(at, at + 7));
  }
  return doc;
}

function appendParagraph(doc: Y.Doc, words: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(words)]);
  articleParts(doc).body.push([paragraph]);
}

/**
 * Another client on its own socket, pinging the server on the control
 * document every few milliseconds: the longest wait for a pong within a
 * window is the longest the server kept everyone waiting.
 */
class Pinger {
  private readonly provider: HocuspocusProvider;
  private sentAt: number | null = null;
  private worst = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly socket: HocuspocusProviderWebsocket,
    token: string,
  ) {
    this.provider = new HocuspocusProvider({ websocketProvider: socket, name: CONTROL_DOC, document: new Y.Doc(), token });
    this.provider.on('stateless', ({ payload }: { payload: string }) => {
      if ((JSON.parse(payload) as { type: string }).type !== 'pong' || this.sentAt === null) return;
      this.worst = Math.max(this.worst, performance.now() - this.sentAt);
      this.sentAt = null;
    });
    this.provider.attach();
    this.timer = setInterval(() => {
      if (this.sentAt !== null || !this.provider.isSynced) return;
      this.sentAt = performance.now();
      this.provider.sendStateless('ping');
    }, PING_EVERY_MS);
  }

  async ready(): Promise<void> {
    const started = Date.now();
    while (!this.provider.isSynced) {
      if (Date.now() - started > 20_000) throw new Error('bench: the pinging client did not connect');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  startWindow(): void {
    this.worst = 0;
  }

  /** The longest ping wait in the window, a ping still unanswered included. */
  endWindow(): number {
    const open = this.sentAt === null ? 0 : performance.now() - this.sentAt;
    return Math.max(this.worst, open);
  }

  destroy(): void {
    clearInterval(this.timer);
    this.provider.destroy();
    this.socket.destroy();
  }
}
