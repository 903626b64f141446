import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { createLogger } from '../../../electron/core/log';
import { backupDatabase } from '../../../electron/core/store/backup';
import { connect, openTestCore } from '../../helpers/core';
import { fixturePath } from '../../helpers/fixtures';
import { importAndWait } from '../../helpers/media';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * On a shared computer, other users must not read the library, the photos,
 * the logs or the sync account: every folder Lede makes in its data folder
 * is 700 and every file 600, whatever the process umask, and a folder left
 * open by an older Lede is closed at the next start.
 */
const hasModes = process.platform !== 'win32';

function modesUnder(root: string): Array<{ file: string; mode: number; dir: boolean }> {
  const found: Array<{ file: string; mode: number; dir: boolean }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      const stat = fs.statSync(file);
      found.push({ file: path.relative(root, file), mode: stat.mode & 0o777, dir: entry.isDirectory() });
      if (entry.isDirectory()) walk(file);
    }
  };
  found.push({ file: '.', mode: fs.statSync(root).mode & 0o777, dir: true });
  walk(root);
  return found;
}

let previousUmask = 0;
let cores: Core[] = [];
beforeEach(() => {
  // The loosest common umask: anything Lede leaves to it would be world-readable.
  previousUmask = process.umask(0o022);
});
afterEach(async () => {
  await Promise.all(cores.map((core) => core.close()));
  cores = [];
  process.umask(previousUmask);
});

describe.runIf(hasModes)('the data folder is private to its user', () => {
  it('makes every folder 700 and every file 600: library, journal, lock, logs, backups, photos', async () => {
    const dataDir = path.join(makeTempDir(), 'Lede');
    const core = openTestCore({ dataDir, logger: createLogger(path.join(dataDir, 'logs')) });
    cores.push(core);
    const client = connect(core);
    await client.call('profile.set', { name: 'Richard Connor', role: 'reporter' });
    await client.call('article.create', {});
    const progress = await importAndWait(core, client, [fixturePath('images', 'IPTC-PhotometadataRef-Std2021.1.jpg')]);
    expect(progress.imported).toBe(1);
    const [row] = (await client.call('media.list', {})).items;
    expect(await core.media.ensureFile(row!.sha256, 'preview')).toBe(true);
    core.log.warn('a line so the log exists');
    await backupDatabase(core.internals.db.name, core.internals.backups);

    const entries = modesUnder(dataDir);
    for (const expected of ['lede.sqlite', 'lede.sqlite-wal', 'lede.lock', 'lede.lock.json', 'logs/lede.log', 'media', 'backups']) {
      expect(entries.map((entry) => entry.file)).toContain(expected);
    }
    expect(entries.some((entry) => entry.file.startsWith('media/originals/'))).toBe(true);
    expect(entries.some((entry) => entry.file.startsWith('media/previews/') && !entry.dir)).toBe(true);
    const loose = entries.filter((entry) => entry.mode !== (entry.dir ? 0o700 : 0o600));
    expect(loose.map((entry) => `${entry.file} ${entry.mode.toString(8)}`)).toEqual([]);
  });

  it('closes a data folder that an older Lede left readable by others', async () => {
    const dataDir = path.join(makeTempDir(), 'Lede');
    const first = openTestCore({ dataDir });
    const before = connect(first);
    await before.call('profile.set', { name: 'Richard Connor', role: 'reporter' });
    await before.call('article.create', {});
    await first.close();
    // As an older Lede left it.
    fs.chmodSync(dataDir, 0o755);
    for (const name of fs.readdirSync(dataDir)) {
      const file = path.join(dataDir, name);
      if (fs.statSync(file).isFile()) fs.chmodSync(file, 0o644);
    }

    const again = openTestCore({ dataDir, logger: createLogger(path.join(dataDir, 'logs')) });
    cores.push(again);
    await connect(again).call('article.create', {});
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const name of ['lede.sqlite', 'lede.sqlite-wal', 'lede.sqlite-shm', 'lede.lock', 'lede.lock.json']) {
      expect((fs.statSync(path.join(dataDir, name)).mode & 0o777).toString(8), name).toBe('600');
    }
  });
});
