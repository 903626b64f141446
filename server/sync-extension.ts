import type {
  Document,
  Extension,
  Hocuspocus,
  beforeHandleMessagePayload,
  connectedPayload,
  onAuthenticatePayload,
  onLoadDocumentPayload,
  onStatelessPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import { bytesToBase64 } from '../shared/base64';
import { CONTROL_DOC, REFUSAL_REASONS, tooLargeReason, type ServerStateless } from '../shared/sync-protocol';
import { articleParts, readDesk } from '../shared/article-doc';
import { docKindOf, type DocKind } from '../shared/documents/doc-names';
import { photoAccess } from '../shared/workflow/photo-rules';
import { storyAccess, type StoryAccess } from '../shared/workflow/story-rules';
import type { CatalogSummary } from '../shared/documents/document-kind';
import type { AuthThrottle } from './auth/auth-throttle';
import type { Account, Authenticator } from './auth/authenticator';
import { canWrite } from './auth/authenticator';
import { announcedNames, carriedChangeBytes, carriedUpdate, refusedClientMessage } from './client-messages';
import { judgeUpdate } from './guard/edit-guard';
import { resolveRewritesOfWriters } from './guard/rewrites-of-writers';
import type { ServerLog } from './log';
import type { ConnectionGate } from './net/connection-gate';
import type { UnauthenticatedGuard } from './net/unauthenticated-guard';
import type { ServerStore } from './storage/server-store';
import type { AuditAccount, AuditLog } from './audit/audit-log';
import { storeEvents } from './audit/store-events';
import { sweepOpenConnections } from './auth/connection-sweep';
import { NO_ACCESS_CLOSE, REFUSED_CHANGE_CLOSE, REFUSED_MESSAGE_CLOSE, REVOKED_CLOSE, TOO_LARGE_CLOSE_CODE } from './close-codes';

/**
 * One WebSocket as the server's limits see it; passed to Hocuspocus as the
 * connection's default context, so every document on the socket shares it.
 */
export interface Peer {
  address: string;
  guard: UnauthenticatedGuard;
  /** Set when the socket first authenticated: gives back its place in the account's count. */
  releaseAccount: (() => void) | null;
  /** The socket closed (perhaps while its first token was being checked). */
  closed: boolean;
}


const STORE_RETRY_MS = [250, 500, 1000, 2000, 5000, 10_000];

interface StoredMark {
  version: number;
  snapshot: Uint8Array;
}

/** What the size limit knows of a loaded document. */
interface DocumentSize {
  /** Bytes of the state last stored (or loaded). */
  stored: number;
  /** Change bytes accepted since, not yet measured by a store. */
  pending: number;
}

/**
 * What Hocuspocus does for Lede: who may open which document, loading from
 * and merging into the server store, and the "stored" acknowledgement.
 *
 * Hocuspocus acknowledges an update when it is applied in memory; Lede's
 * clients need to know when it is on disk. So after every store the server
 * sends the document's stored snapshot (state vector + delete set, exactly
 * as written) to everyone on the document, and one to each client when it
 * attaches.
 */
export class SyncExtension implements Extension {
  extensionName = 'lede-sync';
  private instance!: Hocuspocus;
  /**
   * What is stored of each loaded document, kept on the document object
   * itself: a document can be unloaded and loaded again while hooks of the
   * old one still run, and a cache by name would mix the two up.
   */
  private readonly stored = new WeakMap<Document, StoredMark>();
  private readonly sizes = new WeakMap<Document, DocumentSize>();
  /**
   * The updates each document received since its last store, as its
   * 'update' events gave them (Hocuspocus has them encoded already, to
   * relay them). A store hands these to the store worker instead of
   * encoding the document on the event loop: for a large story that
   * encoding alone takes a tenth of a second.
   */
  private readonly unstored = new WeakMap<Document, Uint8Array[]>();
  /**
   * Beside `unstored`, one entry per update: the account whose connection
   * sent it (the update's Yjs origin is that Connection), or null for one
   * relayed from another server process — that process records it — and
   * for the server's own resolution of concurrent rewrites (ADR 0061).
   */
  private readonly unstoredBy = new WeakMap<Document, Array<AuditAccount | null>>();
  private readonly retrying = new Map<string, { attempt: number; timer: NodeJS.Timeout }>();
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: ServerStore,
    private readonly auth: Authenticator,
    private readonly log: ServerLog,
    private readonly options: {
      revocationSweepMs: number;
      throttle: AuthThrottle;
      gate: ConnectionGate;
      maxDocumentBytes: number;
      audit: AuditLog;
      /** A story's move to another status was stored (the publisher transmits a publish or a kill; ADR 0071). */
      onStatusMove?: (documentName: string, move: { from: string; to: string; desk: string | null }, account: AuditAccount | null, atMs: number) => void;
    },
  ) {}

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
    this.sweepTimer = setInterval(() => void sweepOpenConnections(this.instance.documents.values(), this.store, this.auth, this.log), this.options.revocationSweepMs);
    this.sweepTimer.unref();
  }

  async onAuthenticate(data: onAuthenticatePayload): Promise<{ account: Account }> {
    const { documentName, token, connectionConfig } = data;
    const peer = (data.context as { peer?: Peer }).peer;
    const control = documentName === CONTROL_DOC;
    if (!control && !docKindOf(documentName)) throw { reason: REFUSAL_REASONS.badName };
    // A throttled address is refused before its token costs a lookup (the
    // socket is then closed by its guard, unless something on it authenticated).
    if (peer && (await this.options.throttle.retryAfterMs(peer.address)) > 0 && !this.auth.passesThrottle(token)) {
      throw { reason: REFUSAL_REASONS.rateLimited };
    }
    let account: Account | null;
    try {
      account = await this.auth.authenticate(token);
    } catch (error) {
      this.log.error('could not check a token (database unavailable?)', { error });
      throw { reason: REFUSAL_REASONS.unavailable };
    }
    if (!account) {
      this.log.warn('refused a document: unknown or revoked token', { documentName });
      if (peer) await this.options.throttle.failed(peer.address);
      throw { reason: REFUSAL_REASONS.unauthorized };
    }
    if (peer && !peer.releaseAccount) {
      const release = this.options.gate.openForAccount(account.id);
      if (!release) {
        this.log.warn('refused a socket: its account has as many open as allowed', { account: account.name });
        throw { reason: REFUSAL_REASONS.tooManyConnections };
      }
      // Closed while the token was checked: its close already ran, give the place back now.
      if (peer.closed) release();
      else peer.releaseAccount = release;
      peer.guard.authenticated();
    }
    // Nobody writes the control document; who writes a story or a photo is the newsroom's rule.
    const access = control ? 'read' : await this.accessTo(documentName, account);
    if (access === 'none') {
      this.log.info('refused a document: not on its desk', { documentName, account: account.name });
      throw { reason: REFUSAL_REASONS.notYourDesk };
    }
    connectionConfig.readOnly = access === 'read' || !canWrite(account);
    return { account };
  }

  /**
   * What an account may do with a document: a story by its desk (the
   * document in memory knows its latest desk; else its catalog row); a photo
   * is read by everyone, changed by photo editors, editors and admins, and
   * brought in new by anyone who writes.
   */
  private async accessTo(documentName: string, account: Account): Promise<StoryAccess> {
    const kind = docKindOf(documentName)!;
    const loaded = this.instance.documents.get(documentName);
    let row;
    if (!loaded) {
      try {
        [row] = await this.store.lookup([documentName]);
      } catch (error) {
        this.log.error('could not look up a document (database unavailable?)', { documentName, error });
        throw { reason: REFUSAL_REASONS.unavailable };
      }
    }
    if (kind === 'article') return storyAccess(account, loaded ? readDesk(articleParts(loaded).meta) : (row?.desk ?? null));
    return photoAccess(account, loaded ? loaded.share.size > 0 : row !== undefined && !row.deleted);
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    if (documentName === CONTROL_DOC) return;
    let stored;
    try {
      stored = await this.store.loadDocument(documentName);
    } catch (error) {
      this.log.error('could not load a document', { documentName, error });
      throw { reason: REFUSAL_REASONS.unavailable };
    }
    if (stored?.deleted) throw { reason: REFUSAL_REASONS.deleted };
    // Applied straight into Hocuspocus' document (before its update handlers
    // exist, so loading is not taken for a change). Returning a Y.Doc instead
    // relies on constructor names, which a bundler may rename.
    if (stored?.state) Y.applyUpdate(document, stored.state);
    // The document now holds exactly what is stored: its snapshot is the
    // stored one, taken without decoding the state a second time.
    this.stored.set(document, { version: stored?.version ?? 0, snapshot: Y.encodeSnapshot(Y.snapshot(document)) });
    this.sizes.set(document, { stored: stored?.state?.byteLength ?? 0, pending: 0 });
    const unstored: Uint8Array[] = [];
    const unstoredBy: Array<AuditAccount | null> = [];
    this.unstored.set(document, unstored);
    this.unstoredBy.set(document, unstoredBy);
    document.on('update', (update: Uint8Array, origin: unknown) => {
      unstored.push(update);
      unstoredBy.push(senderOf(origin));
    });
    resolveRewritesOfWriters(document, documentName, docKindOf(documentName)!, this.log);
  }

  /** Tells a client that just attached what the server has stored of the document. */
  async connected({ documentName, connection }: connectedPayload): Promise<void> {
    const mark = this.stored.get(connection.document);
    if (documentName === CONTROL_DOC || !mark) return;
    connection.sendStateless(storedMessage(mark));
  }

  /** `ping` on the control document; `stored?` on a document asks for its stored snapshot again. */
  async onStateless({ documentName, payload, connection, document }: onStatelessPayload): Promise<void> {
    if (documentName === CONTROL_DOC) {
      if (payload === 'ping') connection.sendStateless(JSON.stringify({ type: 'pong' } satisfies ServerStateless));
      return;
    }
    const mark = this.stored.get(document);
    if (payload === 'stored?' && mark) connection.sendStateless(storedMessage(mark));
  }

  /**
   * A revoked account is cut off at its next message, whatever the document;
   * a message posing as the server's (see client-messages.ts) ends the
   * sender's connection to that document before Hocuspocus relays it.
   */
  async beforeHandleMessage({ context, connection, document, documentName, update }: beforeHandleMessagePayload): Promise<void> {
    const account = (context as { account?: Account }).account;
    if (account && this.auth.isRevoked(account.id)) {
      connection.webSocket.close(REVOKED_CLOSE.code, REVOKED_CLOSE.reason);
      throw Object.assign(new Error('account revoked'), REVOKED_CLOSE);
    }
    const refused = refusedClientMessage(update, documentName === CONTROL_DOC) ?? this.refusedPresence(update, account, document);
    if (refused) {
      this.log.warn('refused a client message', { documentName, account: account?.name, why: refused });
      throw Object.assign(new Error(refused), REFUSED_MESSAGE_CLOSE);
    }
    this.checkSize(document, connection.readOnly, update, documentName, account);
    const kind = docKindOf(documentName);
    if (kind && account && !connection.readOnly) this.checkRules(document, kind, update, account, connection);
  }

  /**
   * Presence names come from the account: a state announcing anyone else is
   * refused. Providers pass on the states they received as well (an echo of
   * someone's presence, under the name the document already has for it),
   * which is let through.
   */
  private refusedPresence(data: Uint8Array, account: Account | undefined, document: Document): string | null {
    let names;
    try {
      names = announcedNames(data);
    } catch {
      return 'an awareness message that does not decode';
    }
    if (!names || !account) return null;
    const known = document.awareness.getStates();
    const honest = names.every(({ clientId, name }) => name === account.name || (known.get(clientId) as { user?: { name?: unknown } } | undefined)?.user?.name === name);
    return honest ? null : 'presence under a name that is not the account’s';
  }

  /**
   * The newsroom's rules on a writer's change (the document kind's server
   * guard), before Hocuspocus applies or relays it. A refused change never
   * reaches another client: its author is told why and what the server holds
   * (a `refused` message, ADR 0060), then that document's connection is
   * closed. Synchronous, like everything in this hook: Hocuspocus handles a
   * socket's messages in the order their hooks settle.
   */
  private checkRules(document: Document, kind: DocKind, data: Uint8Array, account: Account, connection: { sendStateless(payload: string): void }): void {
    const update = carriedUpdate(data);
    if (!update) return;
    const verdict = judgeUpdate(document, kind, update, account);
    if (verdict.kind === 'refused') {
      this.log.warn('refused a change by the newsroom’s rules', { documentName: document.name, account: account.name, why: verdict.refusal.message });
      connection.sendStateless(JSON.stringify({ type: 'refused', ...verdict.refusal } satisfies ServerStateless));
      throw Object.assign(new Error('change refused'), REFUSED_CHANGE_CLOSE);
    }
    if (!verdict.checked) return;
    const deskBefore = kind === 'article' ? readDesk(articleParts(document).meta) : null;
    const deskAfter = kind === 'article' ? readDesk(articleParts(verdict.after).meta) : null;
    verdict.after.destroy();
    // Once Hocuspocus has applied it: whoever is not on the new desk lets go of the story.
    if (deskAfter !== deskBefore) setImmediate(() => void this.enforceAccess(document));
  }

  /**
   * Closes the connections to a story of accounts its desk no longer lets
   * in; readers of it become read-only. The move is stored first, so the
   * laptop that made it (perhaps leaving the story itself) hears it stored.
   */
  private async enforceAccess(document: Document): Promise<void> {
    const storeId = `onStoreDocument-${document.name}`;
    if (this.instance.debouncer.isDebounced(storeId)) await this.instance.debouncer.executeNow(storeId);
    if (document.isDestroyed) return;
    const desk = readDesk(articleParts(document).meta);
    for (const connection of document.getConnections()) {
      const account = (connection.context as { account?: Account }).account;
      if (!account) continue;
      const access = storyAccess(account, desk);
      if (access === 'none') {
        this.log.info('closed a connection: the story moved to a desk its account is not on', { documentName: document.name, account: account.name });
        connection.close(NO_ACCESS_CLOSE);
      } else if (access === 'read') connection.readOnly = true;
    }
  }

  /**
   * The per-document size limit: a change that would take the document
   * past it is refused before Hocuspocus applies it, and the writer's
   * connection to the document is closed with the limit in the reason
   * (its laptop keeps the change and says why it cannot sync). Counted on
   * the bytes received since the last store, which then measures the
   * merged state exactly.
   */
  private checkSize(document: Document, readOnly: boolean, update: Uint8Array, documentName: string, account: Account | undefined): void {
    const size = this.sizes.get(document);
    // A reader's changes are dropped by Hocuspocus anyway.
    if (!size || readOnly) return;
    const bytes = carriedChangeBytes(update);
    if (bytes === 0) return;
    const limit = this.options.maxDocumentBytes;
    if (size.stored + size.pending + bytes > limit) {
      this.log.warn('refused a change: the document would pass the size limit', {
        documentName,
        account: account?.name,
        storedBytes: size.stored,
        pendingBytes: size.pending,
        changeBytes: bytes,
        limitBytes: limit,
      });
      throw Object.assign(new Error('document too large'), { code: TOO_LARGE_CLOSE_CODE, reason: tooLargeReason(limit) });
    }
    size.pending += bytes;
  }

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    if (documentName === CONTROL_DOC) return;
    // Errors are handled here, never thrown: Hocuspocus does not retry a
    // failed store, and a rejected debounce would go unhandled.
    await this.storeNow(documentName, document);
  }

  /** A document whose last store failed stays in memory until a retry succeeds. */
  async beforeUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    if (this.retrying.has(documentName)) throw new Error('store pending');
  }

  async onDestroy(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const { timer } of this.retrying.values()) clearTimeout(timer);
  }

  /** Tells every client (on every server process, through Redis) that the catalog moved. */
  notifyCatalog(cursor: number): void {
    this.instance.documents.get(CONTROL_DOC)?.broadcastStateless(JSON.stringify({ type: 'catalog', cursor } satisfies ServerStateless));
  }

  /** Stores every document with a store still waiting (graceful shutdown). */
  async flush(): Promise<void> {
    const pending = [...this.instance.documents.values()].filter((doc) => doc.name !== CONTROL_DOC);
    await Promise.all(
      pending.map(async (doc) => {
        const id = `onStoreDocument-${doc.name}`;
        if (this.instance.debouncer.isDebounced(id)) await this.instance.debouncer.executeNow(id);
        else if (this.retrying.has(doc.name)) await this.storeNow(doc.name, doc);
      }),
    );
  }

  private async storeNow(documentName: string, document: Document): Promise<void> {
    const kind = docKindOf(documentName);
    if (!kind) return;
    const retry = this.retrying.get(documentName);
    if (retry) {
      clearTimeout(retry.timer);
      this.retrying.delete(documentName);
    }
    try {
      const unstored = this.unstored.get(document);
      // Loaded without this extension (cannot happen) or nothing new since the last store: nothing to write.
      if (!unstored || (unstored.length === 0 && this.stored.get(document)!.version > 0)) return;
      const taken = unstored.length;
      const size = this.sizes.get(document);
      const counted = size?.pending ?? 0;
      const storedAt = Date.now();
      const outcome = await this.store.mergeDocument(documentName, kind, unstored.slice(0, taken), storedAt);
      // Stored: those are in the database now (later ones wait for the next store).
      unstored.splice(0, taken);
      const writers = this.unstoredBy.get(document)?.splice(0, taken) ?? [];
      if (outcome.kind === 'deleted') {
        this.log.info('ignored changes to a purged document', { documentName });
        return;
      }
      this.log.debug('stored', { documentName, version: outcome.version, changed: outcome.changed, bytes: outcome.stateBytes });
      if (size) {
        size.stored = outcome.stateBytes;
        size.pending = Math.max(0, size.pending - counted);
      }
      const latest = this.stored.get(document);
      const mark = { version: outcome.version, snapshot: outcome.snapshot };
      if (!latest || latest.version <= mark.version) this.stored.set(document, mark);
      document.broadcastStateless(storedMessage(mark));
      if (outcome.changed) {
        this.notifyCatalog(outcome.seq);
        this.recordStore(documentName, writers, outcome.before, outcome.after, storedAt);
      }
    } catch (error) {
      const attempt = (retry?.attempt ?? -1) + 1;
      const delay = STORE_RETRY_MS[Math.min(attempt, STORE_RETRY_MS.length - 1)]!;
      this.log.error('could not store a document; will retry', { documentName, attempt, delayMs: delay, error });
      const timer = setTimeout(() => {
        if (document.isDestroyed) return void this.retrying.delete(documentName);
        void this.storeNow(documentName, document).then(() => {
          if (!this.retrying.has(documentName) && document.getConnectionsCount() === 0) void this.instance.unloadDocument(document);
        });
      }, delay);
      this.retrying.set(documentName, { attempt, timer });
    }
  }

  /**
   * The audit trail of a store. Written after the store committed and never
   * holding it up: a trail that cannot be written is logged, the change stays stored.
   */
  private recordStore(documentName: string, writers: Array<AuditAccount | null>, before: CatalogSummary | null, after: CatalogSummary, atMs: number): void {
    const accounts = writers.filter((writer): writer is AuditAccount => writer !== null);
    // The one store that saw the move (merges run under the database's lock, so exactly one does,
    // on whichever server process) hands the story to the publisher.
    const from = before?.status ?? 'draft';
    if (docKindOf(documentName) === 'article' && after.status !== '' && after.status !== from) {
      this.options.onStatusMove?.(documentName, { from, to: after.status, desk: after.desk }, accounts[accounts.length - 1] ?? null, atMs);
    }
    this.options.audit
      .record(storeEvents(documentName, accounts, before, after, atMs))
      .catch((error: unknown) => this.log.error('could not write the audit trail of a store', { documentName, error }));
  }
}

/** The account of a Hocuspocus connection (an update's origin), or null for anything else. */
function senderOf(origin: unknown): AuditAccount | null {
  const account = (origin as { context?: { account?: Account } } | null)?.context?.account;
  return account ? { id: account.id, name: account.name } : null;
}

function storedMessage(mark: StoredMark): string {
  return JSON.stringify({ type: 'stored', version: mark.version, snapshot: bytesToBase64(mark.snapshot) } satisfies ServerStateless);
}
