import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { moveFileDurably, writeFileDurably } from '../../../electron/core/files/durable-files';
import { MediaLibrary } from '../../../electron/core/media/media-library';
import { connect, openTestCore } from '../../helpers/core';
import { fixturePath } from '../../helpers/fixtures';
import { importAndWait } from '../../helpers/media';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * A media row may commit only once its files would survive a power cut:
 * the file's bytes fsynced before the rename, and the folder (with any
 * folder just made) fsynced after it. Recorded through the fs calls, in
 * the order they happen.
 */
type Step = string;

function recordFs(root: string): Step[] {
  const steps: Step[] = [];
  const name = (file: string) => path.relative(root, file).replace(/\.[0-9a-f]{12}\.part$/, '.part') || '.';
  const realOpen = fs.promises.open.bind(fs.promises);
  vi.spyOn(fs.promises, 'open').mockImplementation(async (file, flags, mode) => {
    const handle = await realOpen(file, flags, mode);
    const realSync = handle.sync.bind(handle);
    handle.sync = async () => {
      await realSync();
      steps.push(`sync ${name(String(file))}`);
    };
    return handle;
  });
  const realRename = fs.promises.rename.bind(fs.promises);
  vi.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
    await realRename(from, to);
    steps.push(`rename ${name(String(from))} -> ${name(String(to))}`);
  });
  return steps;
}

afterEach(() => {
  vi.restoreAllMocks();
});

const posix = process.platform !== 'win32';

describe('files a row points at are durable before the row commits', () => {
  it('writes, fsyncs the file, renames, then fsyncs the folder and the folders it made', async () => {
    const root = makeTempDir();
    const steps = recordFs(root);
    await writeFileDurably(path.join(root, 'thumbs', 'ab', 'abc.jpg'), new Uint8Array([1, 2, 3]));
    expect(fs.readFileSync(path.join(root, 'thumbs', 'ab', 'abc.jpg'))).toEqual(Buffer.from([1, 2, 3]));
    expect(steps).toEqual([
      'sync thumbs/ab/abc.jpg.part',
      'rename thumbs/ab/abc.jpg.part -> thumbs/ab/abc.jpg',
      ...(posix ? ['sync thumbs/ab', 'sync thumbs', 'sync .'] : []),
    ]);
    // A second file in the same folder: only that folder's entry is new.
    steps.length = 0;
    await writeFileDurably(path.join(root, 'thumbs', 'ab', 'abd.jpg'), new Uint8Array([4]));
    expect(steps).toEqual(['sync thumbs/ab/abd.jpg.part', 'rename thumbs/ab/abd.jpg.part -> thumbs/ab/abd.jpg', ...(posix ? ['sync thumbs/ab'] : [])]);
    expect(fs.readdirSync(path.join(root, 'thumbs', 'ab')).sort()).toEqual(['abc.jpg', 'abd.jpg']);
  });

  it('moves an upload into place the same way', async () => {
    const root = makeTempDir();
    fs.writeFileSync(path.join(root, 'upload.part'), 'bytes');
    const steps = recordFs(root);
    await moveFileDurably(path.join(root, 'upload.part'), path.join(root, 'originals', 'ab', 'abc.jpg'));
    expect(steps).toEqual(['sync upload.part', 'rename upload.part -> originals/ab/abc.jpg', ...(posix ? ['sync originals/ab', 'sync originals', 'sync .'] : [])]);
  });

  it('leaves nothing behind when the write fails, and the error reaches the caller', async () => {
    const root = makeTempDir();
    fs.writeFileSync(path.join(root, 'taken'), 'a file where a folder should be');
    await expect(writeFileDurably(path.join(root, 'taken', 'abc.jpg'), new Uint8Array([1]))).rejects.toThrow();
    expect(fs.readdirSync(root)).toEqual(['taken']);
  });

  it('an import commits the photo row only after its original and thumbnail are synced with their folders', async () => {
    const dataDir = makeTempDir();
    const core = openTestCore({ dataDir });
    try {
      const client = connect(core);
      const steps = recordFs(dataDir);
      const realCreate = MediaLibrary.prototype.create;
      vi.spyOn(MediaLibrary.prototype, 'create').mockImplementation(function (this: MediaLibrary, ...args) {
        steps.push('row');
        return realCreate.apply(this, args);
      });
      const progress = await importAndWait(core, client, [fixturePath('images', 'IPTC-PhotometadataRef-Std2021.1.jpg')]);
      expect(progress.imported).toBe(1);
      const row = steps.indexOf('row');
      expect(row).toBeGreaterThan(0);
      const before = steps.slice(0, row);
      for (const folder of ['originals', 'thumbs']) {
        const rename = before.findIndex((step) => step.startsWith('rename ') && step.includes(`-> media/${folder}/`));
        expect(rename, `${folder} renamed before the row`).toBeGreaterThanOrEqual(0);
        const target = before[rename]!.split(' -> ')[1]!;
        expect(before.slice(0, rename)).toContain(`sync ${before[rename]!.split(' ')[1]}`);
        if (posix) expect(before.slice(rename)).toContain(`sync ${path.posix.dirname(target)}`);
      }
    } finally {
      vi.restoreAllMocks();
      await core.close();
    }
  });
});
