import { articleDocName, projectArticle } from '../shared/documents/article-kind';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { ArticleIndex } from '../electron/core/articles/article-index';
import { DocStore } from '../electron/core/docs/doc-store';
import { dataPaths } from '../electron/core/paths';
import { resolveLibraryKey } from '../electron/core/secrets/library-key';
import { openPlain } from '../electron/core/store/cipher';
import { migrate } from '../electron/core/store/migrate';
import { MIGRATIONS } from '../electron/core/store/migrations';
import { openDatabase, type Database } from '../electron/core/store/open-database';
import { buildStoryDoc, random } from './corpus';

const GENERATOR_VERSION = 2;

/** A data folder's library opened as core opens it: encrypted, with the web shell's key file. */
export function openLibrary(dataDir: string): Database {
  return openDatabase(dataPaths(dataDir).database, MIGRATIONS, resolveLibraryKey(dataDir, null));
}

/**
 * The same store unencrypted (a library as Lede wrote it before ADR 0051):
 * the same schema and pragmas, for the same-run references of the
 * encryption rows.
 */
export function openPlainLibrary(dataDir: string): Database {
  const db = openPlain(dataPaths(dataDir).database);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  migrate(db, MIGRATIONS);
  return db;
}

/**
 * A data folder holding `count` generated stories, encrypted as core keeps
 * them. It is made by the real migration (openDatabase encrypting a plain
 * library) from `generatedPlainLibrary`, whose time is kept in `.complete`.
 * Cached between runs in `cacheDir`; a copy is made for each benchmark that
 * writes to it.
 */
export interface GeneratedLibrary {
  /** The encrypted data folder (with its key file). */
  dir: string;
  /** The same stories, plain: the reference. */
  plainDir: string;
  /** How long the migration took to encrypt the plain library. */
  encryptionMs: number;
}

export function generatedLibrary(cacheDir: string, count: number, wordsPerStory: number): GeneratedLibrary {
  const plainDir = generatedPlainLibrary(cacheDir, count, wordsPerStory);
  const dir = `${plainDir}-encrypted`;
  const done = path.join(dir, '.complete');
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(dataPaths(plainDir).database, dataPaths(dir).database);
    const started = performance.now();
    openLibrary(dir).close();
    const encryptionMs = performance.now() - started;
    // The next open (a later start) removes the plain original the migration kept.
    openLibrary(dir).close();
    fs.writeFileSync(done, `${encryptionMs.toFixed(0)} ms`);
  }
  return { dir, plainDir, encryptionMs: Number.parseFloat(fs.readFileSync(done, 'utf8')) };
}

/** The generated stories in a plain library, written straight through the store (the same tables and derivation core uses), in large transactions. */
function generatedPlainLibrary(cacheDir: string, count: number, wordsPerStory: number): string {
  const dir = path.join(cacheDir, `library-v${GENERATOR_VERSION}-${count}x${wordsPerStory}`);
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const db = openPlainLibrary(dir);
  db.pragma('synchronous = OFF'); // generation only; the real store always runs FULL
  const docs = new DocStore(db);
  const index = new ArticleIndex(db);
  const rand = random(42);
  const now = Date.now();
  const batch = 2000;
  for (let start = 0; start < count; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(count, start + batch); i++) {
        const createdMs = now - (count - i) * 60_000;
        const doc = buildStoryDoc(rand, wordsPerStory, createdMs);
        const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
        const seq = docs.create(articleDocName(id), 'article', Y.encodeStateAsUpdate(doc), createdMs);
        index.write(id, articleDocName(id), projectArticle(doc), createdMs, seq);
        doc.destroy();
      }
    })();
    if (start % 20_000 === 0) process.stderr.write(`  generating stories: ${start}/${count}\n`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec("INSERT INTO article_search(article_search) VALUES('optimize')");
  db.close();
  fs.writeFileSync(done, `${Date.now() - started} ms`);
  return dir;
}

/** A copy of a generated library, signed in as a reporter so the app opens on the library. */
export function copyLibrary(source: string, target: string): string {
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const name of fs.readdirSync(source)) {
    if (name.startsWith('lede.sqlite')) fs.copyFileSync(path.join(source, name), path.join(target, name));
  }
  fs.cpSync(path.join(source, 'secrets'), path.join(target, 'secrets'), { recursive: true });
  const db = openLibrary(target);
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('profile', ?)").run(JSON.stringify({ name: 'Bench Reporter', role: 'reporter' }));
  db.close();
  return target;
}
