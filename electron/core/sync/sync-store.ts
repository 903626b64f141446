import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { ACCOUNT_ROLES } from '../../../shared/accounts/roles';
import { refusedChangeSchema, type RefusedChange } from '../../../shared/sync-status';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import { planRemoval, removeDocuments, type RemovalPlan } from './newsroom-removal';

const accountSchema = z.object({
  serverUrl: z.string(),
  token: z.string(),
  name: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  /** The account's desks as the server last said (its default first). */
  desks: z.array(z.string()).default([]),
  /** The server's id when this account last talked to it. */
  serverId: z.string(),
});
export type SyncAccount = z.infer<typeof accountSchema>;
/**
 * The account as the settings table keeps it: everything but the token,
 * which lives in the secret store (never in the database, its WAL or its
 * backups). `token` is only there in accounts an older Lede saved.
 */
const savedAccountSchema = accountSchema.omit({ token: true }).extend({ token: z.string().optional() });
const TOKEN_SECRET = 'sync-token';

const cursorSchema = z.object({ serverId: z.string(), cursor: z.number().int().min(0) });
const retentionSchema = z.object({ serverId: z.string(), days: z.number().int().min(0) });

const optionsSchema = z.object({ catalogDays: z.number().int().min(1).max(3650) });
export type SyncOptions = z.infer<typeof optionsSchema>;
export const DEFAULT_SYNC_OPTIONS: SyncOptions = { catalogDays: 30 };

const ACCOUNT_KEY = 'sync.account';
const LAST_SERVER_KEY = 'sync.lastServerUrl';
const CURSOR_KEY = 'sync.cursor';
const OPTIONS_KEY = 'sync.options';
const NOTICE_KEY = 'sync.notice';
const RETENTION_KEY = 'sync.purgeRetention';
const noticeSchema = z.object({ code: z.literal('device_lost'), message: z.string() });
const REFUSALS_KEY = 'sync.refusals';
/** The newest refused changes kept for the person to read (one per document). */
const MAX_REFUSALS = 50;
const refusalsSchema = z.array(refusedChangeSchema);
export type SyncNotice = z.infer<typeof noticeSchema>;

export interface DocSyncState {
  /** The server that last stored this document (null: never acknowledged). */
  serverId: string | null;
  storedVersion: number;
  storedSnapshot: Uint8Array | null;
  flag: 'server_lost' | null;
  localOnly: boolean;
}

/**
 * Everything sync must remember across restarts, in the library database:
 * the account, the catalog cursor, each document's acknowledgement, purges
 * owed to the server and photos waiting to be uploaded. A restart mid-sync
 * reads it back and carries on.
 */
export class SyncStore {
  private readonly selectState: Statement;
  private readonly upsertSynced: Statement;
  private readonly setSyncedChanges: Statement;
  private readonly selectUnsynced: Statement;
  private readonly selectWaiting: Statement;

  constructor(
    private readonly db: Database,
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
  ) {
    this.selectState = db.prepare(
      'SELECT server_id AS serverId, stored_version AS storedVersion, stored_snapshot AS storedSnapshot, flag, local_only AS localOnly FROM sync_state WHERE doc_id = ?',
    );
    this.upsertSynced = db.prepare(
      `INSERT INTO sync_state (doc_id, server_id, stored_version, stored_snapshot) VALUES (@docId, @serverId, @version, @snapshot)
       ON CONFLICT (doc_id) DO UPDATE SET server_id = excluded.server_id, stored_version = excluded.stored_version,
         stored_snapshot = excluded.stored_snapshot, flag = NULL`,
    );
    this.setSyncedChanges = db.prepare('UPDATE documents SET synced_changes = max(synced_changes, ?) WHERE id = ?');
    // Uses the partial index documents_unsynced: as cheap as the number of waiting documents.
    this.selectUnsynced = db.prepare(
      `SELECT d.id FROM documents d LEFT JOIN sync_state s ON s.doc_id = d.id
       WHERE d.local_changes > d.synced_changes AND s.flag IS NULL AND coalesce(s.local_only, 0) = 0
         AND NOT EXISTS (SELECT 1 FROM sync_purged p WHERE p.doc_id = d.id)`,
    );
    this.selectWaiting = db.prepare(
      `SELECT coalesce(sum(d.kind = 'article'), 0) AS stories, coalesce(sum(d.kind = 'media'), 0) AS photos
       FROM documents d LEFT JOIN sync_state s ON s.doc_id = d.id
       WHERE d.local_changes > d.synced_changes AND s.flag IS NULL AND coalesce(s.local_only, 0) = 0
         AND NOT EXISTS (SELECT 1 FROM sync_purged p WHERE p.doc_id = d.id)`,
    );
  }

