import type { Migration } from './migration';

/**
 * The first schema: Yjs documents (updates and compacted snapshots), the
 * library rows derived from them with a full-text index, the people
 * directory and settings.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('article', 'media')),
      created_ms INTEGER NOT NULL,
      updated_ms INTEGER NOT NULL,
      last_seq INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    -- Every acknowledged change, appended in the transaction that acknowledges it.
    CREATE TABLE doc_updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      data BLOB NOT NULL,
      created_ms INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX doc_updates_by_doc ON doc_updates (doc_id, seq);

    -- The merged state of all updates up to through_seq (written by the compactor).
    CREATE TABLE doc_snapshots (
      doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
      state BLOB NOT NULL,
      through_seq INTEGER NOT NULL,
      compacted_ms INTEGER NOT NULL
    ) STRICT;

    -- Library rows, derived from each story's document; nobody writes them by hand.
    CREATE TABLE articles (
      id TEXT PRIMARY KEY,
      doc_id TEXT NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
      headline TEXT NOT NULL DEFAULT '',
      kicker TEXT NOT NULL DEFAULT '',
      section TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'draft',
      -- Workflow order of the status, for sorting by status with an index.
      status_rank INTEGER NOT NULL DEFAULT 0,
      language TEXT NOT NULL DEFAULT 'en',
      bylines TEXT NOT NULL DEFAULT '[]',
      word_count INTEGER NOT NULL DEFAULT 0,
      created_ms INTEGER NOT NULL,
      updated_ms INTEGER NOT NULL,
      trashed_ms INTEGER,
      derived_seq INTEGER NOT NULL DEFAULT 0,
      -- Row of this story in article_search. It is renumbered on every
      -- derivation, so the index's rowid order is "most recently changed first"
      -- and a search can stop after the first page.
      search_rowid INTEGER UNIQUE
    ) STRICT;
    -- The library lists active stories far more than the trash; partial
    -- indexes keep every list order and filter an index walk at 100,000 stories.
    CREATE INDEX articles_active_by_updated ON articles (updated_ms DESC) WHERE trashed_ms IS NULL;
    CREATE INDEX articles_active_by_created ON articles (created_ms DESC) WHERE trashed_ms IS NULL;
    CREATE INDEX articles_active_by_headline ON articles (headline = '', headline COLLATE NOCASE) WHERE trashed_ms IS NULL;
    CREATE INDEX articles_active_by_status ON articles (status_rank, updated_ms DESC) WHERE trashed_ms IS NULL;
    CREATE INDEX articles_active_status_filter ON articles (status, updated_ms DESC) WHERE trashed_ms IS NULL;
    CREATE INDEX articles_active_section_filter ON articles (section, updated_ms DESC) WHERE trashed_ms IS NULL;
    CREATE INDEX articles_trash_by_trashed ON articles (trashed_ms DESC) WHERE trashed_ms IS NOT NULL;

    CREATE VIRTUAL TABLE article_search USING fts5 (
      headline, kicker, teaser, body, people, tags,
      content = '',
      contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );

    CREATE TABLE people (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL UNIQUE,
      bio TEXT NOT NULL DEFAULT '',
      created_ms INTEGER NOT NULL,
      updated_ms INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
