import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import type { OutputType, TransmissionState } from '../../shared/publishing/transmissions';

/**
 * Publishing's tables (schema step 6, ADR 0071): the outputs, each
 * published version of a story, and each version's transmission to each
 * output. Beside the server's store in the same database, so every server
 * process sees one queue and a backup carries it. Open the store first.
 *
 * Exactly once: a transmission row is made once per (story, version,
 * output) — its primary key — and a process sends it only while it holds
 * the row's lease (`lease_owner`, `lease_until_ms`), taken in one statement
 * that skips rows another process holds. A process that dies mid-send
 * leaves its lease to run out; whoever takes the row next sends the same
 * delivery id.
 */

export interface OutputRow {
  name: string;
  type: OutputType;
  /** Type-specific settings without secrets (url; path; host, port, user, host key, path, tls). */
  config: Record<string, unknown>;
  /** Empty: every desk's stories (and stories of no desk). */
  desks: string[];
  embargoedCopy: boolean;
  createdMs: number;
}

export type PublicationKind = 'publish' | 'kill';

export interface NewPublication {
  document: string;
  /** publish: a version to use; kill: the story was spiked after it went out (pubstatus canceled). */
  kind: PublicationKind;
  storedVersion: number;
  publishedMs: number;
  accountName: string;
  fileBase: string;
  /** The ninjs (without `version`, which the row's version fills in); null when it could not be made. */
  body: string | null;
  /** Why it cannot be sent (it fails the ninjs schema), or null. */
  problem: string | null;
  /** Outputs that take this story (by desk), each from when (an embargo holds it). Empty when there is a problem: nothing is sent. */
  outputs: Array<{ name: string; type: OutputType; notBeforeMs: number }>;
}

export interface TransmissionRow {
  document: string;
  version: number;
  output: string;
  outputType: OutputType;
  deliveryId: string;
  state: TransmissionState;
  attempts: number;
  nextAttemptMs: number;
  lastError: string | null;
  answerStatus: number | null;
  answerBody: string | null;
  sentMs: number | null;
}

/** A transmission claimed for sending, with what to send. */
export interface ClaimedTransmission extends TransmissionRow {
  body: string;
  fileBase: string;
}

export type TransmissionOutcome =
  | { state: 'sent'; atMs: number }
  | { state: 'retrying'; error: string; nextAttemptMs: number }
  | { state: 'refused'; error: string; answerStatus: number | null; answerBody: string };

export interface PublicationRow {
  version: number;
  kind: PublicationKind;
  problem: string | null;
  publishedMs: number;
}

export interface PublishingDb {
  addOutput(output: OutputRow): Promise<boolean>;
  listOutputs(): Promise<OutputRow[]>;
  /** Removes an output; its unsent transmissions are refused (said why). False when there was none. */
  removeOutput(name: string, now: number): Promise<boolean>;
  /**
   * Records a publication at the story's next version with its transmissions;
   * null when this stored version was recorded already. `deliveryId` names one
   * transmission.
   */
  recordPublication(publication: NewPublication, deliveryId: (version: number, output: string) => string): Promise<number | null>;
  /** Takes up to `limit` due transmissions no live lease holds, for `owner` until `leaseUntilMs`. */
  claimDue(owner: string, now: number, leaseUntilMs: number, limit: number): Promise<ClaimedTransmission[]>;
  /** Records how a send went, if `owner` still holds the lease; false when it had lost it. */
  finish(row: { document: string; version: number; output: string }, owner: string, outcome: TransmissionOutcome): Promise<boolean>;
  /** Lets go of leases `owner` holds (a clean shutdown: another process may send them at once). */
  releaseAll(owner: string): Promise<void>;
  /** When the next transmission is due (none: null). */
  nextDueMs(): Promise<number | null>;
  transmissionsOf(document: string): Promise<TransmissionRow[]>;
  latestPublication(document: string): Promise<PublicationRow | null>;
  /** Outputs (still configured) that accepted some version of the story: where a kill must go. */
  receivedOutputs(document: string): Promise<Array<{ name: string; type: OutputType }>>;
  /** Stories whose latest version has a transmission refused or retrying. */
  failedDocuments(): Promise<string[]>;
  /** Stories whose latest version waits for its embargo (some output not yet due at `now`), with when it ends. */
  embargoedDocuments(now: number): Promise<Array<{ document: string; untilMs: number }>>;
  close(): Promise<void>;
}

