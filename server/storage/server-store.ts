import type { Readable } from 'node:stream';
import type { AccountRole } from '../../shared/accounts/roles';
import type { DocKind } from '../../shared/documents/doc-names';
import type { CatalogSummary } from '../../shared/documents/document-kind';

/**
 * Where the sync server keeps documents, the catalog, accounts and media.
 * Two implementations: embedded SQLite (the default, one box) and
 * PostgreSQL (several server processes). Every write that merges a document
 * runs under a lock the other processes respect, so a save only ever merges
 * forward and the catalog's change numbers follow commit order.
 */
export interface ServerStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Made once when the database is created; a different id means a different (or reset) server. */
  serverId(): Promise<string>;

  /** The stored state, or null for a document the server never stored. Tombstones read as `deleted`. */
  loadDocument(name: string): Promise<StoredDocument | null>;
  /**
   * Merges `update` into what is stored, in one transaction holding the
   * store's write lock: load, merge, write. `describe` reads the merged
   * document into its catalog row. A purged document is left alone.
   */
  mergeDocument(name: string, kind: DocKind, update: Uint8Array | readonly Uint8Array[], now: number): Promise<MergeOutcome>;
  /**
   * Purges a story that is in the trash: the catalog shows a tombstone, the
   * state is kept (restorable) until `dropExpiredPurges` takes it. Checked
   * and written in one transaction under the write lock, so a story taken
   * out of the trash meanwhile is never purged.
   */
  purgeDocument(name: string, now: number): Promise<PurgeOutcome>;
  /** Brings a purged document back (a new version and change number) if it was purged at `purgedSince` or later and its state is still kept. */
  restoreDocument(name: string, now: number, purgedSince: number): Promise<RestoreOutcome>;
  /** Drops the kept state of documents purged before `purgedBefore` (their tombstones stay); how many. */
  dropExpiredPurges(purgedBefore: number): Promise<number>;
  catalog(since: number, limit: number): Promise<CatalogRows>;
  lookup(names: string[]): Promise<CatalogRow[]>;

  addUser(user: NewUser): Promise<void>;
  /** Sets revoked_ms; false if no such active user. */
  revokeUser(name: string, now: number): Promise<boolean>;
  listUsers(): Promise<UserRow[]>;
  /** The account holding this token: its own (users.token_hash) or one of its account tokens; `tokenHash` is the one matched. */
  userByTokenHash(tokenHash: string): Promise<UserRow | null>;
  /**
   * Of these user ids, the active ones with their role and desks now (an id
   * not in the answer is revoked or gone): what the server's sweep holds
   * open connections to.
   */
  activeAccounts(ids: string[]): Promise<Map<string, AccountNow>>;
  /** Changes an active account's role; false if there is no such account. */
  setRole(name: string, role: AccountRole): Promise<boolean>;

  /** Adds a desk; false if one by that name exists. */
  addDesk(name: string, now: number): Promise<boolean>;
  /** Every desk with its active members' names, by name. */
  listDesks(): Promise<DeskRow[]>;
  /** Puts an active account on a desk (idempotent). Throws NotFoundError for an unknown desk or account. */
  addDeskMember(desk: string, userName: string, now: number): Promise<void>;
  /** False if the account was not on the desk. */
  removeDeskMember(desk: string, userName: string): Promise<boolean>;
  /** The desks an account is on, in the order it joined them (its first is its default). */
  desksOf(userId: string): Promise<string[]>;

  /** The account an identity from the sign-in provider belongs to (revoked ones too: they are refused, never made again). */
  userByIdentity(identity: Identity): Promise<UserRow | null>;
  /** Ties an identity to an active account (replacing an earlier tie). Throws NotFoundError for an unknown account. */
  linkIdentity(identity: Identity, userName: string, now: number): Promise<void>;
  /** Another token for an account (a device signed in with single sign-on). */
  addAccountToken(token: { userId: string; tokenHash: string; label: string; createdMs: number }): Promise<void>;
  /** Every token hash of an account: its own and those single sign-on made. */
  tokenHashesOf(userId: string): Promise<string[]>;

  readonly blobs: BlobStore;
  close(): Promise<void>;
}

export interface StoredDocument {
  state: Uint8Array | null;
  version: number;
  deleted: boolean;
}

export type MergeOutcome =
  | { kind: 'deleted' }
  /**
   * `snapshot` is exactly what is stored (state vector + delete set);
   * `stateBytes` its size, which the per-document limit is measured on.
   */
  | {
      kind: 'stored';
      version: number;
      snapshot: Uint8Array;
      seq: number;
      changed: boolean;
      stateBytes: number;
      /** The stored document's summary before the merge (null: it is new) and after it. */
      before: CatalogSummary | null;
      after: CatalogSummary;
    };

export type PurgeOutcome =
  | { kind: 'purged'; seq: number }
  /** Purged before: nothing changes (a laptop sending its owed tombstone again). */
  | { kind: 'already_purged' }
  | { kind: 'unknown' }
  /** Only a story in the trash is purged. */
  | { kind: 'not_trashed' };

export type RestoreOutcome =
  | { kind: 'restored'; seq: number }
  | { kind: 'unknown' }
  | { kind: 'not_purged' }
  /** Purged longer ago than the retention, or its state is already gone. */
  | { kind: 'expired'; purgedMs: number | null };

export interface CatalogRow {
  name: string;
  kind: DocKind;
  headline: string;
  status: string;
  updatedMs: number;
  deleted: boolean;
  version: number;
  seq: number;
  /** The story's desk; null for photos and for stories no desk has claimed. */
  desk: string | null;
}

export interface CatalogRows {
  rows: CatalogRow[];
  /** The newest change number the store has. */
  head: number;
}

export interface NewUser {
  id: string;
  name: string;
  role: AccountRole;
  tokenHash: string;
  createdMs: number;
}

export interface UserRow {
  id: string;
  name: string;
  role: AccountRole;
  tokenHash: string;
  createdMs: number;
  revokedMs: number | null;
}

/** Media files by sha256. `put` takes a verified temporary file and owns it afterwards. */
export interface BlobStore {
  has(sha256: string): Promise<boolean>;
  put(sha256: string, verifiedFile: string, size: number): Promise<void>;
  open(sha256: string): Promise<{ size: number; stream: Readable } | null>;
}

export interface AccountNow {
  role: AccountRole;
  /** In the order the account joined them. */
  desks: string[];
}

/** Who the newsroom's sign-in provider says someone is, as the server matches it (ADR 0058). */
export interface Identity {
  issuer: string;
  claim: 'sub' | 'email';
  subject: string;
}

export interface DeskRow {
  name: string;
  createdMs: number;
  members: string[];
}

/** A desk or account a command named does not exist (its message says which). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class UserExistsError extends Error {
  constructor(name: string) {
    super(`There is already a user called "${name}". Revoke it first, or pick another name.`);
    this.name = 'UserExistsError';
  }
}