  account(): SyncAccount | null {
    const saved = this.settings.get(ACCOUNT_KEY, savedAccountSchema);
    const token = saved ? this.secrets.get(TOKEN_SECRET) : null;
    if (!saved || !token) return null;
    return { serverUrl: saved.serverUrl, name: saved.name, role: saved.role, desks: saved.desks, serverId: saved.serverId, token };
  }

  setAccount(account: SyncAccount | null): void {
    if (account) {
      const { token, ...rest } = account;
      this.secrets.set(TOKEN_SECRET, token);
      this.settings.set(ACCOUNT_KEY, rest);
      this.settings.set(LAST_SERVER_KEY, account.serverUrl);
    } else {
      this.db.prepare('DELETE FROM settings WHERE key = ?').run(ACCOUNT_KEY);
      this.secrets.set(TOKEN_SECRET, null);
    }
  }

  /** Removes the token from an account row an older Lede saved (in a backup's database). */
  static stripLegacyToken(db: Database): void {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(ACCOUNT_KEY) as { value: string } | undefined;
    if (!row) return;
    let value: unknown;
    try {
      value = JSON.parse(row.value);
    } catch {
      value = null;
    }
    if (typeof value !== 'object' || value === null || !('token' in value)) return;
    const { token: _token, ...rest } = value as Record<string, unknown>;
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify(rest), ACCOUNT_KEY);
  }

  /**
   * Moves a token that an older Lede kept in the settings table into the
   * secret store. True when there was one: the database (and its backups)
   * still hold its old bytes until they are scrubbed.
   */
  moveLegacyToken(): boolean {
    const saved = this.settings.get(ACCOUNT_KEY, savedAccountSchema);
    if (!saved?.token) return false;
    const { token, ...rest } = saved;
    this.secrets.set(TOKEN_SECRET, token);
    this.settings.set(ACCOUNT_KEY, rest);
    return true;
  }

  /** What this computer's newsroom data would be on removal (see newsroom-removal.ts). */
  removalPlan(): RemovalPlan {
    return planRemoval(this.db);
  }

  /** Removes the plan's documents; the caller has let go of them in memory. */
  removeDocuments(plan: RemovalPlan): void {
    removeDocuments(this.db, plan);
  }

  /** Writes the WAL into the database file and empties it: removed bytes leave the WAL too. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Something sync must tell the person even when signed out (the computer was reported lost). */
  notice(): SyncNotice | null {
    return this.settings.get(NOTICE_KEY, noticeSchema);
  }

  setNotice(notice: SyncNotice | null): void {
    if (notice) this.settings.set(NOTICE_KEY, notice);
    else this.db.prepare('DELETE FROM settings WHERE key = ?').run(NOTICE_KEY);
  }

  /** Changes of this computer's the server refused by the newsroom's rules, newest first. */
  refusals(): RefusedChange[] {
    return this.settings.get(REFUSALS_KEY, refusalsSchema) ?? [];
  }

  addRefusal(refusal: RefusedChange): void {
    const others = this.refusals().filter((entry) => entry.docId !== refusal.docId);
    this.settings.set(REFUSALS_KEY, [refusal, ...others].slice(0, MAX_REFUSALS));
  }

  /** The person read it (one document's, or every one). */
  dismissRefusal(docId: string | null): void {
    this.settings.set(REFUSALS_KEY, docId === null ? [] : this.refusals().filter((entry) => entry.docId !== docId));
  }

  /** The last server signed in to, to fill in the sign-in form. */
  lastServerUrl(): string | null {
    return this.settings.get(LAST_SERVER_KEY, z.string());
  }

  /** Where to continue reading the catalog of this server (0 for a server not seen before). */
  cursor(serverId: string): number {
    const saved = this.settings.get(CURSOR_KEY, cursorSchema);
    return saved && saved.serverId === serverId ? saved.cursor : 0;
  }

  setCursor(serverId: string, cursor: number): void {
    this.settings.set(CURSOR_KEY, { serverId, cursor });
  }

  resetCursor(): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(CURSOR_KEY);
  }

  options(): SyncOptions {
    return this.settings.get(OPTIONS_KEY, optionsSchema) ?? DEFAULT_SYNC_OPTIONS;
  }

  setOptions(options: SyncOptions): void {
    this.settings.set(OPTIONS_KEY, options);
  }

  state(docId: string): DocSyncState | null {
    const row = this.selectState.get(docId) as
      | { serverId: string | null; storedVersion: number; storedSnapshot: Buffer | null; flag: 'server_lost' | null; localOnly: number }
      | undefined;
    if (!row) return null;
    return {
      serverId: row.serverId,
      storedVersion: row.storedVersion,
      storedSnapshot: row.storedSnapshot ? new Uint8Array(row.storedSnapshot) : null,
      flag: row.flag,
      localOnly: row.localOnly === 1,
    };
  }

  /**
   * The server stored a state that covers this document's first `localChanges`
   * local changes. One transaction: the counter and the acknowledgement move together.
   */
  markSynced(docId: string, serverId: string, version: number, snapshot: Uint8Array, localChanges: number): void {
    this.db.transaction(() => {
      this.upsertSynced.run({ docId, serverId, version, snapshot });
      this.setSyncedChanges.run(localChanges, docId);
    })();
  }

  /** Documents with changes the server has not stored, which sync may send. */
  unsyncedDocIds(): string[] {
    return (this.selectUnsynced.all() as Array<{ id: string }>).map((row) => row.id);
  }

  /** Documents some server acknowledged (and no decision is pending on). */
  acknowledgedDocIds(): string[] {
    return this.db.prepare('SELECT doc_id FROM sync_state WHERE server_id IS NOT NULL AND flag IS NULL AND local_only = 0').pluck().all() as string[];
  }

  /**
   * Stories and photos with changes the server has not stored: distinct
   * documents (their number of edits says nothing a person can use).
   */
  waiting(): { stories: number; photos: number } {
    return this.selectWaiting.get() as { stories: number; photos: number };
  }

  /** The server no longer knows a document it once stored: the person decides. */
  flag(docId: string): void {
    this.db
      .prepare(
        `INSERT INTO sync_state (doc_id, flag) VALUES (?, 'server_lost')
         ON CONFLICT (doc_id) DO UPDATE SET flag = 'server_lost'`,
      )
      .run(docId);
  }

  /**
   * 'upload': forget the lost acknowledgement and send the document as new.
   * 'keep_local': never sync it (until the person asks to upload it).
   */
  resolveFlag(docId: string, choice: 'upload' | 'keep_local'): void {
    if (choice === 'upload') {
      this.db
        .prepare('UPDATE sync_state SET flag = NULL, local_only = 0, server_id = NULL, stored_version = 0, stored_snapshot = NULL WHERE doc_id = ?')
        .run(docId);
      // Everything in it is to be stored again: count it as waiting.
      this.db.prepare('UPDATE documents SET synced_changes = 0, local_changes = max(local_changes, 1) WHERE id = ?').run(docId);
    } else {
      this.db.prepare('UPDATE sync_state SET flag = NULL, local_only = 1 WHERE doc_id = ?').run(docId);
    }
  }

  /** The server knows the document again (someone uploaded it): no decision needed any more. */
  clearFlag(docId: string): void {
    this.db.prepare('UPDATE sync_state SET flag = NULL WHERE doc_id = ?').run(docId);
  }

  flagged(): Array<{ docId: string; headline: string; localOnly: boolean }> {
    return (
      this.db
        .prepare(
          `SELECT s.doc_id AS docId, coalesce(a.headline, '') AS headline, s.local_only AS localOnly
           FROM sync_state s LEFT JOIN articles a ON a.doc_id = s.doc_id
           WHERE s.flag IS NOT NULL ORDER BY a.updated_ms DESC`,
        )
        .all() as Array<{ docId: string; headline: string; localOnly: number }>
    ).map((row) => ({ ...row, localOnly: row.localOnly === 1 }));
  }

  flaggedCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM sync_state WHERE flag IS NOT NULL').get() as { n: number }).n;
  }

  /** Joins the purge's transaction: the tombstone is owed from the moment the story is gone. */
  recordPurge(docId: string): void {
    this.db.prepare('INSERT INTO sync_purges (doc_id, requested_ms) VALUES (?, ?) ON CONFLICT (doc_id) DO NOTHING').run(docId, Date.now());
  }

  pendingPurges(): string[] {
    return this.db.prepare('SELECT doc_id FROM sync_purges ORDER BY requested_ms').pluck().all() as string[];
  }

  isPurgePending(docId: string): boolean {
    return this.db.prepare('SELECT 1 FROM sync_purges WHERE doc_id = ?').get(docId) !== undefined;
  }

  clearPurge(docId: string): void {
    this.db.prepare('DELETE FROM sync_purges WHERE doc_id = ?').run(docId);
  }

  /**
   * A story the newsroom purged, kept here while the server may restore it
   * (ADR 0059). The first purge time stays if the tombstone is seen again.
   */
  keepPurged(docId: string, purgedMs: number): void {
    this.db.prepare('INSERT INTO sync_purged (doc_id, purged_ms) VALUES (?, ?) ON CONFLICT (doc_id) DO NOTHING').run(docId, purgedMs);
  }

  isKeptPurged(docId: string): boolean {
    return this.db.prepare('SELECT 1 FROM sync_purged WHERE doc_id = ?').get(docId) !== undefined;
  }

  /** An admin restored it: it is an ordinary story again. */
  releasePurged(docId: string): void {
    this.db.prepare('DELETE FROM sync_purged WHERE doc_id = ?').run(docId);
  }

  /** Kept purged stories whose purge is older than `purgedBefore`: the server can no longer restore them. */
  expiredPurged(purgedBefore: number): string[] {
    return this.db.prepare('SELECT doc_id FROM sync_purged WHERE purged_ms < ? ORDER BY purged_ms').pluck().all(purgedBefore) as string[];
  }

  /** Days the server keeps a purged story restorable, as its /health said last (0 before any server said). */
  purgeRetentionDays(serverId: string): number {
    const saved = this.settings.get(RETENTION_KEY, retentionSchema);
    return saved?.serverId === serverId ? saved.days : 0;
  }

  setPurgeRetentionDays(serverId: string, days: number): void {
    this.settings.set(RETENTION_KEY, { serverId, days });
  }

  mediaUploaded(sha256: string, serverId: string): boolean {
    return this.db.prepare("SELECT 1 FROM sync_media WHERE sha256 = ? AND server_id = ? AND state = 'uploaded'").get(sha256, serverId) !== undefined;
  }

  queueMedia(sha256: string, serverId: string): void {
    this.db
      .prepare(
        `INSERT INTO sync_media (sha256, server_id, state, updated_ms) VALUES (?, ?, 'pending', ?)
         ON CONFLICT (sha256, server_id) DO NOTHING`,
      )
      .run(sha256, serverId, Date.now());
  }

  pendingMedia(serverId: string): string[] {
    return this.db.prepare("SELECT sha256 FROM sync_media WHERE server_id = ? AND state = 'pending' ORDER BY updated_ms").pluck().all(serverId) as string[];
  }

  mediaDone(sha256: string, serverId: string): void {
    this.db
      .prepare("UPDATE sync_media SET state = 'uploaded', last_error = NULL, updated_ms = ? WHERE sha256 = ? AND server_id = ?")
      .run(Date.now(), sha256, serverId);
  }

  mediaFailed(sha256: string, serverId: string, error: string): number {
    this.db
      .prepare('UPDATE sync_media SET attempts = attempts + 1, last_error = ?, updated_ms = ? WHERE sha256 = ? AND server_id = ?')
      .run(error.slice(0, 500), Date.now(), sha256, serverId);
    return (this.db.prepare('SELECT attempts FROM sync_media WHERE sha256 = ? AND server_id = ?').get(sha256, serverId) as { attempts: number }).attempts;
  }
}
