import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../../shared/article-doc';
import type { Core } from '../../../electron/core/core';
import { resolveMediaFile } from '../../../electron/core/media/media-store';
import { bundleScript } from '../../helpers/bundle-script';
import { connect, openStory, openTestCore, REPORTER, type TestClient } from '../../helpers/core';
import { fixturePath, fixturesDir } from '../../helpers/fixtures';
import { makeJpeg, writeBadFiles } from '../../helpers/images';
import { importAndWait, waitForImport } from '../../helpers/media';
import { makeTempDir } from '../../helpers/temp-dir';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let core: Core;
let client: TestClient;

beforeAll(async () => {
  // The real worker thread, bundled as the build bundles it.
  core = openTestCore({ mediaWorkerFile: await bundleScript('electron/core/media/media-worker.ts') });
  client = connect(core);
  await client.call('profile.set', REPORTER);
});

afterAll(async () => {
  await core.close();
});

describe('importing photos', () => {
  it('imports the fixtures folder (sub-folders too), stores each file by its hash unchanged, and refuses the broken one by name', async () => {
    const progress = await importAndWait(core, client, [path.join(fixturesDir(), 'images')]);
    expect(progress).toMatchObject({ state: 'finished', total: 10, done: 10, imported: 9, duplicates: 0, failed: 1 });
    expect(progress.errors).toEqual([{ file: 'images/broken/malformedchunks.png', reason: expect.stringMatching(/damaged/) }]);
    for (const name of fs.readdirSync(fixturePath('images')).filter((n) => n.includes('.'))) {
      const data = fs.readFileSync(fixturePath('images', name));
      const stored = await resolveMediaFile(core.dataDir, sha256(data), 'original');
      expect(stored, name).not.toBeNull();
      expect(fs.readFileSync(stored!.file).equals(data), `${name} is stored byte for byte`).toBe(true);
      const thumb = await resolveMediaFile(core.dataDir, sha256(data), 'thumb');
      expect((await sharp(thumb!.file).metadata()).format, `${name} thumbnail`).toBe('jpeg');
      // The preview waits until something shows the photo large (ADR 0015).
      expect(await resolveMediaFile(core.dataDir, sha256(data), 'preview'), `${name} has no preview yet`).toBeNull();
    }
    const { total, items } = await client.call('media.list', { query: 'mourinho' });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ filename: 'metapm.jpg', fields: { caption: 'José Mourinho' }, width: 10, height: 10 });
    expect((await client.call('media.list', { query: 'wigan' })).items.map((i) => i.filename)).toEqual(['exif.JPG']);
    // Real files break IIM limits: the agency's full XMP instructions (329 bytes), ExifTool's 33-byte job id.
    expect((await client.call('media.list', { filter: 'overLimit', sort: 'filename' })).items.map((i) => i.filename)).toEqual(['exif.JPG', 'exiftool-XMP.jpg']);
    expect((await client.call('media.ids', { filter: 'missingCredit' })).ids.length).toBeGreaterThan(0);
  });

  it('the same file twice is one asset: again, under another name, and twice in one import', async () => {
    const dir = makeTempDir();
    fs.copyFileSync(fixturePath('images', 'metapm.jpg'), path.join(dir, 'copy-of-metapm.jpg'));
    fs.copyFileSync(fixturePath('images', 'nometa.jpg'), path.join(dir, 'a.jpg'));
    fs.copyFileSync(fixturePath('images', 'nometa.jpg'), path.join(dir, 'b.jpg'));
    const before = (await client.call('media.list', {})).total;
    const progress = await importAndWait(core, client, [dir, fixturePath('images', 'metapm.jpg')]);
    expect(progress).toMatchObject({ state: 'finished', imported: 0, duplicates: 4, failed: 0 });
    expect((await client.call('media.list', {})).total).toBe(before);
  });

  it('refuses each bad file with its name and reason, and imports the good ones around them', async () => {
    const dir = makeTempDir();
    const expected = await writeBadFiles(dir);
    fs.writeFileSync(path.join(dir, 'good.jpg'), await makeJpeg(64, 48, { color: '#114411' }));
    const missing = path.join(makeTempDir(), 'gone.jpg');
    const progress = await importAndWait(core, client, [dir, missing]);
    expect(progress).toMatchObject({ state: 'finished', imported: 1, failed: Object.keys(expected).length + 1 });
    const reasons = Object.fromEntries(progress.errors.map((e) => [path.basename(e.file), e.reason]));
    for (const [name, pattern] of Object.entries(expected)) expect(reasons[name], name).toMatch(pattern);
    expect(reasons['gone.jpg']).toMatch(/does not exist/);
    // Nothing of a refused file is left in the store.
    const stored = fs.readdirSync(path.join(core.dataDir, 'media', 'originals'), { recursive: true }).filter((f) => String(f).includes('.part'));
    expect(stored).toEqual([]);
  });

  it('applies EXIF orientation to the thumbnail and preview, and reports the size as seen', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'sideways.jpg');
    fs.writeFileSync(file, await makeJpeg(120, 40, { orientation: 6 }));
    await importAndWait(core, client, [file]);
    const hash = sha256(fs.readFileSync(file));
    const [asset] = (await client.call('media.get', { sha256s: [hash] })).items;
    expect(asset).toMatchObject({ width: 40, height: 120 });
    expect(await core.media.ensureFile(hash, 'preview')).toBe(true);
    for (const variant of ['thumb', 'preview'] as const) {
      const meta = await sharp((await resolveMediaFile(core.dataDir, hash, variant))!.file).metadata();
      expect(meta.height, variant).toBeGreaterThan(meta.width!);
      expect(meta.orientation ?? 1).toBe(1);
    }
  });
});

