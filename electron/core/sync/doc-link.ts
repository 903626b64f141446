import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { base64ToBytes } from '../../../shared/base64';
import type { UpdateRefusal } from '../../../shared/documents/document-kind';
import { REFUSAL_REASONS, REFUSED_CHANGE_REASON, documentStatelessSchema, tooLargeLimit } from '../../../shared/sync-protocol';

/** Who a person is to others looking at the same story. */
export interface PresenceUser {
  name: string;
  color: string;
}

export interface DocLinkEvents {
  /** The server sent changes this computer did not have (already applied to the wire copy). */
  remote(docId: string, update: Uint8Array): void;
  /** The server's state arrived (first sync step done). */
  synced(docId: string): void;
  /** The server stored a state: `snapshot` is exactly what it wrote. */
  stored(docId: string): void;
  /** The server refused the document (reason from shared/sync-protocol REFUSAL_REASONS). */
  refused(docId: string, reason: string): void;
  /** The server refused a change: it would take the document past the newsroom's size limit. */
  tooLarge(docId: string, limitBytes: number): void;
  /** The server refused a change by the newsroom's rules (who may publish, trash, move desks…). */
  refusedChange(docId: string, refusal: UpdateRefusal): void;
  presence(docId: string, people: PresenceUser[]): void;
}

const STORED_ASK_MS = 1000;

/** Transaction origin of local changes copied onto the wire copy. */
const LOCAL = Symbol('local');

/**
 * One document on the shared connection to the server.
 *
 * The Hocuspocus provider syncs a wire copy of the document, not core's
 * authoritative copy: local changes reach it only after core committed them
 * to disk (so an edit core refused never leaves the computer), and changes
 * from the server reach the authoritative copy through LiveDocs.applyRemote,
 * stored in a transaction before anyone sees them. Both copies hold the same
 * state at the end of every event-loop turn.
 */
export class DocLink {
  readonly mirror = new Y.Doc();
  readonly provider: HocuspocusProvider;
  /** The server's state has arrived on this connection. */
  synced = false;
  /** The newest stored state the server reported (highest version wins: messages may cross). */
  storedVersion = -1;
  storedSnapshot: Uint8Array | null = null;
  /** Everything local is stored on the server (and its photos uploaded). */
  done = false;
  /** When this link was made, to notice one that never gets going. */
  readonly attachedAt = Date.now();
  /** When the server last sent changes this computer did not have (null: none on this link). */
  lastRemoteAt: number | null = null;
  /** The document was here before this link (not a first download). */
  readonly hadLocally: boolean;
  private open = false;
  private destroyed = false;
  /** The server closed this document's connection itself (the socket stays open). */
  private closedByServer = false;
  /** What the server said of a refused change, just before it closed the document's connection. */
  private refusal: UpdateRefusal | null = null;

  constructor(
    readonly docId: string,
    readonly kind: 'article' | 'media',
    initialState: Uint8Array | null,
    private readonly socket: HocuspocusProviderWebsocket,
    token: string,
    private readonly events: DocLinkEvents,
  ) {
    this.hadLocally = initialState !== null;
    if (initialState) Y.applyUpdate(this.mirror, initialState, LOCAL);
    this.mirror.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this.provider) return;
      this.lastRemoteAt = Date.now();
      this.events.remote(docId, update);
    });
    this.provider = new HocuspocusProvider({ websocketProvider: socket, name: docId, document: this.mirror, token });
    // Presence only while someone here has the story open.
    this.provider.awareness?.setLocalState(null);
    this.provider.on('synced', () => {
      this.synced = true;
      this.events.synced(docId);
      // The server sends its stored snapshot on attach; should that message
      // be lost, ask again rather than wait for the next store.
      const asked = setTimeout(() => {
        if (!this.destroyed && this.synced && this.storedVersion < 0) this.provider.sendStateless('stored?');
      }, STORED_ASK_MS);
      asked.unref();
    });
    this.provider.on('stateless', ({ payload }: { payload: string }) => this.onStateless(payload));
    this.provider.on('authenticationFailed', ({ reason }: { reason: string }) => this.events.refused(docId, reason));
    this.provider.on('close', ({ event }: { event?: { reason?: string } }) => {
      this.synced = false;
      if (this.destroyed) return;
      // The server closes just this document's connection (the socket stays)
      // when a change is too large, breaks the newsroom's rules, the story
      // left the account's desks, or an admin purged it.
      const reason = event?.reason ?? '';
      const limit = tooLargeLimit(reason);
      if (limit !== null) {
        this.closedByServer = true;
        this.events.tooLarge(docId, limit);
      } else if (reason === REFUSED_CHANGE_REASON) {
        this.closedByServer = true;
        this.events.refusedChange(docId, this.refusal ?? { message: '', restore: {} });
      } else if (reason === REFUSAL_REASONS.notYourDesk || reason === REFUSAL_REASONS.deleted) {
        this.closedByServer = true;
        this.events.refused(docId, reason);
      }
    });
    this.provider.awareness?.on('change', () => this.events.presence(docId, this.people()));
    this.provider.attach();
  }

  /** A change core has committed: send it. */
  applyLocal(update: Uint8Array): void {
    if (!this.destroyed) Y.applyUpdate(this.mirror, update, LOCAL);
  }

  /** Attached a while ago and still without the server's state or stored snapshot. */
  stalled(now: number, afterMs: number): boolean {
    return now - this.attachedAt > afterMs && (!this.synced || this.storedVersion < 0);
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Shows (or stops showing) this computer's person on the story. */
  setOpen(user: PresenceUser | null): void {
    this.open = user !== null;
    this.provider.awareness?.setLocalState(user ? { user } : null);
  }

  /** The other people on this story right now (not this computer). */
  people(): PresenceUser[] {
    const awareness = this.provider.awareness;
    if (!awareness) return [];
    const seen = new Map<string, PresenceUser>();
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === this.mirror.clientID) continue;
      const user = (state as { user?: Partial<PresenceUser> }).user;
      if (typeof user?.name !== 'string' || typeof user.color !== 'string') continue;
      const key = `${user.name}\u0000${user.color}`;
      if (!seen.has(key)) seen.set(key, { name: user.name.slice(0, 100), color: user.color.slice(0, 20) });
    }
    return [...seen.values()];
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    // Letting go sends the server a Close for the document. After the server
    // closed it itself, that Close finds no connection there, is queued as the
    // first message of a new one, and closes the next attach of this document
    // on the socket the moment it is set up. So nothing is sent.
    if (this.closedByServer) this.socket.configuration.providerMap.delete(this.docId);
    this.provider.destroy();
    this.mirror.destroy();
  }

  /**
   * Stateless messages on a document come only from the server: Hocuspocus
   * frames a relayed client broadcast exactly like the server's own, so
   * the client cannot tell them apart, and the server (protocol ≥ 2,
   * checked on every connection) refuses every client broadcast before it
   * is relayed (ADR 0047). A document takes only `stored` from it.
   */
  private onStateless(payload: string): void {
    let message;
    try {
      message = documentStatelessSchema.parse(JSON.parse(payload));
    } catch {
      return;
    }
    if (message.type === 'refused') {
      this.refusal = { message: message.message, restore: message.restore };
      return;
    }
    if (message.version < this.storedVersion) return;
    this.storedVersion = message.version;
    this.storedSnapshot = base64ToBytes(message.snapshot);
    this.events.stored(this.docId);
  }
}
