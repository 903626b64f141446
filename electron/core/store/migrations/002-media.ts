import type { Migration } from './migration';

/**
 * The photo desk: one row per imported photo, derived from its Yjs document
 * (`media:<sha256>`) like a story's library row, and a full-text index over
 * caption, headline, keywords, creators and place. The files themselves live
 * under `media/` in the data folder, named by their hash.
 */
export const media: Migration = {
  version: 2,
  name: 'media',
  up: `
    CREATE TABLE media (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      doc_id TEXT NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
      filename TEXT NOT NULL,
      format TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      taken_ms INTEGER,
      imported_ms INTEGER NOT NULL,
      caption TEXT NOT NULL DEFAULT '',
      credit TEXT NOT NULL DEFAULT '',
      alt_text TEXT NOT NULL DEFAULT '',
      -- Every editable field, and the file's facts (camera, dates…), as JSON:
      -- the grid and the editor read one row.
      fields TEXT NOT NULL DEFAULT '{}',
      facts TEXT NOT NULL DEFAULT '{}',
      missing_alt INTEGER NOT NULL DEFAULT 0,
      missing_credit INTEGER NOT NULL DEFAULT 0,
      over_limit INTEGER NOT NULL DEFAULT 0,
      derived_seq INTEGER NOT NULL DEFAULT 0,
      search_rowid INTEGER UNIQUE
    ) STRICT;
    CREATE INDEX media_by_imported ON media (imported_ms DESC, sha256);
    CREATE INDEX media_by_taken ON media (taken_ms DESC, sha256);
    CREATE INDEX media_by_filename ON media (filename COLLATE NOCASE, sha256);
    CREATE INDEX media_missing_alt ON media (imported_ms DESC) WHERE missing_alt = 1;
    CREATE INDEX media_missing_credit ON media (imported_ms DESC) WHERE missing_credit = 1;
    CREATE INDEX media_over_limit ON media (imported_ms DESC) WHERE over_limit = 1;

    CREATE VIRTUAL TABLE media_search USING fts5 (
      caption, headline, keywords, creators, place, other,
      content = '',
      contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );
  `,
};
