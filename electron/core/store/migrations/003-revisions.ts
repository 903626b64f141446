import type { Migration } from './migration';

/**
 * Revisions: checkpoints of a story (its fields and its body as ProseMirror
 * JSON) taken on every status change, after a while of editing, on import and
 * around a restore. They go with their document (ON DELETE CASCADE) when a
 * story is deleted for good. ADR 0032.
 */
export const revisions: Migration = {
  version: 3,
  name: 'revisions',
  up: `
    CREATE TABLE revisions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      created_ms INTEGER NOT NULL,
      author TEXT NOT NULL DEFAULT '',
      reason TEXT NOT NULL CHECK (reason IN ('status', 'editing', 'restored', 'imported')),
      -- What a person reads beside the reason: "Draft → In edit", "Imported from report.docx".
      detail TEXT NOT NULL DEFAULT '',
      -- The story's status when the checkpoint was taken.
      status TEXT NOT NULL,
      -- JSON: { "fields": ArticleFields, "body": ProseMirror JSON of the body }.
      content TEXT NOT NULL,
      -- sha256 of content: an unchanged story is not checkpointed twice in a row.
      content_hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX revisions_by_doc ON revisions (doc_id, id DESC);
  `,
};
