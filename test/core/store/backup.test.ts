import { articleDocName } from '../../../shared/documents/article-kind';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { articleParts, readArticleFields } from '../../../shared/article-doc';
import type { Core } from '../../../electron/core/core';
import { DocStore } from '../../../electron/core/docs/doc-store';
import { dataPaths } from '../../../electron/core/paths';
import { backupDatabase, hasBackupFor, rewriteBackups, type BackupPlace } from '../../../electron/core/store/backup';
import { openKeyed } from '../../../electron/core/store/cipher';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openDatabase, type Database } from '../../../electron/core/store/open-database';
import { connect, openStory, openTestCore, REPORTER } from '../../helpers/core';
import { makeTempDir } from '../../helpers/temp-dir';
import { TEST_KEY, keyOf, openLibraryFile } from '../../helpers/library-key';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

/** A library with two written stories; returns their ids and headlines. */
async function libraryWithStories(): Promise<{ dataDir: string; stories: Array<{ id: string; headline: string }> }> {
  core = openTestCore();
  const client = connect(core);
  await client.call('profile.set', REPORTER);
  const stories: Array<{ id: string; headline: string }> = [];
  for (const headline of ["Syria's new leader visits Moscow", 'Floods close the Rhine to shipping']) {
    const { id } = await client.call('article.create', { section: 'World' });
    const story = await openStory(client, id);
    await story.edit((doc) => articleParts(doc).headline.insert(0, headline));
    stories.push({ id, headline });
  }
  core.internals.articles.flush();
  const { dataDir } = core;
  await core.close();
  core = undefined;
  return { dataDir, stories };
}

/** Backups of the library `db` has open, with its key. */
function backupsIn(dir: string, db: Database): BackupPlace {
  return { dir, key: keyOf(db.name) };
}

function day(n: number): Date {
  return new Date(Date.UTC(2026, 0, n, 12));
}