describe('previews, made when first asked for', () => {
  it('makes a 1000 px preview once, even when asked twice at the same moment', async () => {
    const file = path.join(makeTempDir(), 'wide.jpg');
    fs.writeFileSync(file, await makeJpeg(2400, 1600));
    await importAndWait(core, client, [file]);
    const hash = sha256(fs.readFileSync(file));
    expect(await resolveMediaFile(core.dataDir, hash, 'preview')).toBeNull();
    expect(await Promise.all([core.media.ensureFile(hash, 'preview'), core.media.ensureFile(hash, 'preview')])).toEqual([true, true]);
    const preview = (await resolveMediaFile(core.dataDir, hash, 'preview'))!;
    expect(await sharp(preview.file).metadata()).toMatchObject({ format: 'jpeg', width: 1000, height: 667 });
    const folder = path.dirname(preview.file);
    expect(fs.readdirSync(folder).filter((name) => name.startsWith(hash))).toEqual([`${hash}.jpg`]);
    // Asked again: the stored file, untouched.
    const madeAt = fs.statSync(preview.file).mtimeMs;
    expect(await core.media.ensureFile(hash, 'preview')).toBe(true);
    expect(fs.statSync(preview.file).mtimeMs).toBe(madeAt);
  });

  it('says no, and writes nothing, for a photo it does not have or whose stored original was damaged since', async () => {
    expect(await core.media.ensureFile('0'.repeat(64), 'preview')).toBe(false);
    const file = path.join(makeTempDir(), 'later-damaged.jpg');
    fs.writeFileSync(file, await makeJpeg(300, 200, { color: '#224466' }));
    await importAndWait(core, client, [file]);
    const hash = sha256(fs.readFileSync(file));
    const original = (await resolveMediaFile(core.dataDir, hash, 'original'))!;
    fs.writeFileSync(original.file, fs.readFileSync(original.file).subarray(0, 200));
    expect(await core.media.ensureFile(hash, 'preview')).toBe(false);
    expect(await resolveMediaFile(core.dataDir, hash, 'preview')).toBeNull();
    // The thumbnail made at import is still served.
    expect(await core.media.ensureFile(hash, 'thumb')).toBe(true);
  });
});

describe('imports alongside other work', () => {
  it('cancel stops before the next file; what was imported is complete', async () => {
    const local = openTestCore({ importConcurrency: 1 });
    const session = connect(local);
    try {
      const dir = makeTempDir();
      for (let i = 0; i < 24; i++) fs.writeFileSync(path.join(dir, `frame-${String(i).padStart(2, '0')}.jpg`), await makeJpeg(900, 600, { color: `#${(i * 10 + 16).toString(16)}4020` }));
      const importId = local.media.importPaths([dir]);
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          const seen = session.events.some((e) => e.event === 'media.importProgress' && (e.payload as { done: number }).done >= 2);
          if (!seen) return;
          clearInterval(timer);
          resolve();
        }, 2);
      });
      expect(await session.call('media.importCancel', { importId })).toEqual({ cancelled: true });
      const progress = await waitForImport(session, importId);
      expect(progress.state).toBe('cancelled');
      expect(progress.done).toBeLessThan(24);
      const { total, items } = await session.call('media.list', { limit: 100 });
      expect(total).toBe(progress.imported);
      for (const item of items) {
        for (const variant of ['original', 'thumb'] as const) expect(await resolveMediaFile(local.dataDir, item.sha256, variant)).not.toBeNull();
      }
      expect(await session.call('media.importCancel', { importId })).toEqual({ cancelled: false });
    } finally {
      await local.close();
    }
  });

  it('stories keep being edited and acknowledged while an import runs', async () => {
    const dir = makeTempDir();
    for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(dir, `crowd-${i}.jpg`), await makeJpeg(1600, 1200, { color: `#20${(i * 12 + 16).toString(16)}60` }));
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    const importId = core.media.importPaths([dir]);
    const typed = 'Crowds gathered outside the stadium before kick-off.';
    for (const char of typed) await story.edit((doc) => articleParts(doc).teaser.insert(articleParts(doc).teaser.length, char));
    const progress = await waitForImport(client, importId);
    expect(progress).toMatchObject({ state: 'finished', imported: 12, failed: 0 });
    await client.call('article.close', { id });
    const reopened = new Y.Doc();
    Y.applyUpdate(reopened, Buffer.from((await client.call('article.open', { id })).state, 'base64'));
    expect(articleParts(reopened).teaser.toString()).toBe(typed);
  });
});