export async function openPublishingDb(options: { dataDir: string; databaseUrl?: string }): Promise<PublishingDb> {
  return options.databaseUrl ? new PostgresPublishingDb(options.databaseUrl) : new SqlitePublishingDb(options.dataDir);
}

interface RawOutput {
  name: string;
  type: OutputType;
  config: string;
  desks: string;
  embargoed_copy: number | boolean;
  created_ms: number | string;
}

const toOutput = (row: RawOutput): OutputRow => ({
  name: row.name,
  type: row.type,
  config: JSON.parse(row.config) as Record<string, unknown>,
  desks: JSON.parse(row.desks) as string[],
  embargoedCopy: Boolean(row.embargoed_copy),
  createdMs: Number(row.created_ms),
});

interface RawTransmission {
  document: string;
  version: number | string;
  output: string;
  output_type: OutputType;
  delivery_id: string;
  state: TransmissionState;
  attempts: number | string;
  next_attempt_ms: number | string;
  last_error: string | null;
  answer_status: number | null;
  answer_body: string | null;
  sent_ms: number | string | null;
  body?: string;
  file_base?: string;
}

const toTransmission = (row: RawTransmission): TransmissionRow => ({
  document: row.document,
  version: Number(row.version),
  output: row.output,
  outputType: row.output_type,
  deliveryId: row.delivery_id,
  state: row.state,
  attempts: Number(row.attempts),
  nextAttemptMs: Number(row.next_attempt_ms),
  lastError: row.last_error,
  answerStatus: row.answer_status,
  answerBody: row.answer_body,
  sentMs: row.sent_ms === null ? null : Number(row.sent_ms),
});

const toClaimed = (row: RawTransmission): ClaimedTransmission => ({ ...toTransmission(row), body: row.body!, fileBase: row.file_base! });

const T_COLUMNS = 'document, version, output, output_type, delivery_id, state, attempts, next_attempt_ms, last_error, answer_status, answer_body, sent_ms';
const REMOVED = 'The output was removed before this was sent.';

/** The row's values for an outcome, in the order of the UPDATE below. */
function outcomeValues(outcome: TransmissionOutcome): [TransmissionState, string | null, number | null, string | null, number | null, number] {
  switch (outcome.state) {
    case 'sent':
      return ['sent', null, null, null, outcome.atMs, outcome.atMs];
    case 'retrying':
      return ['retrying', outcome.error, null, null, null, outcome.nextAttemptMs];
    case 'refused':
      return ['refused', outcome.error, outcome.answerStatus, outcome.answerBody, null, 0];
  }
}