describe('backups (VACUUM INTO in a worker thread, encrypted with the library key)', () => {
  it('writes a consistent copy in which every story can be found and loaded', async () => {
    const { dataDir, stories } = await libraryWithStories();
    const db = openDatabase(dataPaths(dataDir).database, MIGRATIONS, keyOf(dataPaths(dataDir).database));
    const backupsDir = path.join(dataDir, 'backups');
    let file: string;
    try {
      file = await backupDatabase(db.name, backupsIn(backupsDir, db), day(5));
    } finally {
      db.close();
    }
    expect(path.basename(file)).toBe('lede-2026-01-05.sqlite');
    expect(fs.readdirSync(backupsDir)).toEqual(['lede-2026-01-05.sqlite']);

    const copy = openLibraryFile(file);
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = copy.prepare('SELECT id, headline FROM articles ORDER BY headline').all();
      expect(rows).toEqual([...stories].sort((a, b) => a.headline.localeCompare(b.headline)));
      const docs = new DocStore(copy);
      for (const story of stories) {
        const doc = docs.load(articleDocName(story.id));
        expect(doc && readArticleFields(doc).headline).toBe(story.headline);
      }
      const found = copy.prepare("SELECT count(*) FROM article_search WHERE article_search MATCH 'Rhine'").pluck().get();
      expect(found).toBe(1);
    } finally {
      copy.close();
    }
  });

  it('copies what was committed when it ran, and nothing another connection commits afterwards', async () => {
    const { dataDir, stories } = await libraryWithStories();
    const file = dataPaths(dataDir).database;
    const source = openDatabase(file, MIGRATIONS, keyOf(file));
    const writer = openDatabase(file, MIGRATIONS, keyOf(file));
    const docName = articleDocName(stories[0]!.id);
    const docs = new DocStore(writer);
    const doc = docs.load(docName)!;
    doc.on('update', (update: Uint8Array) => docs.append(docName, update));
    try {
      articleParts(doc).teaser.insert(0, 'before ');
      const backup = await backupDatabase(file, backupsIn(path.join(dataDir, 'backups'), source), day(6));
      articleParts(doc).teaser.insert(0, 'after ');
      const copy = openLibraryFile(backup);
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const loaded = new DocStore(copy).load(docName)!;
        expect(readArticleFields(loaded)).toMatchObject({ teaser: 'before ', headline: stories[0]!.headline });
      } finally {
        copy.close();
      }
    } finally {
      doc.destroy();
      writer.close();
      source.close();
    }
  });

  it('is written while this thread goes on committing: the copy holds a prefix of the edits, each one whole', async () => {
    const { dataDir, stories } = await libraryWithStories();
    const file = dataPaths(dataDir).database;
    const writer = openDatabase(file, MIGRATIONS, keyOf(file));
    const docName = articleDocName(stories[0]!.id);
    const docs = new DocStore(writer);
    const doc = docs.load(docName)!;
    doc.on('update', (update: Uint8Array) => docs.append(docName, update));
    // Enough pages that the copy takes a while, with commits meanwhile.
    writer.prepare("INSERT INTO settings (key, value) VALUES ('filler', ?)").run('x'.repeat(4_000_000));
    try {
      const backup = backupDatabase(file, backupsIn(path.join(dataDir, 'backups'), writer), day(6));
      let committedMeanwhile = 0;
      let done = false;
      void backup.finally(() => (done = true));
      for (let i = 0; i < 50; i++) {
        articleParts(doc).teaser.insert(0, `w${i} `);
        if (!done) committedMeanwhile++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(committedMeanwhile).toBeGreaterThan(0);
      const copy = openLibraryFile(await backup);
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const loaded = new DocStore(copy).load(docName)!;
        expect(readArticleFields(loaded).teaser).toMatch(/^(w\d+ )*$/);
        expect(readArticleFields(loaded).headline).toBe(stories[0]!.headline);
      } finally {
        copy.close();
      }
    } finally {
      doc.destroy();
      writer.close();
    }
  });

  it('is encrypted with the library key: no story text, no SQLite header, and another key does not open it', async () => {
    const { dataDir, stories } = await libraryWithStories();
    const file = dataPaths(dataDir).database;
    const db = openDatabase(file, MIGRATIONS, keyOf(file));
    let backup: string;
    try {
      backup = await backupDatabase(file, backupsIn(dataPaths(dataDir).backups, db), day(7));
    } finally {
      db.close();
    }
    const bytes = fs.readFileSync(backup);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    for (const word of ['Rhine', 'Moscow', stories[0]!.id]) expect(bytes.includes(Buffer.from(word))).toBe(false);
    expect(() => openKeyed(backup, TEST_KEY.bytes)).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
    expect((fs.statSync(backup).mode & 0o777).toString(8)).toBe('600');
  });

  it('a backup restores: put in place of lede.sqlite, core opens it with the same key and every story is there and found', async () => {
    const { dataDir, stories } = await libraryWithStories();
    const file = dataPaths(dataDir).database;
    const db = openDatabase(file, MIGRATIONS, keyOf(file));
    let backup: string;
    try {
      backup = await backupDatabase(file, backupsIn(dataPaths(dataDir).backups, db), day(9));
    } finally {
      db.close();
    }
    for (const part of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(part, { force: true });
    fs.copyFileSync(backup, file);
    core = openTestCore({ dataDir });
    const client = connect(core);
    const listed = (await client.call('library.list', {})).items.map((item) => item.headline).sort();
    expect(listed).toEqual(stories.map((story) => story.headline).sort());
    expect((await client.call('library.list', { query: 'Rhine' })).items.map((item) => item.id)).toEqual([stories[1]!.id]);
  });

  it('rewriteBackups opens each backup with the key, applies the change and rebuilds it', async () => {
    const { dataDir } = await libraryWithStories();
    const file = dataPaths(dataDir).database;
    const key = keyOf(file);
    const db = openDatabase(file, MIGRATIONS, key);
    try {
      db.prepare("INSERT INTO settings (key, value) VALUES ('scrub-me', 'Floods')").run();
      await backupDatabase(file, backupsIn(dataPaths(dataDir).backups, db), day(3));
      await backupDatabase(file, backupsIn(dataPaths(dataDir).backups, db), day(4));
    } finally {
      db.close();
    }
    expect(rewriteBackups({ dir: dataPaths(dataDir).backups, key }, (backup) => backup.prepare("DELETE FROM settings WHERE key = 'scrub-me'").run())).toBe(2);
    for (const name of ['lede-2026-01-03.sqlite', 'lede-2026-01-04.sqlite']) {
      const copy = openLibraryFile(path.join(dataPaths(dataDir).backups, name), { readonly: true });
      expect(copy.prepare("SELECT count(*) FROM settings WHERE key = 'scrub-me'").pluck().get()).toBe(0);
      expect(copy.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(2);
      copy.close();
    }
    // Another key is refused, not used to write a backup no one could read.
    expect(() => rewriteBackups({ dir: dataPaths(dataDir).backups, key: TEST_KEY }, () => {})).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
  });

  it('keeps only the newest N daily files and leaves other files alone', async () => {
    const db = openDatabase(path.join(makeTempDir(), 'lede.sqlite'), MIGRATIONS, TEST_KEY);
    const backupsDir = path.join(makeTempDir(), 'backups');
    fs.mkdirSync(backupsDir);
    fs.writeFileSync(path.join(backupsDir, 'notes.txt'), 'kept by a person');
    try {
      for (const n of [3, 1, 7, 2, 9, 4]) await backupDatabase(db.name, backupsIn(backupsDir, db), day(n), 3);
    } finally {
      db.close();
    }
    expect(fs.readdirSync(backupsDir).sort()).toEqual(['lede-2026-01-04.sqlite', 'lede-2026-01-07.sqlite', 'lede-2026-01-09.sqlite', 'notes.txt']);
  });

  it('replaces the same day\'s backup rather than adding one, and leaves no partial file', async () => {
    const db = openDatabase(path.join(makeTempDir(), 'lede.sqlite'), MIGRATIONS, TEST_KEY);
    const backupsDir = path.join(makeTempDir(), 'backups');
    try {
      expect(hasBackupFor(backupsDir, day(8))).toBe(false);
      await backupDatabase(db.name, backupsIn(backupsDir, db), day(8));
      db.prepare("INSERT INTO settings (key, value) VALUES ('later', '1')").run();
      const file = await backupDatabase(db.name, backupsIn(backupsDir, db), day(8));
      expect(hasBackupFor(backupsDir, day(8))).toBe(true);
      expect(fs.readdirSync(backupsDir)).toEqual(['lede-2026-01-08.sqlite']);
      const copy = openLibraryFile(file, { readonly: true });
      expect(copy.prepare("SELECT value FROM settings WHERE key = 'later'").pluck().get()).toBe('1');
      copy.close();
    } finally {
      db.close();
    }
  });

  it('core makes the day\'s backup by itself after its delay', async () => {
    core = openTestCore({ backupDelayMs: 0 });
    const client = connect(core);
    await client.call('profile.set', REPORTER);
    const backupsDir = dataPaths(core.dataDir).backups;
    const deadline = Date.now() + 10_000;
    while (!hasBackupFor(backupsDir) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hasBackupFor(backupsDir)).toBe(true);
    const [name] = fs.readdirSync(backupsDir).filter((f) => f.endsWith('.sqlite'));
    const copy = openLibraryFile(path.join(backupsDir, name!), { readonly: true });
    expect(copy.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'articles'").pluck().get()).toBe(1);
    copy.close();
  });
});
