import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import * as Y from 'yjs';
import { mediaDocName } from '../../shared/documents/media-kind';
import { readMediaFacts } from '../../shared/media-doc';
import type { AuditLog } from '../audit/audit-log';
import type { ServerLog } from '../log';
import type { ServerStore } from '../storage/server-store';
import type { OutputSecrets } from './output-secrets';
import type { ClaimedTransmission, OutputRow, PublicationKind, PublishingDb, TransmissionOutcome } from './publishing-db';
import { ninjsAtVersion, picturesOf, publishedStory } from './story-ninjs';
import { transmit, type Delivery } from './transmitters';

/**
 * The server's transmission worker (ADR 0071). `published` is called once
 * the move of a story to Published is stored: it records the publication
 * (the story's next version, its ninjs) and a transmission per output that
 * takes the story's desk. Every server process runs the loop: it claims due
 * transmissions under a lease, sends them with bounded concurrency and a
 * timeout, and records the outcome — sent, retried later with capped
 * exponential backoff and jitter, or refused. Storing documents never waits
 * for any of it.
 */

export interface PublisherOptions {
  db: PublishingDb;
  store: ServerStore;
  secrets: OutputSecrets;
  log: ServerLog;
  /** Each transmission's outcome goes into the story's audit trail. */
  audit: AuditLog;
  /** The server's id: delivery ids are stable per (server, story, version, output). */
  serverId: string;
  /** Longest one send may take. */
  timeoutMs: number;
  concurrency?: number;
  /** How often the queue is looked at for work other processes added. */
  pollMs?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
}

