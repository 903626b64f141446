import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { backupDatabase } from '../../../electron/core/store/backup';
import { connect, openTestCore } from '../../helpers/core';
import { closeAll, waitSynced } from '../../helpers/sync';
import { startSyncServerProcess, type SyncServerProcess } from '../../helpers/sync-server-process';
import { makeTempDir } from '../../helpers/temp-dir';
import { openLibraryFile, decryptLibraryFile, plaintextBytes } from '../../helpers/library-key';

/**
 * The sync token is a newsroom credential: it is kept in the secret store,
 * never in the library database, its WAL or its backups; an older Lede's
 * token is moved out and scrubbed from all three; signing out removes it.
 * Read as raw bytes, the way someone who copied the folder would.
 */
let cores: Core[] = [];
let servers: SyncServerProcess[] = [];
afterEach(async () => {
  await Promise.all(cores.map((core) => core.close().catch(() => undefined)));
  await closeAll([], servers);
  cores = [];
  servers = [];
});

function filesHolding(dir: string, secret: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.sqlite-(wal|shm)$/.test(entry.name)) continue; // folded into their database below
      // Library files are encrypted (ADR 0051): it is their decrypted pages that must not hold the secret.
      else if ((entry.name.endsWith('.sqlite') ? plaintextBytes(file) : fs.readFileSync(file)).includes(Buffer.from(secret))) found.push(path.relative(dir, file));
    }
  };
  walk(dir);
  return found.sort();
}

async function signedIn(dataDir: string, server: SyncServerProcess, token: string): Promise<Core> {
  const core = openTestCore({ dataDir });
  cores.push(core);
  const client = connect(core);
  await client.call('profile.set', { name: 'Richard Connor', role: 'editor' });
  await client.call('sync.signIn', { serverUrl: server.url, token });
  return core;
}

describe('where the sync token lives', () => {
  it('only in the secret store: not in the database, its WAL or a backup', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    const dataDir = makeTempDir();
    const core = await signedIn(dataDir, server, token);
    await connect(core).call('article.create', {});
    await waitSynced({ core, client: connect(core), name: 'A' });
    await backupDatabase(core.internals.db.name, core.internals.backups);
    expect(filesHolding(dataDir, token)).toEqual([path.join('secrets', 'sync-token')]);

    // Signing out removes it; nothing on disk holds it any more.
    await connect(core).call('sync.signOut', {});
    expect(filesHolding(dataDir, token)).toEqual([]);
  });

  it('a token an older Lede kept in the settings table is moved out and scrubbed from the WAL and the backups', async () => {
    const server = await startSyncServerProcess();
    servers.push(server);
    const token = await server.addUser('Richard Connor', 'editor');
    const dataDir = makeTempDir();
    const first = await signedIn(dataDir, server, token);
    expect((await connect(first).call('sync.status', {})).account).not.toBeNull();
    await first.close();
    cores = [];

    // As an older Lede left it: a plain library (ADR 0051 came later), the token inside the account's settings row, in the WAL and in yesterday's backup.
    decryptLibraryFile(path.join(dataDir, 'lede.sqlite'));
    fs.rmSync(path.join(dataDir, 'secrets'), { recursive: true });
    const legacy = new Database(path.join(dataDir, 'lede.sqlite'));
    const row = legacy.prepare("SELECT value FROM settings WHERE key = 'sync.account'").get() as { value: string };
    legacy.prepare("UPDATE settings SET value = ? WHERE key = 'sync.account'").run(JSON.stringify({ ...JSON.parse(row.value), token }));
    fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true });
    await legacy.backup(path.join(dataDir, 'backups', 'lede-2026-12-01.sqlite'));
    legacy.pragma('wal_checkpoint(PASSIVE)');
    legacy.close();
    expect(filesHolding(dataDir, token).length).toBeGreaterThanOrEqual(2);

    const again = openTestCore({ dataDir });
    cores.push(again);
    // Still signed in, with the same token, now from the secret store.
    await waitSynced({ core: again, client: connect(again), name: 'A' });
    expect(again.internals.sync.status().account).toMatchObject({ name: 'Richard Connor', serverUrl: server.url });
    // The plain library is kept (encrypted is the copy now in use) until a later start opens the encrypted one.
    expect(filesHolding(dataDir, token)).toEqual(['lede.sqlite.plain-before-encryption', path.join('secrets', 'sync-token')]);
    await again.close();
    cores = [];
    const third = openTestCore({ dataDir });
    cores.push(third);
    expect(filesHolding(dataDir, token)).toEqual([path.join('secrets', 'sync-token')]);
    // The backup is still a good backup, encrypted now.
    const backup = openLibraryFile(path.join(dataDir, 'backups', 'lede-2026-12-01.sqlite'), { readonly: true });
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(JSON.parse((backup.prepare("SELECT value FROM settings WHERE key = 'sync.account'").get() as { value: string }).value)).toMatchObject({ name: 'Richard Connor' });
    backup.close();
  });
});
