import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { articleParts } from '../../../shared/article-doc';
import type { Core, CoreOptions } from '../../../electron/core/core';
import { dataPaths } from '../../../electron/core/paths';
import { LIBRARY_KEY_FILE, libraryKeyFromDataKey } from '../../../electron/core/secrets/library-key';
import { backupDatabase } from '../../../electron/core/store/backup';
import { openKeyed } from '../../../electron/core/store/cipher';
import { libraryFileKind } from '../../../electron/core/store/library-file';
import { ENCRYPTING_SUFFIX, KEPT_PLAIN_SUFFIX, type EncryptionStep } from '../../../electron/core/store/encrypt-library';
import { bundleScript, startScript } from '../../helpers/bundle-script';
import { connect, openStory, openTestCore, REPORTER } from '../../helpers/core';
import { sha256File } from '../../helpers/db-snapshot';
import { decryptLibraryFile, keyOf, openLibraryFile } from '../../helpers/library-key';
import { refusal } from '../../helpers/refusal';

const HEADLINES = ['Minister met the source at the harbour', 'Floods close the Rhine to shipping', 'Council hides the audit'];
const NOTE = 'Source Marguerite asked not to be named';

let cores: Core[] = [];
afterEach(async () => {
  for (const core of cores) await core.close();
  cores = [];
});

function start(options: Partial<CoreOptions> = {}): Core {
  const core = openTestCore(options);
  cores.push(core);
  return core;
}

async function stop(core: Core): Promise<void> {
  await core.close();
  cores = cores.filter((c) => c !== core);
}

/** A library with three written stories (one with a note on a source in its body), closed cleanly. */
async function libraryWithStories(options: Partial<CoreOptions> = {}): Promise<{ dataDir: string; file: string; ids: string[] }> {
  const core = start(options);
  const client = connect(core);
  await client.call('profile.set', REPORTER);
  const ids: string[] = [];
  for (const headline of HEADLINES) {
    const { id } = await client.call('article.create', { section: 'World' });
    const story = await openStory(client, id);
    await story.edit((doc) => {
      articleParts(doc).headline.insert(0, headline);
      articleParts(doc).teaser.insert(0, NOTE);
    });
    ids.push(id);
  }
  core.internals.articles.flush();
  const { dataDir } = core;
  await stop(core);
  return { dataDir, file: dataPaths(dataDir).database, ids };
}

/** The same library as a Lede from before ADR 0051 left it: plain, no key file, with a plain backup. */
async function plainLibrary(): Promise<{ dataDir: string; file: string; ids: string[] }> {
  const library = await libraryWithStories();
  decryptLibraryFile(library.file);
  fs.rmSync(path.join(library.dataDir, LIBRARY_KEY_FILE));
  const old = new Database(library.file);
  fs.mkdirSync(dataPaths(library.dataDir).backups, { recursive: true });
  await old.backup(path.join(dataPaths(library.dataDir).backups, 'lede-2026-11-30.sqlite'));
  old.close();
  fs.writeFileSync(path.join(dataPaths(library.dataDir).backups, 'lede-2026-12-01.sqlite.partial'), 'SQLite format 3\0 cut short');
  return library;
}

/** Every file in the data folder whose bytes hold `text`, relative to it (the lock file is a content-free SQLite file of its own). */
function filesHolding(dataDir: string, text: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name !== 'lede.lock' && fs.readFileSync(file).includes(Buffer.from(text))) found.push(path.relative(dataDir, file));
    }
  };
  walk(dataDir);
  return found.sort();
}


/** The folder's listing with each file's hash: proof that a refusal changed nothing. */
function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!entry.name.startsWith('lede.lock') && !file.includes(`${path.sep}logs${path.sep}`)) state[path.relative(dir, file)] = sha256File(file);
    }
  };
  walk(dir);
  return state;
}

async function expectCompleteLibrary(dataDir: string, ids: string[]): Promise<void> {
  const core = start({ dataDir });
  const client = connect(core);
  const items = (await client.call('library.list', {})).items;
  expect(items.map((item) => item.headline).sort()).toEqual([...HEADLINES].sort());
  expect((await client.call('library.list', { query: 'Rhine' })).items.map((item) => item.id)).toEqual([ids[1]]);
  expect((await client.call('library.list', { query: 'Marguerite' })).items).toHaveLength(3);
  await stop(core);
  expect(libraryFileKind(dataPaths(dataDir).database)).toBe('encrypted');
}