/** A stable id for one version of one story to one output, in UUID form. */
export function deliveryId(serverId: string, document: string, version: number, output: string): string {
  const hex = createHash('sha256').update(`${serverId}\n${document}\n${version}\n${output}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** The story's desk decides which outputs take it; an output with no desks takes every story. */
export function outputsFor(outputs: OutputRow[], desk: string | null): OutputRow[] {
  return outputs.filter((output) => output.desks.length === 0 || (desk !== null && output.desks.includes(desk)));
}

/** Who the audit trail names for a transmission: the server itself. */
const SERVER_ACCOUNT = { id: 'lede-server', name: 'Lede server' };

export class Publisher {
  /** This process, as lease owner. */
  private readonly owner = `${process.pid}-${randomUUID()}`;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private again = false;
  private closed = false;
  private readonly concurrency: number;
  private readonly leaseMs: number;

  constructor(private readonly options: PublisherOptions) {
    this.concurrency = options.concurrency ?? 8;
    // Longer than any send may take, so a live owner never loses a row it is sending.
    this.leaseMs = options.timeoutMs * 2 + 2000;
  }

  start(): void {
    this.kick();
  }

  /**
   * A stored status move. To Published: the story's next version goes to
   * the outputs of its desk. To Spiked, once something went out: a kill
   * (pubstatus canceled) goes to every output that received a version.
   * Recorded with retries (the database may be briefly away): until it is,
   * the publication lives only here.
   */
  moved(documentName: string, move: { from: string; to: string; desk: string | null }, accountName: string, atMs: number): void {
    const kind: PublicationKind | null = move.to === 'published' ? 'publish' : move.to === 'spiked' ? 'kill' : null;
    if (!kind) return;
    const attempt = async (tries: number): Promise<void> => {
      try {
        await this.record(kind, documentName, move.desk, accountName, atMs);
        this.kick();
      } catch (error) {
        if (this.closed) return this.options.log.error('a publication was not recorded: the server stopped first', { documentName, error });
        const delay = Math.min(30_000, 500 * 2 ** tries);
        this.options.log.error('could not record a publication; will try again', { documentName, delayMs: delay, error });
        setTimeout(() => void attempt(tries + 1), delay).unref();
      }
    };
    void attempt(0);
  }

  private async record(kind: PublicationKind, documentName: string, desk: string | null, accountName: string, atMs: number): Promise<void> {
    const { db, store, log, serverId } = this.options;
    // A kill goes where something went; a story never sent anywhere has nothing to take back.
    const received = kind === 'kill' ? await db.receivedOutputs(documentName) : null;
    if (received && received.length === 0) return;
    const stored = await store.loadDocument(documentName);
    if (!stored?.state || stored.deleted) return;
    const story = publishedStory(documentName, stored.state, atMs);
    if (kind === 'kill' && story.ninjs) story.ninjs.pubstatus = 'canceled';
    const outputs = story.problem ? [] : (received ?? outputsFor(await db.listOutputs(), desk));
    const version = await db.recordPublication(
      {
        document: documentName,
        kind,
        storedVersion: stored.version,
        publishedMs: atMs,
        accountName,
        fileBase: story.fileBase,
        body: story.ninjs ? JSON.stringify(story.ninjs) : null,
        problem: story.problem,
        // An embargo holds the story from every output but those that take embargoed copy (wire subscribers).
        outputs: outputs.map((output) => ({
          name: output.name,
          type: output.type,
          notBeforeMs: kind === 'publish' && story.embargoUntilMs !== null && !('embargoedCopy' in output && output.embargoedCopy) ? story.embargoUntilMs : atMs,
        })),
      },
      (v, output) => deliveryId(serverId, documentName, v, output),
    );
    if (version === null) return;
    if (story.problem) log.warn('a published story was not transmitted: it is not valid ninjs', { documentName, version, problem: story.problem });
    else log.info(kind === 'kill' ? 'killed' : 'published', { documentName, version, outputs: outputs.map((output) => output.name) });
  }

  /** Looks at the queue soon (a publication was recorded, a send finished). */
  kick(): void {
    if (this.closed) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.closed) return;
    this.ticking = true;
    this.again = false;
    const pollMs = this.options.pollMs ?? 1000;
    let nextMs = pollMs;
    try {
      const free = this.concurrency - this.inFlight.size;
      if (free > 0) {
        const now = Date.now();
        const claimed = await this.options.db.claimDue(this.owner, now, now + this.leaseMs, free);
        if (claimed.length > 0) {
          const outputs = new Map((await this.options.db.listOutputs()).map((output) => [output.name, output]));
          for (const row of claimed) {
            const job = this.send(row, outputs.get(row.output) ?? null).finally(() => {
              this.inFlight.delete(job);
              this.kick();
            });
            this.inFlight.add(job);
          }
        }
        const due = await this.options.db.nextDueMs();
        if (due !== null) nextMs = Math.min(pollMs, Math.max(0, due - Date.now()));
      }
    } catch (error) {
      this.options.log.warn('could not read the transmission queue; will try again', { error });
    } finally {
      this.ticking = false;
    }
    this.schedule(this.again ? 0 : nextMs);
  }

  private async send(row: ClaimedTransmission, output: OutputRow | null): Promise<void> {
    const { db, log } = this.options;
    const key = { document: row.document, version: row.version, output: row.output };
    let outcome: TransmissionOutcome;
    if (!output) {
      outcome = { state: 'refused', error: 'The output was removed before this was sent.', answerStatus: null, answerBody: '' };
    } else {
      const result = await this.prepare(row, output).then(
        () => transmit(output, this.options.secrets.read(output.name), this.delivery(row, output), this.options.timeoutMs),
        (error: unknown) => ({ kind: 'failed' as const, error: `Could not read the story's photos: ${(error as Error).message}` }),
      );
      if (result.kind === 'sent') outcome = { state: 'sent', atMs: Date.now() };
      else if (result.kind === 'refused') outcome = { state: 'refused', error: result.error, answerStatus: result.status, answerBody: result.answer };
      else outcome = { state: 'retrying', error: result.error, nextAttemptMs: Date.now() + this.backoff(row.attempts) };
    }
    const level = outcome.state === 'sent' ? 'info' : 'warn';
    log[level]('transmission', { document: row.document, version: row.version, output: row.output, deliveryId: row.deliveryId, attempt: row.attempts, state: outcome.state, ...('error' in outcome ? { error: outcome.error } : {}) });
    try {
      if (!(await db.finish(key, this.owner, outcome))) log.warn('a transmission’s lease was lost before its outcome was recorded', { ...key });
      else if (outcome.state !== 'retrying') {
        await this.options.audit
          .record([{ document: row.document, account: SERVER_ACCOUNT, atMs: Date.now(), kind: 'transmit', from: row.output, to: `${outcome.state} v${row.version}` }])
          .catch((error: unknown) => log.error('could not write a transmission to the audit trail', { ...key, error }));
      }
    } catch (error) {
      // The lease runs out and the row is sent again, under the same delivery id.
      log.error('could not record a transmission’s outcome', { ...key, error });
    }
  }

  /** Capped exponential backoff with jitter (half to all of the step), after the nth attempt. */
  private backoff(attempts: number): number {
    const base = this.options.retryBaseMs ?? 1000;
    const cap = this.options.retryCapMs ?? 300_000;
    const step = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
    return Math.round(step * (0.5 + Math.random() * 0.5));
  }

  private delivery(row: ClaimedTransmission, output: OutputRow): Delivery {
    const stem = `${row.fileBase}-v${row.version}`;
    const files =
      output.type === 'http'
        ? []
        : picturesOf(row.body).map((picture) => ({
            fileName: `${stem}-${picture.name}${this.extensionOf(picture.sha256)}`,
            bytes: () => this.photoBytes(picture.sha256),
          }));
    return { deliveryId: row.deliveryId, body: ninjsAtVersion(row.body, row.version), fileName: `${stem}.json`, files };
  }

  private readonly extensions = new Map<string, string>();

  private extensionOf(sha256: string): string {
    return this.extensions.get(sha256) ?? '';
  }

  /** The photo's original bytes from the server's media store; its extension from its document's file name. */
  private async photoBytes(sha256: string): Promise<Buffer> {
    const blob = await this.options.store.blobs.open(sha256);
    if (!blob) throw new Error(`The server does not have the photo ${sha256.slice(0, 12)}… yet (its laptop has not uploaded it).`);
    const chunks: Buffer[] = [];
    for await (const chunk of blob.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Reads the photos' file names (for their extensions) before a file delivery is made. */
  private async prepare(row: ClaimedTransmission, output: OutputRow): Promise<void> {
    if (output.type === 'http') return;
    for (const picture of picturesOf(row.body)) {
      if (this.extensions.has(picture.sha256)) continue;
      const stored = await this.options.store.loadDocument(mediaDocName(picture.sha256));
      let extension = '';
      if (stored?.state) {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, stored.state);
        extension = path.extname(readMediaFacts(doc).filename).toLowerCase();
        doc.destroy();
      }
      this.extensions.set(picture.sha256, extension);
    }
  }

  /** Stops claiming, waits for sends under way (each bounded by the timeout) and lets go of their leases. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
    await this.options.db.releaseAll(this.owner).catch(() => undefined);
  }
}
