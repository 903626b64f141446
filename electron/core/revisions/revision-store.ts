import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { StorySnapshot } from '../../../shared/article-body';
import type { RevisionReason, RevisionSummary } from '../../../shared/revisions/revision';
import type { Status } from '../../../shared/model';
import { isoWithOffset } from '../../../shared/time';

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

/** The revisions table (migration 003): checkpoints of a story, newest first. */
export class RevisionStore {
  private readonly insert: Statement;
  private readonly selectList: Statement;
  private readonly selectOne: Statement;
  private readonly selectLatestHash: Statement;

  constructor(db: Database) {
    this.insert = db.prepare(
      'INSERT INTO revisions (doc_id, created_ms, author, reason, detail, status, content, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectList = db.prepare(
      'SELECT id, created_ms AS createdMs, author, reason, detail, status FROM revisions WHERE doc_id = ? ORDER BY id DESC LIMIT ?',
    );
    this.selectOne = db.prepare(
      'SELECT id, created_ms AS createdMs, author, reason, detail, status, content FROM revisions WHERE doc_id = ? AND id = ?',
    );
    this.selectLatestHash = db.prepare('SELECT content_hash AS hash FROM revisions WHERE doc_id = ? ORDER BY id DESC LIMIT 1');
  }

  /** Stores a checkpoint unless the story is exactly as the latest one has it; returns its id or null. */
  add(revision: NewRevision): number | null {
    const content = JSON.stringify(revision.story);
    const hash = createHash('sha256').update(content).digest('hex');
    const latest = this.selectLatestHash.get(revision.docId) as { hash: string } | undefined;
    if (latest?.hash === hash) return null;
    const result = this.insert.run(
      revision.docId,
      revision.now ?? Date.now(),
      revision.author,
      revision.reason,
      revision.detail,
      revision.story.fields.status,
      content,
      hash,
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
}

function summary(row: RevisionRow): RevisionSummary {
  return { id: row.id, createdAt: isoWithOffset(row.createdMs), author: row.author, reason: row.reason, detail: row.detail, status: row.status };
}