class SqlitePublishingDb implements PublishingDb {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(path.join(dataDir, 'lede-server.sqlite'), { fileMustExist: true });
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('synchronous = FULL');
  }

  async addOutput(output: OutputRow): Promise<boolean> {
    const result = this.db
      .prepare('INSERT INTO publish_outputs (name, type, config, desks, embargoed_copy, created_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING')
      .run(output.name, output.type, JSON.stringify(output.config), JSON.stringify(output.desks), output.embargoedCopy ? 1 : 0, output.createdMs);
    return result.changes === 1;
  }

  async listOutputs(): Promise<OutputRow[]> {
    return (this.db.prepare('SELECT * FROM publish_outputs ORDER BY name').all() as RawOutput[]).map(toOutput);
  }

  async removeOutput(name: string, now: number): Promise<boolean> {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM publish_outputs WHERE name = ?').run(name).changes === 1;
      if (removed) {
        this.db
          .prepare("UPDATE transmissions SET state = 'refused', last_error = ?, answer_body = '', lease_owner = NULL, lease_until_ms = NULL, next_attempt_ms = ? WHERE output = ? AND state IN ('waiting', 'retrying')")
          .run(REMOVED, now, name);
      }
      return removed;
    }).immediate();
  }

  async recordPublication(publication: NewPublication, deliveryId: (version: number, output: string) => string): Promise<number | null> {
    return this.db.transaction(() => {
      const known = this.db.prepare('SELECT 1 FROM publications WHERE document = ? AND stored_version = ?').get(publication.document, publication.storedVersion);
      if (known) return null;
      const version = (this.db.prepare('SELECT coalesce(max(version), 0) + 1 FROM publications WHERE document = ?').pluck().get(publication.document) as number);
      this.db
        .prepare('INSERT INTO publications (document, version, stored_version, published_ms, account_name, kind, file_base, body, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(publication.document, version, publication.storedVersion, publication.publishedMs, publication.accountName, publication.kind, publication.fileBase, publication.body, publication.problem);
      const insert = this.db.prepare(
        "INSERT INTO transmissions (document, version, output, output_type, delivery_id, state, next_attempt_ms, created_ms) VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?)",
      );
      for (const output of publication.outputs) insert.run(publication.document, version, output.name, output.type, deliveryId(version, output.name), output.notBeforeMs, publication.publishedMs);
      return version;
    }).immediate();
  }

  async claimDue(owner: string, now: number, leaseUntilMs: number, limit: number): Promise<ClaimedTransmission[]> {
    // One process per SQLite file: the transaction is the lock.
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(
          `SELECT t.document, t.version, t.output FROM transmissions t
           WHERE t.state IN ('waiting', 'retrying') AND t.next_attempt_ms <= ? AND (t.lease_until_ms IS NULL OR t.lease_until_ms < ?)
           ORDER BY t.next_attempt_ms LIMIT ?`,
        )
        .all(now, now, limit) as Array<{ document: string; version: number; output: string }>;
      const take = this.db.prepare('UPDATE transmissions SET lease_owner = ?, lease_until_ms = ?, attempts = attempts + 1 WHERE document = ? AND version = ? AND output = ?');
      const read = this.db.prepare(
        `SELECT ${T_COLUMNS.split(', ').map((c) => `t.${c}`).join(', ')}, p.body, p.file_base FROM transmissions t JOIN publications p ON p.document = t.document AND p.version = t.version
         WHERE t.document = ? AND t.version = ? AND t.output = ?`,
      );
      return rows.map((row) => {
        take.run(owner, leaseUntilMs, row.document, row.version, row.output);
        return toClaimed(read.get(row.document, row.version, row.output) as RawTransmission);
      });
    }).immediate();
  }

  async finish(row: { document: string; version: number; output: string }, owner: string, outcome: TransmissionOutcome): Promise<boolean> {
    const [state, error, answerStatus, answerBody, sentMs, next] = outcomeValues(outcome);
    const result = this.db
      .prepare(
        `UPDATE transmissions SET state = ?, last_error = ?, answer_status = ?, answer_body = ?, sent_ms = ?, next_attempt_ms = ?, lease_owner = NULL, lease_until_ms = NULL
         WHERE document = ? AND version = ? AND output = ? AND lease_owner = ? AND state IN ('waiting', 'retrying')`,
      )
      .run(state, error, answerStatus, answerBody, sentMs, next, row.document, row.version, row.output, owner);
    return result.changes === 1;
  }

  async releaseAll(owner: string): Promise<void> {
    this.db.prepare('UPDATE transmissions SET lease_owner = NULL, lease_until_ms = NULL WHERE lease_owner = ?').run(owner);
  }

  async nextDueMs(): Promise<number | null> {
    const value = this.db.prepare("SELECT min(next_attempt_ms) FROM transmissions WHERE state IN ('waiting', 'retrying')").pluck().get() as number | null;
    return value ?? null;
  }

  async transmissionsOf(document: string): Promise<TransmissionRow[]> {
    return (this.db.prepare(`SELECT ${T_COLUMNS} FROM transmissions WHERE document = ? ORDER BY version DESC, output`).all(document) as RawTransmission[]).map(toTransmission);
  }

  async latestPublication(document: string): Promise<PublicationRow | null> {
    const row = this.db.prepare('SELECT version, kind, problem, published_ms FROM publications WHERE document = ? ORDER BY version DESC LIMIT 1').get(document) as
      | { version: number; kind: PublicationKind; problem: string | null; published_ms: number }
      | undefined;
    return row ? { version: row.version, kind: row.kind, problem: row.problem, publishedMs: row.published_ms } : null;
  }

  async receivedOutputs(document: string): Promise<Array<{ name: string; type: OutputType }>> {
    return this.db.prepare(RECEIVED_SQL('transmissions', 'publish_outputs', '?')).all(document) as Array<{ name: string; type: OutputType }>;
  }

  async failedDocuments(): Promise<string[]> {
    return this.db.prepare(FAILED_SQL('transmissions', 'publications')).pluck().all() as string[];
  }

  async embargoedDocuments(now: number): Promise<Array<{ document: string; untilMs: number }>> {
    const rows = this.db.prepare(HELD_SQL('transmissions', 'publications', '?')).all(now) as Array<{ document: string; until_ms: number }>;
    return rows.map((row) => ({ document: row.document, untilMs: Number(row.until_ms) }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** A waiting transmission of a story's latest version not due yet is one an embargo holds (retries are 'retrying'). */
const HELD_SQL = (transmissions: string, publications: string, param: string) => `
  SELECT t.document, max(t.next_attempt_ms) AS until_ms FROM ${transmissions} t
  WHERE t.state = 'waiting' AND t.next_attempt_ms > ${param}
    AND t.version = (SELECT max(version) FROM ${publications} q WHERE q.document = t.document)
  GROUP BY t.document ORDER BY t.document`;

const RECEIVED_SQL = (transmissions: string, outputs: string, param: string) => `
  SELECT DISTINCT o.name, o.type FROM ${transmissions} t JOIN ${outputs} o ON o.name = t.output
  WHERE t.document = ${param} AND t.state = 'sent' ORDER BY o.name`;

/** Stories whose latest version could not be made (schema) or has a transmission that did not get through. */
const FAILED_SQL = (transmissions: string, publications: string) => `
  SELECT p.document FROM ${publications} p
  WHERE p.version = (SELECT max(version) FROM ${publications} q WHERE q.document = p.document)
    AND (p.problem IS NOT NULL OR EXISTS (SELECT 1 FROM ${transmissions} t WHERE t.document = p.document AND t.version = p.version AND t.state IN ('refused', 'retrying')))
  ORDER BY p.document`;

class PostgresPublishingDb implements PublishingDb {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
    this.pool.on('error', () => undefined);
  }

  async addOutput(output: OutputRow): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO lede_publish_outputs (name, type, config, desks, embargoed_copy, created_ms) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING',
      [output.name, output.type, JSON.stringify(output.config), JSON.stringify(output.desks), output.embargoedCopy, output.createdMs],
    );
    return result.rowCount === 1;
  }

  async listOutputs(): Promise<OutputRow[]> {
    return ((await this.pool.query('SELECT * FROM lede_publish_outputs ORDER BY name')).rows as RawOutput[]).map(toOutput);
  }

  async removeOutput(name: string, now: number): Promise<boolean> {
    return this.inTransaction(async (client) => {
      const removed = (await client.query('DELETE FROM lede_publish_outputs WHERE name = $1', [name])).rowCount === 1;
      if (removed) {
        await client.query(
          "UPDATE lede_transmissions SET state = 'refused', last_error = $1, answer_body = '', lease_owner = NULL, lease_until_ms = NULL, next_attempt_ms = $2 WHERE output = $3 AND state IN ('waiting', 'retrying')",
          [REMOVED, now, name],
        );
      }
      return removed;
    });
  }

  async recordPublication(publication: NewPublication, deliveryId: (version: number, output: string) => string): Promise<number | null> {
    return this.inTransaction(async (client) => {
      // Serialises publications of one story across processes: the next version is read under it.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`lede-publication:${publication.document}`]);
      const known = await client.query('SELECT 1 FROM lede_publications WHERE document = $1 AND stored_version = $2', [publication.document, publication.storedVersion]);
      if (known.rowCount) return null;
      const next = await client.query('SELECT coalesce(max(version), 0) + 1 AS v FROM lede_publications WHERE document = $1', [publication.document]);
      const version = Number(next.rows[0].v);
      await client.query(
        'INSERT INTO lede_publications (document, version, stored_version, published_ms, account_name, kind, file_base, body, problem) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [publication.document, version, publication.storedVersion, publication.publishedMs, publication.accountName, publication.kind, publication.fileBase, publication.body, publication.problem],
      );
      for (const output of publication.outputs) {
        await client.query(
          "INSERT INTO lede_transmissions (document, version, output, output_type, delivery_id, state, next_attempt_ms, created_ms) VALUES ($1, $2, $3, $4, $5, 'waiting', $6, $7)",
          [publication.document, version, output.name, output.type, deliveryId(version, output.name), output.notBeforeMs, publication.publishedMs],
        );
      }
      return version;
    });
  }

  async claimDue(owner: string, now: number, leaseUntilMs: number, limit: number): Promise<ClaimedTransmission[]> {
    // SKIP LOCKED: two processes claiming at once take different rows, never the same one.
    const result = await this.pool.query(
      `WITH due AS (
         SELECT document, version, output FROM lede_transmissions
         WHERE state IN ('waiting', 'retrying') AND next_attempt_ms <= $1 AND (lease_until_ms IS NULL OR lease_until_ms < $1)
         ORDER BY next_attempt_ms LIMIT $2 FOR UPDATE SKIP LOCKED
       ), taken AS (
         UPDATE lede_transmissions t SET lease_owner = $3, lease_until_ms = $4, attempts = t.attempts + 1
         FROM due WHERE t.document = due.document AND t.version = due.version AND t.output = due.output
         RETURNING t.*
       )
       SELECT ${T_COLUMNS.split(', ').map((c) => `taken.${c}`).join(', ')}, p.body, p.file_base FROM taken JOIN lede_publications p ON p.document = taken.document AND p.version = taken.version`,
      [now, limit, owner, leaseUntilMs],
    );
    return (result.rows as RawTransmission[]).map(toClaimed);
  }

  async finish(row: { document: string; version: number; output: string }, owner: string, outcome: TransmissionOutcome): Promise<boolean> {
    const [state, error, answerStatus, answerBody, sentMs, next] = outcomeValues(outcome);
    const result = await this.pool.query(
      `UPDATE lede_transmissions SET state = $1, last_error = $2, answer_status = $3, answer_body = $4, sent_ms = $5, next_attempt_ms = $6, lease_owner = NULL, lease_until_ms = NULL
       WHERE document = $7 AND version = $8 AND output = $9 AND lease_owner = $10 AND state IN ('waiting', 'retrying')`,
      [state, error, answerStatus, answerBody, sentMs, next, row.document, row.version, row.output, owner],
    );
    return result.rowCount === 1;
  }

  async releaseAll(owner: string): Promise<void> {
    await this.pool.query('UPDATE lede_transmissions SET lease_owner = NULL, lease_until_ms = NULL WHERE lease_owner = $1', [owner]);
  }

  async nextDueMs(): Promise<number | null> {
    const result = await this.pool.query("SELECT min(next_attempt_ms) AS due FROM lede_transmissions WHERE state IN ('waiting', 'retrying')");
    return result.rows[0].due === null ? null : Number(result.rows[0].due);
  }

  async transmissionsOf(document: string): Promise<TransmissionRow[]> {
    const result = await this.pool.query(`SELECT ${T_COLUMNS} FROM lede_transmissions WHERE document = $1 ORDER BY version DESC, output`, [document]);
    return (result.rows as RawTransmission[]).map(toTransmission);
  }

  async latestPublication(document: string): Promise<PublicationRow | null> {
    const result = await this.pool.query('SELECT version, kind, problem, published_ms FROM lede_publications WHERE document = $1 ORDER BY version DESC LIMIT 1', [document]);
    const row = result.rows[0] as { version: number; kind: PublicationKind; problem: string | null; published_ms: string } | undefined;
    return row ? { version: Number(row.version), kind: row.kind, problem: row.problem, publishedMs: Number(row.published_ms) } : null;
  }

  async receivedOutputs(document: string): Promise<Array<{ name: string; type: OutputType }>> {
    return (await this.pool.query(RECEIVED_SQL('lede_transmissions', 'lede_publish_outputs', '$1'), [document])).rows as Array<{ name: string; type: OutputType }>;
  }

  async failedDocuments(): Promise<string[]> {
    const result = await this.pool.query(FAILED_SQL('lede_transmissions', 'lede_publications'));
    return result.rows.map((row: { document: string }) => row.document);
  }

  async embargoedDocuments(now: number): Promise<Array<{ document: string; untilMs: number }>> {
    const result = await this.pool.query(HELD_SQL('lede_transmissions', 'lede_publications', '$1'), [now]);
    return result.rows.map((row: { document: string; until_ms: string }) => ({ document: row.document, untilMs: Number(row.until_ms) }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
