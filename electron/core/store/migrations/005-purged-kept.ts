import type { Migration } from './migration';

/**
 * Stories the newsroom purged, kept here while the server can still
 * restore them (ADR 0059): out of the library, their document and revisions
 * kept until `purged_ms` plus the server's retention. `purged_ms` is the
 * tombstone's `updatedAt`, the server's own clock.
 */
export const purgedKept: Migration = {
  version: 5,
  name: 'purged-kept',
  up: `
    CREATE TABLE sync_purged (
      doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
      purged_ms INTEGER NOT NULL
    ) STRICT;
  `,
};
