import type { Migration } from './migration';

/**
 * The newsroom's history of a story (ADR 0065): checkpoints go to the sync
 * server and come back from it, so every laptop with a story sees everyone's.
 *
 * - `revisions.rev_key`: the checkpoint's name everywhere (made here when it
 *   is taken, or the server's for one read from it), so one taken here and
 *   read back is one row.
 * - `revisions.shared`: 0 while a checkpoint taken here has not reached the
 *   server; 1 once it has, and for every checkpoint read from it.
 * - `revision_cursors`: per story, the last server entry read, so opening the
 *   history reads only what is new.
 */
export const sharedHistory: Migration = {
  version: 6,
  name: 'shared-history',
  up: `
    ALTER TABLE revisions ADD COLUMN rev_key TEXT;
    UPDATE revisions SET rev_key = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX revisions_by_key ON revisions (rev_key);
    ALTER TABLE revisions ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX revisions_unshared ON revisions (doc_id) WHERE shared = 0;
    CREATE INDEX revisions_by_time ON revisions (doc_id, created_ms DESC, rev_key DESC);
    CREATE TABLE revision_cursors (
      doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
      after INTEGER NOT NULL
    ) STRICT;
  `,
};
