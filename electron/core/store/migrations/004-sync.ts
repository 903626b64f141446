import type { Migration } from './migration';

/**
 * Sync with the newsroom server (issue 4).
 *
 * - `documents.local_changes` counts changes made on this computer (not the
 *   ones that came from the server); `synced_changes` is how many of them the
 *   server had stored at the last acknowledgement. The difference is the
 *   honest "N changes waiting", whatever the compactor has merged since.
 *   Documents that existed before sync count their stored updates.
 * - `sync_state`: per document, which server stored it and what it stored
 *   (its snapshot), and whether the person must decide about it (the server
 *   no longer knows it) or chose to keep it only here.
 * - `sync_purges`: stories deleted for good here, whose tombstone the server
 *   has not received yet (written in the purge's own transaction).
 * - `sync_media`: photos a story needs on the server, uploaded or waiting.
 */
export const sync: Migration = {
  version: 4,
  name: 'sync',
  up: `
    ALTER TABLE documents ADD COLUMN local_changes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE documents ADD COLUMN synced_changes INTEGER NOT NULL DEFAULT 0;
    UPDATE documents SET local_changes = 1 + (SELECT count(*) FROM doc_updates u WHERE u.doc_id = documents.id);
    CREATE INDEX documents_unsynced ON documents (id) WHERE local_changes > synced_changes;

    CREATE TABLE sync_state (
      doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
      server_id TEXT,
      stored_version INTEGER NOT NULL DEFAULT 0,
      stored_snapshot BLOB,
      flag TEXT CHECK (flag IN ('server_lost')),
      local_only INTEGER NOT NULL DEFAULT 0 CHECK (local_only IN (0, 1))
    ) STRICT;
    CREATE INDEX sync_state_flagged ON sync_state (doc_id) WHERE flag IS NOT NULL;

    CREATE TABLE sync_purges (
      doc_id TEXT PRIMARY KEY,
      requested_ms INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE sync_media (
      sha256 TEXT NOT NULL,
      server_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'uploaded')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      updated_ms INTEGER NOT NULL,
      PRIMARY KEY (sha256, server_id)
    ) STRICT;
  `,
};
