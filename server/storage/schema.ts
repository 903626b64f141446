/**
 * The server database's schema, as numbered steps. Each step runs once, in
 * the transaction that also records the new version, on SQLite
 * (`PRAGMA user_version`) and on PostgreSQL (`lede_meta.schema_version`).
 * A step is never edited once released: a change is a new step.
 */
export interface SchemaStep {
  version: number;
  what: string;
  sqlite: string;
  postgres: string;
}

export const SCHEMA_STEPS: readonly SchemaStep[] = [
  {
    version: 1,
    what: 'documents, catalog, accounts, media',
    sqlite: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      -- One row whose lock orders every change: the catalog's numbers follow commit order.
      CREATE TABLE catalog_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL) STRICT;
      INSERT INTO catalog_head (id, seq) VALUES (1, 0);
      CREATE TABLE documents (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('article', 'media')),
        state BLOB,
        version INTEGER NOT NULL,
        headline TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '',
        updated_ms INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX documents_by_seq ON documents (seq);
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reader')),
        token_hash TEXT NOT NULL UNIQUE,
        created_ms INTEGER NOT NULL,
        revoked_ms INTEGER
      ) STRICT;
      -- Names are unique among active accounts; revoked ones stay for the record.
      CREATE UNIQUE INDEX users_active_name ON users (name) WHERE revoked_ms IS NULL;
    `,
    postgres: `
      CREATE TABLE lede_meta (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE lede_catalog_head (id int PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL);
      INSERT INTO lede_catalog_head (id, seq) VALUES (1, 0);
      CREATE TABLE lede_documents (
        name text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('article', 'media')),
        state bytea,
        version bigint NOT NULL,
        headline text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT '',
        updated_ms bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        seq bigint NOT NULL
      );
      CREATE INDEX lede_documents_by_seq ON lede_documents (seq);
      CREATE TABLE lede_users (
        id text PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'editor', 'reader')),
        token_hash text NOT NULL UNIQUE,
        created_ms bigint NOT NULL,
        revoked_ms bigint
      );
      CREATE UNIQUE INDEX lede_users_active_name ON lede_users (name) WHERE revoked_ms IS NULL;
      CREATE TABLE lede_media (sha256 text PRIMARY KEY, size bigint NOT NULL, data bytea NOT NULL, created_ms bigint NOT NULL);
    `,
  },
  {
    version: 2,
    what: 'newsroom roles, desks, a story’s desk; lost tokens under the schema',
    // Accounts made before desks keep their role: 'editor' (then "may write") stays editor.
    sqlite: `
      CREATE TABLE IF NOT EXISTS lost_tokens (token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, lost_ms INTEGER NOT NULL) STRICT;
      CREATE TABLE users_v2 (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('reporter', 'editor', 'photo-editor', 'reader', 'admin')),
        token_hash TEXT NOT NULL UNIQUE,
        created_ms INTEGER NOT NULL,
        revoked_ms INTEGER
      ) STRICT;
      INSERT INTO users_v2 (id, name, role, token_hash, created_ms, revoked_ms)
        SELECT id, name, role, token_hash, created_ms, revoked_ms FROM users;
      DROP TABLE users;
      ALTER TABLE users_v2 RENAME TO users;
      CREATE UNIQUE INDEX users_active_name ON users (name) WHERE revoked_ms IS NULL;
      CREATE TABLE desks (name TEXT PRIMARY KEY, created_ms INTEGER NOT NULL) STRICT;
      -- In the order people were added: an account's first desk is its default for new stories.
      CREATE TABLE desk_members (
        desk TEXT NOT NULL,
        user_id TEXT NOT NULL,
        added_ms INTEGER NOT NULL,
        PRIMARY KEY (desk, user_id)
      ) STRICT;
      CREATE INDEX desk_members_by_user ON desk_members (user_id, added_ms);
      -- NULL: a story no desk has claimed yet (made before desks, or offline before any sign-in).
      ALTER TABLE documents ADD COLUMN desk TEXT;
    `,
    postgres: `
      CREATE TABLE IF NOT EXISTS lede_lost_tokens (token_hash text PRIMARY KEY, user_name text NOT NULL, lost_ms bigint NOT NULL);
      ALTER TABLE lede_users DROP CONSTRAINT IF EXISTS lede_users_role_check;
      ALTER TABLE lede_users ADD CONSTRAINT lede_users_role_check CHECK (role IN ('reporter', 'editor', 'photo-editor', 'reader', 'admin'));
      CREATE TABLE lede_desks (name text PRIMARY KEY, created_ms bigint NOT NULL);
      CREATE TABLE lede_desk_members (
        desk text NOT NULL,
        user_id text NOT NULL,
        added_ms bigint NOT NULL,
        PRIMARY KEY (desk, user_id)
      );
      CREATE INDEX lede_desk_members_by_user ON lede_desk_members (user_id, added_ms);
      ALTER TABLE lede_documents ADD COLUMN desk text;
    `,
  },
  {
    version: 3,
    what: 'single sign-on: identities (issuer, subject → account), several tokens per account',
    // An identity is matched by the claim the server was told to use (sub, or a verified email, lower-cased).
    // Account tokens stand beside users.token_hash: revoking the account (users.revoked_ms) refuses them all.
    sqlite: `
      CREATE TABLE identities (
        issuer TEXT NOT NULL,
        claim TEXT NOT NULL CHECK (claim IN ('sub', 'email')),
        subject TEXT NOT NULL,
        user_id TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        PRIMARY KEY (issuer, claim, subject)
      ) STRICT;
      CREATE INDEX identities_by_user ON identities (user_id);
      CREATE TABLE account_tokens (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        label TEXT NOT NULL,
        created_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX account_tokens_by_user ON account_tokens (user_id);
    `,
    postgres: `
      CREATE TABLE lede_identities (
        issuer text NOT NULL,
        claim text NOT NULL CHECK (claim IN ('sub', 'email')),
        subject text NOT NULL,
        user_id text NOT NULL,
        created_ms bigint NOT NULL,
        PRIMARY KEY (issuer, claim, subject)
      );
      CREATE INDEX lede_identities_by_user ON lede_identities (user_id);
      CREATE TABLE lede_account_tokens (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL,
        label text NOT NULL,
        created_ms bigint NOT NULL
      );
      CREATE INDEX lede_account_tokens_by_user ON lede_account_tokens (user_id);
    `,
  },
  {
    version: 4,
    what: 'recoverable purges (a purged document keeps its state for a while); the audit trail',
    // Version 3 is taken by single sign-on, in flight beside this step.
    // purged_ms: when a tombstone's state is still kept (restorable); NULL once the sweep dropped it, and for tombstones made before this step.
    sqlite: `
      ALTER TABLE documents ADD COLUMN purged_ms INTEGER;
      CREATE INDEX documents_purged ON documents (purged_ms) WHERE purged_ms IS NOT NULL;
      CREATE TABLE audit_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document TEXT NOT NULL,
        account_id TEXT NOT NULL,
        account_name TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('edit', 'status', 'trash', 'restore', 'purge', 'desk', 'publish')),
        from_value TEXT,
        to_value TEXT
      ) STRICT;
      CREATE INDEX audit_by_document ON audit_events (document, id);
      CREATE INDEX audit_by_account ON audit_events (account_name, at_ms, id);
      CREATE INDEX audit_purges_by_account ON audit_events (account_id, at_ms) WHERE kind = 'purge';
    `,
    postgres: `
      ALTER TABLE lede_documents ADD COLUMN purged_ms bigint;
      CREATE INDEX lede_documents_purged ON lede_documents (purged_ms) WHERE purged_ms IS NOT NULL;
      CREATE TABLE lede_audit_events (
        id bigserial PRIMARY KEY,
        document text NOT NULL,
        account_id text NOT NULL,
        account_name text NOT NULL,
        at_ms bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('edit', 'status', 'trash', 'restore', 'purge', 'desk', 'publish')),
        from_value text,
        to_value text
      );
      CREATE INDEX lede_audit_by_document ON lede_audit_events (document, id);
      CREATE INDEX lede_audit_by_account ON lede_audit_events (account_name, at_ms, id);
      CREATE INDEX lede_audit_purges_by_account ON lede_audit_events (account_id, at_ms) WHERE kind = 'purge';
    `,
  },
  {
    version: 5,
    what: "the newsroom's story history: every laptop's checkpoints, by the account that sent them (ADR 0065)",
    // rev_key: made by the laptop that took the checkpoint, so a resend stores nothing new.
    sqlite: `
      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document TEXT NOT NULL,
        rev_key TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL,
        account_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        stored_ms INTEGER NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        content TEXT NOT NULL
      ) STRICT;
      CREATE INDEX revisions_by_document ON revisions (document, id);
    `,
    postgres: `
      CREATE TABLE lede_revisions (
        id bigserial PRIMARY KEY,
        document text NOT NULL,
        rev_key text NOT NULL UNIQUE,
        account_id text NOT NULL,
        account_name text NOT NULL,
        created_at text NOT NULL,
        stored_ms bigint NOT NULL,
        reason text NOT NULL,
        detail text NOT NULL,
        content text NOT NULL
      );
      CREATE INDEX lede_revisions_by_document ON lede_revisions (document, id);
    `,
  },
  {
    version: 6,
    what: 'publishing: outputs, each published version of a story, its transmissions to each output (ADR 0071)',
    // Secrets are never in these tables: they are files under <data dir>/secrets/outputs/ (ADR 0045, 0071).
    // publications: (document, version) is the story's publication count; stored_version is unique per
    // story so the one store that saw the move to published makes it once. body: the ninjs as sent.
    // transmissions: one row per (story, version, output), claimed with a lease so one process sends it.
    sqlite: `
      CREATE TABLE publish_outputs (
        name TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('http', 'sftp', 'ftp', 'folder')),
        config TEXT NOT NULL,
        desks TEXT NOT NULL,
        embargoed_copy INTEGER NOT NULL DEFAULT 0,
        created_ms INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE publications (
        document TEXT NOT NULL,
        version INTEGER NOT NULL,
        stored_version INTEGER NOT NULL,
        published_ms INTEGER NOT NULL,
        account_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('publish', 'kill')),
        file_base TEXT NOT NULL,
        body TEXT,
        problem TEXT,
        PRIMARY KEY (document, version),
        UNIQUE (document, stored_version)
      ) STRICT;
      CREATE TABLE transmissions (
        document TEXT NOT NULL,
        version INTEGER NOT NULL,
        output TEXT NOT NULL,
        output_type TEXT NOT NULL,
        delivery_id TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'retrying', 'sent', 'refused')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until_ms INTEGER,
        last_error TEXT,
        answer_status INTEGER,
        answer_body TEXT,
        sent_ms INTEGER,
        created_ms INTEGER NOT NULL,
        PRIMARY KEY (document, version, output)
      ) STRICT;
      CREATE INDEX transmissions_due ON transmissions (next_attempt_ms) WHERE state IN ('waiting', 'retrying');
      -- The audit trail records transmissions too ('transmit': from = the output, to = "sent v2" / "refused v2").
      CREATE TABLE audit_events_v6 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document TEXT NOT NULL,
        account_id TEXT NOT NULL,
        account_name TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('edit', 'status', 'trash', 'restore', 'purge', 'desk', 'publish', 'transmit')),
        from_value TEXT,
        to_value TEXT
      ) STRICT;
      INSERT INTO audit_events_v6 (id, document, account_id, account_name, at_ms, kind, from_value, to_value)
        SELECT id, document, account_id, account_name, at_ms, kind, from_value, to_value FROM audit_events;
      DROP TABLE audit_events;
      ALTER TABLE audit_events_v6 RENAME TO audit_events;
      CREATE INDEX audit_by_document ON audit_events (document, id);
      CREATE INDEX audit_by_account ON audit_events (account_name, at_ms, id);
      CREATE INDEX audit_purges_by_account ON audit_events (account_id, at_ms) WHERE kind = 'purge';
    `,
    postgres: `
      CREATE TABLE lede_publish_outputs (
        name text PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('http', 'sftp', 'ftp', 'folder')),
        config text NOT NULL,
        desks text NOT NULL,
        embargoed_copy boolean NOT NULL DEFAULT false,
        created_ms bigint NOT NULL
      );
      CREATE TABLE lede_publications (
        document text NOT NULL,
        version int NOT NULL,
        stored_version bigint NOT NULL,
        published_ms bigint NOT NULL,
        account_name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('publish', 'kill')),
        file_base text NOT NULL,
        body text,
        problem text,
        PRIMARY KEY (document, version),
        UNIQUE (document, stored_version)
      );
      CREATE TABLE lede_transmissions (
        document text NOT NULL,
        version int NOT NULL,
        output text NOT NULL,
        output_type text NOT NULL,
        delivery_id text NOT NULL UNIQUE,
        state text NOT NULL CHECK (state IN ('waiting', 'retrying', 'sent', 'refused')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_ms bigint NOT NULL,
        lease_owner text,
        lease_until_ms bigint,
        last_error text,
        answer_status int,
        answer_body text,
        sent_ms bigint,
        created_ms bigint NOT NULL,
        PRIMARY KEY (document, version, output)
      );
      CREATE INDEX lede_transmissions_due ON lede_transmissions (next_attempt_ms) WHERE state IN ('waiting', 'retrying');
      ALTER TABLE lede_audit_events DROP CONSTRAINT IF EXISTS lede_audit_events_kind_check;
      ALTER TABLE lede_audit_events ADD CONSTRAINT lede_audit_events_kind_check CHECK (kind IN ('edit', 'status', 'trash', 'restore', 'purge', 'desk', 'publish', 'transmit'));
    `,
  },
];

export const SCHEMA_VERSION = SCHEMA_STEPS[SCHEMA_STEPS.length - 1]!.version;

/** The steps a database at `version` still needs, in order. */
export function stepsAfter(version: number): SchemaStep[] {
  return SCHEMA_STEPS.filter((step) => step.version > version);
}
