import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../../electron/core/core';
import { startCoreHost, describeStartupFailure, type CoreHost, type ParentPortLike } from '../../../../electron/core/host/core-host';
import type { HostToMain } from '../../../../electron/core/host/host-protocol';
import type { CorePortLike } from '../../../../electron/core/host/port-transport';
import { resolveMediaFile } from '../../../../electron/core/media/media-store';
import { dataPaths } from '../../../../electron/core/paths';
import { articleParts } from '../../../../shared/article-doc';
import { LedeError } from '../../../../shared/errors';
import { connect, openStory, openTestCore, REPORTER } from '../../../helpers/core';
import { fixturePath } from '../../../helpers/fixtures';
import { importAndWait } from '../../../helpers/media';
import { makeTempDir } from '../../../helpers/temp-dir';
import { waitFor } from '../../../helpers/wait';
import { channel } from '../../helpers/ports';
import { openLibraryFile } from '../../../helpers/library-key';

class FakeParentPort extends EventEmitter implements ParentPortLike {
  readonly sent: HostToMain[] = [];
  postMessage(message: HostToMain): void {
    this.sent.push(message);
  }
  fromMain(data: unknown, ports: CorePortLike[] = []) {
    this.emit('message', { data, ports });
  }
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function start(options: { dataDir?: string; openCore?: () => Core; fatalExitDelayMs?: number } = {}) {
  const parent = new FakeParentPort();
  const exits: number[] = [];
  const dataDir = options.dataDir ?? makeTempDir();
  const host: CoreHost = startCoreHost({
    parentPort: parent,
    openCore: options.openCore ?? (() => openTestCore({ dataDir, shell: 'electron' })),
    exit: (code) => exits.push(code),
    fatalExitDelayMs: options.fatalExitDelayMs ?? 5,
  });
  cleanups.push(() => host.shutdown());
  return { parent, host, exits, dataDir };
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('core host', () => {
  it('says ready, then serves a window over the port main hands over', async () => {
    const { parent } = start();
    expect(parent.sent).toEqual([{ type: 'ready', pid: process.pid }]);
    const { core, page } = channel();
    parent.fromMain({ type: 'connect', windowId: 1 }, [core]);
    page.send({ type: 'invoke', id: 1, channel: 'app.info', payload: {} });
    expect(await page.resultFor(1)).toEqual({ ok: true, value: { version: '0.0.0-test', shell: 'electron' } });
  });

  it('replaces a window’s session when it connects again (reload, core restart) and ends it on disconnect', async () => {
    const { parent, host } = start();
    const first = channel();
    const second = channel();
    parent.fromMain({ type: 'connect', windowId: 3 }, [first.core]);
    parent.fromMain({ type: 'connect', windowId: 3 }, [second.core]);
    await first.page.waitFor(() => first.page.closed, 'the old port to close');
    expect(host.sessionCount).toBe(1);
    second.page.send({ type: 'invoke', id: 1, channel: 'app.info', payload: {} });
    expect(await second.page.resultFor(1)).toMatchObject({ ok: true });
    parent.fromMain({ type: 'disconnect', windowId: 3 });
    await second.page.waitFor(() => second.page.closed, 'the port to close');
    expect(host.sessionCount).toBe(0);
  });

  it('forgets a session whose page went away', async () => {
    const { parent, host } = start();
    const { core, page } = channel();
    parent.fromMain({ type: 'connect', windowId: 1 }, [core]);
    expect(host.sessionCount).toBe(1);
    page.close();
    await tick();
    expect(host.sessionCount).toBe(0);
  });

  it('ignores what it does not understand from main, closing any port that came with it', async () => {
    const { parent, host, exits } = start();
    const stray = channel();
    for (const garbage of [null, 7, 'shutdown', [], { type: 'connect' }, { type: 'connect', windowId: -1 }, { type: 'connect', windowId: 'a' }, { type: 'reboot' }]) {
      parent.fromMain(garbage);
    }
    parent.fromMain({ type: 'launch-missiles' }, [stray.core]);
    parent.fromMain({ type: 'connect', windowId: 2 });
    await stray.page.waitFor(() => stray.page.closed, 'the stray port to close');
    expect(host.sessionCount).toBe(0);
    expect(exits).toEqual([]);
    expect(parent.sent).toEqual([{ type: 'ready', pid: process.pid }]);
  });

  it('gets a media file onto disk when main asks for it, and answers with the same request id', async () => {
    const { parent, host } = start();
    const client = connect(host.core!);
    await importAndWait(host.core!, client, [fixturePath('images', 'metapm.jpg')]);
    const sha256 = createHash('sha256').update(fs.readFileSync(fixturePath('images', 'metapm.jpg'))).digest('hex');
    parent.fromMain({ type: 'media-wanted', requestId: 7, sha256, variant: 'preview' });
    parent.fromMain({ type: 'media-wanted', requestId: 8, sha256: '0'.repeat(64), variant: 'preview' });
    await waitFor(() => parent.sent.length === 3, 5000, 'both answers');
    expect(parent.sent.slice(1).sort((a, b) => ('requestId' in a && 'requestId' in b ? a.requestId - b.requestId : 0))).toEqual([
      { type: 'media-ready', requestId: 7, available: true },
      { type: 'media-ready', requestId: 8, available: false },
    ]);
    expect(await resolveMediaFile(host.core!.dataDir, sha256, 'preview')).not.toBeNull();
  });

  it('on shutdown ends sessions, writes what was pending, closes the database and exits 0', async () => {
    const dataDir = makeTempDir();
    // Library rows are derived a minute later: only the shutdown drain can have written them.
    const { parent, exits, host } = start({ dataDir, openCore: () => openTestCore({ dataDir, shell: 'electron', deriveDelayMs: 60_000 }) });
    const writer = connect(host.core!);
    await writer.call('profile.set', REPORTER);
    const { id } = await writer.call('article.create', {});
    const story = await openStory(writer, id);
    await story.edit((doc) => articleParts(doc).headline.insert(0, 'Drained before quitting'));
    const { core, page } = channel();
    parent.fromMain({ type: 'connect', windowId: 1 }, [core]);
    const headlineOnDisk = () => {
      const db = openLibraryFile(dataPaths(dataDir).database, { readonly: true });
      try {
        return (db.prepare('SELECT headline FROM articles WHERE id = ?').get(id) as { headline: string }).headline;
      } finally {
        db.close();
      }
    };
    expect(headlineOnDisk()).toBe('');
    expect(fs.existsSync(dataPaths(dataDir).lockInfo)).toBe(true);

    parent.fromMain({ type: 'shutdown' });
    parent.fromMain({ type: 'shutdown' });
    await page.waitFor(() => page.closed, 'the window port to close');
    await host.shutdown();
    expect(parent.sent.filter((message) => message.type === 'closed')).toHaveLength(1);
    expect(exits).toEqual([0]);
    // Written by the drain, before any later start could rebuild it; the lock is released.
    expect(headlineOnDisk()).toBe('Drained before quitting');
    expect(fs.existsSync(dataPaths(dataDir).lockInfo)).toBe(false);

    // The folder is free again.
    const reopened = openTestCore({ dataDir });
    cleanups.push(() => reopened.close());
    const list = await connect(reopened).call('library.list', {});
    expect(list.items.map((item) => item.headline)).toEqual(['Drained before quitting']);
  });

  it('refuses connections after shutdown began', async () => {
    const { parent, host } = start();
    const done = host.shutdown();
    const late = channel();
    parent.fromMain({ type: 'connect', windowId: 1 }, [late.core]);
    await late.page.waitFor(() => late.page.closed, 'the late port to close');
    await done;
  });
});

describe('core host that cannot open the library', () => {
  function expectFatal(run: ReturnType<typeof start>, code: string) {
    expect(run.host.core).toBeNull();
    expect(run.parent.sent).toHaveLength(1);
    expect(run.parent.sent[0]).toMatchObject({ type: 'fatal', code });
    return (run.parent.sent[0] as Extract<HostToMain, { type: 'fatal' }>).message;
  }

  it('reports a folder in use by another Lede, and exits without being asked', async () => {
    const dataDir = makeTempDir();
    const holder = openTestCore({ dataDir });
    cleanups.push(() => holder.close());
    const run = start({ dataDir });
    expect(expectFatal(run, 'data_dir_locked')).toContain(`process ${process.pid}`);
    await tick();
    expect(run.exits).toEqual([1]);
  });

  it('reports a database from a newer Lede and leaves it untouched', () => {
    const dataDir = makeTempDir();
    const file = dataPaths(dataDir).database;
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(file);
    const run = start({ dataDir });
    expectFatal(run, 'db_newer_version');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a damaged database and leaves it untouched', () => {
    const dataDir = makeTempDir();
    const file = dataPaths(dataDir).database;
    fs.writeFileSync(file, 'this is not a SQLite database '.repeat(200));
    const before = fs.readFileSync(file);
    expectFatal(start({ dataDir }), 'db_corrupt');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('answers a shutdown at once, with nothing to close', async () => {
    const run = start({
      openCore: () => {
        throw new Error('disk on fire');
      },
      // Main's shutdown comes before the host would exit by itself, however slow this machine is.
      fatalExitDelayMs: 60_000,
    });
    expectFatal(run, 'internal');
    const stray = channel();
    run.parent.fromMain({ type: 'connect', windowId: 1 }, [stray.core]);
    await stray.page.waitFor(() => stray.page.closed, 'the port to close');
    run.parent.fromMain({ type: 'shutdown' });
    await run.host.shutdown();
    expect(run.parent.sent.at(-1)).toEqual({ type: 'closed' });
    expect(run.exits[0]).toBe(0);
  });
});

describe('startup failure messages', () => {
  it('keeps a LedeError’s code and message', () => {
    expect(describeStartupFailure(new LedeError('data_dir_locked', 'In use by Lede 1.0.'))).toEqual({ code: 'data_dir_locked', message: 'In use by Lede 1.0.' });
  });

  it('explains a native module built for Node instead of Electron', () => {
    const error = new Error(
      "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 139.",
    );
    const failure = describeStartupFailure(error);
    expect(failure.code).toBe('internal');
    expect(failure.message).toContain('built for Node.js, not for this Electron');
    expect(failure.message).toContain('npm run web');
  });

  it('words anything else as a library that could not be opened', () => {
    expect(describeStartupFailure('EACCES')).toEqual({ code: 'internal', message: 'Lede’s core could not open its library: EACCES' });
  });
});