describe('the library database is encrypted on disk', () => {
  it('holds no story text and no SQLite header, in the file, its WAL or anywhere in the folder', async () => {
    const core = start();
    const client = connect(core);
    await client.call('profile.set', REPORTER);
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    await story.edit((doc) => articleParts(doc).teaser.insert(0, NOTE));
    core.internals.articles.flush();
    const file = dataPaths(core.dataDir).database;
    // While open, with the update still in the WAL:
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    expect(filesHolding(core.dataDir, 'Marguerite')).toEqual([]);
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    const { dataDir } = core;
    await stop(core);
    expect(filesHolding(dataDir, 'Marguerite')).toEqual([]);
    expect(filesHolding(dataDir, 'SQLite format 3')).toEqual([]);
    expect(libraryFileKind(file)).toBe('encrypted');
    // The web shell's key is a 600 file in the 700 secrets folder; it opens the library.
    const keyFile = path.join(dataDir, LIBRARY_KEY_FILE);
    if (process.platform !== 'win32') {
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    }
    const db = openLibraryFile(file, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM article_search WHERE article_search MATCH 'Marguerite'").pluck().get()).toBe(1);
    db.close();
  });

  it('with a data key from the OS keychain (Electron), the key is derived from it and no key file is written', async () => {
    const dataKey = randomBytes(32);
    const { dataDir, file, ids } = await libraryWithStories({ dataKey });
    expect(fs.existsSync(path.join(dataDir, LIBRARY_KEY_FILE))).toBe(false);
    expect(() => openKeyed(file, dataKey)).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
    const db = openKeyed(file, libraryKeyFromDataKey(dataKey, dataDir).bytes, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(3);
    db.close();
    const again = start({ dataDir, dataKey });
    expect((await connect(again).call('library.list', {})).items.map((item) => item.id).sort()).toEqual([...ids].sort());
  });
});

describe('which key opens the library', () => {
  it('a key file wins over the keychain: a library made in the web shell still opens in the desktop app', async () => {
    const { dataDir, ids } = await libraryWithStories();
    const again = start({ dataDir, dataKey: randomBytes(32) });
    expect((await connect(again).call('library.list', {})).items.map((item) => item.id).sort()).toEqual([...ids].sort());
  });
});

describe('a key that is missing or wrong', () => {
  it('web shell: a missing key file is refused with db_key_missing naming the file, and nothing changes', async () => {
    const { dataDir } = await libraryWithStories();
    const keyFile = path.join(dataDir, LIBRARY_KEY_FILE);
    fs.renameSync(keyFile, path.join(dataDir, 'database.key.moved'));
    const before = folderState(dataDir);
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = refusal(() => start({ dataDir }));
      expect(error.code).toBe('db_key_missing');
      expect(error.message).toContain(keyFile);
      expect(error.message).toMatch(/has not changed/);
    }
    // No new key was made in its place (that would lock the library for good once written to).
    expect(folderState(dataDir)).toEqual(before);
  });

  it('another key file is refused with db_key_wrong naming where the key came from, the file byte for byte as it was', async () => {
    const { dataDir, file } = await libraryWithStories();
    const keyFile = path.join(dataDir, LIBRARY_KEY_FILE);
    fs.writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`);
    const before = fs.readFileSync(file);
    const folderBefore = folderState(dataDir);
    const error = refusal(() => start({ dataDir }));
    expect(error.code).toBe('db_key_wrong');
    expect(error.message).toContain(file);
    expect(error.message).toContain(keyFile);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(folderState(dataDir)).toEqual(folderBefore);
  });

  it('a damaged key file is refused with db_key_wrong naming it', async () => {
    const { dataDir } = await libraryWithStories();
    const keyFile = path.join(dataDir, LIBRARY_KEY_FILE);
    fs.writeFileSync(keyFile, 'not a key\n');
    const error = refusal(() => start({ dataDir }));
    expect(error.code).toBe('db_key_wrong');
    expect(error.message).toContain(keyFile);
  });

  it('Electron: a library keyed from the keychain does not open without that data key, or with another', async () => {
    const dataKey = randomBytes(32);
    const { dataDir, file } = await libraryWithStories({ dataKey });
    const before = folderState(dataDir);
    expect(refusal(() => start({ dataDir })).code).toBe('db_key_missing');
    const wrong = refusal(() => start({ dataDir, dataKey: randomBytes(32) }));
    expect(wrong.code).toBe('db_key_wrong');
    expect(wrong.message).toContain(file);
    expect(wrong.message).toMatch(/keychain/);
    expect(folderState(dataDir)).toEqual(before);
  });
});

describe('a plain library from before encryption', () => {
  it('is encrypted at the first start: every story is there and found, the backups are encrypted, the plain original goes at the next start', async () => {
    const { dataDir, file, ids } = await plainLibrary();
    expect(filesHolding(dataDir, 'Marguerite')).toEqual(expect.arrayContaining(['lede.sqlite', path.join('backups', 'lede-2026-11-30.sqlite')]));

    const first = start({ dataDir });
    const client = connect(first);
    expect((await client.call('library.list', {})).items.map((item) => item.headline).sort()).toEqual([...HEADLINES].sort());
    expect((await client.call('library.list', { query: 'harbour' })).items.map((item) => item.id)).toEqual([ids[0]]);
    await stop(first);
    // Kept until a later start opens the encrypted library, and only that.
    expect(filesHolding(dataDir, 'Marguerite')).toEqual([`lede.sqlite${KEPT_PLAIN_SUFFIX}`]);
    expect(fs.readdirSync(dataPaths(dataDir).backups)).toEqual(['lede-2026-11-30.sqlite']);
    expect(libraryFileKind(path.join(dataPaths(dataDir).backups, 'lede-2026-11-30.sqlite'))).toBe('encrypted');

    await expectCompleteLibrary(dataDir, ids);
    expect(fs.existsSync(`${file}${KEPT_PLAIN_SUFFIX}`)).toBe(false);
    expect(filesHolding(dataDir, 'Marguerite')).toEqual([]);
    // The encrypted backup opens with the library's key and holds the stories.
    const backup = openLibraryFile(path.join(dataPaths(dataDir).backups, 'lede-2026-11-30.sqlite'), { readonly: true });
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(backup.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(3);
    backup.close();
  });

  it('a backup whose encryption a kill cut short is encrypted at the next start, the unfinished copy dropped', async () => {
    const { dataDir, ids } = await plainLibrary();
    await expectCompleteLibrary(dataDir, ids);
    const backups = dataPaths(dataDir).backups;
    // As if killed while encrypting a plain backup: the plain one still there, beside half a copy.
    const old = new Database(path.join(dataDir, `lede.sqlite${KEPT_PLAIN_SUFFIX}`), { readonly: true });
    await old.backup(path.join(backups, 'lede-2026-11-29.sqlite'));
    old.close();
    fs.writeFileSync(path.join(backups, `lede-2026-11-29.sqlite${ENCRYPTING_SUFFIX}`), 'half a copy');
    expect(libraryFileKind(path.join(backups, 'lede-2026-11-29.sqlite'))).toBe('plain');
    await expectCompleteLibrary(dataDir, ids);
    expect(fs.readdirSync(backups).sort()).toEqual(['lede-2026-11-29.sqlite', 'lede-2026-11-30.sqlite']);
    for (const name of fs.readdirSync(backups)) expect(libraryFileKind(path.join(backups, name))).toBe('encrypted');
    expect(filesHolding(dataDir, 'Marguerite')).toEqual([]);
  });

  it('a damaged plain backup does not stop the start: it is left as it was, and the good ones are encrypted', async () => {
    const { dataDir, ids } = await plainLibrary();
    const backups = dataPaths(dataDir).backups;
    const damaged = path.join(backups, 'lede-2026-11-28.sqlite');
    const good = fs.readFileSync(path.join(backups, 'lede-2026-11-30.sqlite'));
    // A plain header and schema, with the page that holds the stories' documents overwritten.
    fs.writeFileSync(damaged, Buffer.concat([good.subarray(0, 8192), Buffer.alloc(good.length - 8192, 0x41)]));
    const before = sha256File(damaged);
    await expectCompleteLibrary(dataDir, ids);
    expect(sha256File(damaged)).toBe(before);
    expect(libraryFileKind(path.join(backups, 'lede-2026-11-30.sqlite'))).toBe('encrypted');
    expect(fs.readdirSync(backups).sort()).toEqual(['lede-2026-11-28.sqlite', 'lede-2026-11-30.sqlite']);
  });

  it('a backup made after encryption is encrypted too', async () => {
    const { dataDir } = await plainLibrary();
    const core = start({ dataDir });
    const made = await backupDatabase(core.internals.db.name, core.internals.backups, new Date('2026-12-02T12:00:00Z'));
    expect(libraryFileKind(made)).toBe('encrypted');
    expect(fs.readFileSync(made).includes(Buffer.from('Marguerite'))).toBe(false);
    const copy = openKeyed(made, keyOf(dataPaths(dataDir).database).bytes, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(3);
    copy.close();
  });

  const steps: EncryptionStep[] = ['checkpointed', 'copied', 'encrypted', 'verified', 'original-kept', 'swapped'];

  it.each(steps)('killed right after "%s", the next start opens a complete, encrypted library and loses nothing', async (step) => {
    const { dataDir, file, ids } = await plainLibrary();
    const script = await bundleScript('test/core/store/encrypting-library.child.ts');
    const child = startScript(script, [dataDir, step]);
    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(child.lines()).toEqual([`killed after ${step}`]);

    await expectCompleteLibrary(dataDir, ids);
    expect(fs.existsSync(`${file}${ENCRYPTING_SUFFIX}`)).toBe(false);
    // One more start: nothing plain is left.
    await expectCompleteLibrary(dataDir, ids);
    expect(fs.existsSync(`${file}${KEPT_PLAIN_SUFFIX}`)).toBe(false);
    expect(filesHolding(dataDir, 'Marguerite')).toEqual([]);
  });

  it('an encrypted copy cut short by a kill while it was written is dropped and made again', async () => {
    const { dataDir, file, ids } = await plainLibrary();
    const plain = fs.readFileSync(file);
    fs.writeFileSync(`${file}${ENCRYPTING_SUFFIX}`, plain.subarray(0, plain.length / 2));
    fs.writeFileSync(`${file}${ENCRYPTING_SUFFIX}-journal`, 'half a journal');
    await expectCompleteLibrary(dataDir, ids);
    expect(fs.readdirSync(dataDir).filter((name) => name.includes(ENCRYPTING_SUFFIX))).toEqual([]);
  });
});
