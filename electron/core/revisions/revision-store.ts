import { createHash, randomBytes } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { StorySnapshot } from '../../../shared/article-body';
import type { ArchivedRevision, SharedRevision } from '../../../shared/revisions/newsroom-history';
import type { RevisionReason, RevisionSummary } from '../../../shared/revisions/revision';
import type { Status } from '../../../shared/model';
import { isoWithOffset, parseIsoInstant } from '../../../shared/time';

interface RevisionRow {
  id: number;
  createdMs: number;
  author: string;
  reason: RevisionReason;
  detail: string;
  status: Status;
}

export interface NewRevision {
  docId: string;
  author: string;
  reason: RevisionReason;
  detail: string;
  story: StorySnapshot;
  now?: number;
}

/**
 * The revisions table (migrations 003 and 006): checkpoints of a story,
 * newest first — the ones taken here and the ones read from the newsroom's
 * history on the server, one row per key.
 */
export class RevisionStore {
  private readonly insert: Statement;
  private readonly selectList: Statement;
  private readonly selectOne: Statement;
  private readonly selectLatestHash: Statement;
  private readonly selectLatestMs: Statement;
  private readonly selectUnshared: Statement;
  private readonly selectStoriesUnshared: Statement;
  private readonly updateShared: Statement;
  private readonly selectCursor: Statement;
  private readonly upsertCursor: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT INTO revisions (doc_id, created_ms, author, reason, detail, status, content, content_hash, rev_key, shared)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rev_key) DO NOTHING`,
    );
    this.selectList = db.prepare(
      'SELECT id, created_ms AS createdMs, author, reason, detail, status FROM revisions WHERE doc_id = ? ORDER BY created_ms DESC, rev_key DESC LIMIT ?',
    );
    this.selectOne = db.prepare(
      'SELECT id, created_ms AS createdMs, author, reason, detail, status, content FROM revisions WHERE doc_id = ? AND id = ?',
    );
    this.selectLatestHash = db.prepare('SELECT content_hash AS hash FROM revisions WHERE doc_id = ? ORDER BY created_ms DESC, rev_key DESC LIMIT 1');
    this.selectLatestMs = db.prepare('SELECT max(created_ms) FROM revisions WHERE doc_id = ?').pluck();
    this.selectUnshared = db.prepare(
      'SELECT rev_key AS key, created_ms AS createdMs, reason, detail, content FROM revisions WHERE doc_id = ? AND shared = 0 ORDER BY id LIMIT ?',
    );
    this.selectStoriesUnshared = db.prepare('SELECT DISTINCT doc_id AS docId FROM revisions WHERE shared = 0 LIMIT ?').pluck();
    this.updateShared = db.prepare('UPDATE revisions SET shared = 1 WHERE rev_key = ?');
    this.selectCursor = db.prepare('SELECT after FROM revision_cursors WHERE doc_id = ?').pluck();
    this.upsertCursor = db.prepare('INSERT INTO revision_cursors (doc_id, after) VALUES (?, ?) ON CONFLICT (doc_id) DO UPDATE SET after = excluded.after');
  }

  /** Stores a checkpoint taken here unless the story is exactly as the latest one has it; returns its id or null. */
  add(revision: NewRevision): number | null {
    const content = JSON.stringify(revision.story);
    const hash = contentHash(content);
    const latest = this.selectLatestHash.get(revision.docId) as { hash: string } | undefined;
    if (latest?.hash === hash) return null;
    // Strictly after the story's latest checkpoint: two taken in one millisecond (around a restore)
    // keep their order on every laptop, which orders the newsroom's history by time (ADR 0065).
    const latestMs = (this.selectLatestMs.get(revision.docId) as number | null) ?? -Infinity;
    const result = this.insert.run(
      revision.docId,
      Math.max(revision.now ?? Date.now(), latestMs + 1),
      revision.author,
      revision.reason,
      revision.detail,
      revision.story.fields.status,
      content,
      hash,
      randomBytes(16).toString('hex'),
      0,
    );
    return Number(result.lastInsertRowid);
  }

  list(docId: string, limit = 500): RevisionSummary[] {
    return (this.selectList.all(docId, limit) as RevisionRow[]).map(summary);
  }

  get(docId: string, id: number): { summary: RevisionSummary; story: StorySnapshot } | null {
    const row = this.selectOne.get(docId, id) as (RevisionRow & { content: string }) | undefined;
    if (!row) return null;
    return { summary: summary(row), story: JSON.parse(row.content) as StorySnapshot };
  }

  /** Checkpoints taken here that the server has not stored yet, oldest first. */
  unshared(docId: string, limit: number): SharedRevision[] {
    const rows = this.selectUnshared.all(docId, limit) as Array<{ key: string; createdMs: number; reason: RevisionReason; detail: string; content: string }>;
    // To the millisecond: the order of the newsroom's history is the order of these times.
    return rows.map((row) => ({ key: row.key, createdAt: new Date(row.createdMs).toISOString(), reason: row.reason, detail: row.detail, story: JSON.parse(row.content) as StorySnapshot }));
  }

  /** Documents with checkpoints still to send. */
  storiesWithUnshared(limit: number): string[] {
    return this.selectStoriesUnshared.all(limit) as string[];
  }

  markShared(key: string): void {
    this.updateShared.run(key);
  }

  /** Where reading the server's history of a story goes on from (0: from its start). */
  cursor(docId: string): number {
    return (this.selectCursor.get(docId) as number | undefined) ?? 0;
  }

  /**
   * Keeps what a page of the server's history brought: checkpoints this
   * computer has not got (one it took itself is already here, by its key),
   * named after the account that sent them; then the cursor, in the same
   * transaction. Returns how many were new.
   */
  addFromNewsroom(docId: string, entries: readonly ArchivedRevision[], cursor: number): number {
    return this.db.transaction(() => {
      let added = 0;
      for (const entry of entries) {
        const content = JSON.stringify(entry.story);
        const createdMs = parseIsoInstant(entry.createdAt) ?? Date.now();
        const result = this.insert.run(docId, createdMs, entry.author, entry.reason, entry.detail, entry.story.fields.status, content, contentHash(content), entry.key, 1);
        if (result.changes > 0) added += 1;
        else this.updateShared.run(entry.key);
      }
      this.upsertCursor.run(docId, cursor);
      return added;
    })();
  }
}

function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

function summary(row: RevisionRow): RevisionSummary {
  return { id: row.id, createdAt: isoWithOffset(row.createdMs), author: row.author, reason: row.reason, detail: row.detail, status: row.status };
}
