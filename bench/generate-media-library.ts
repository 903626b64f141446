import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { openCore } from '../electron/core/core';
import { silentLogger } from '../electron/core/log';
import { variantPath } from '../electron/core/media/media-store';
import { CULL_LABEL_VALUES } from '../shared/media-cull';
import { emptyMediaFields } from '../shared/media-fields';
import { openLibrary } from './generate-library';

// 3: photos carry stars, labels and tags (issue 15); none is rejected, so the grid shows all of them.
const GENERATOR_VERSION = 3;

/**
 * A data folder with `count` photos, registered through core's own media
 * library (a Yjs document and a derived row each) in one transaction, each
 * with a small thumbnail file. Cached in .bench-cache/; copied per run.
 */
export async function generatedMediaLibrary(cacheDir: string, count: number): Promise<string> {
  const dir = path.join(cacheDir, `media-library-v${GENERATOR_VERSION}-${count}`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const core = openCore({ dataDir: dir, shell: 'web', version: 'bench', logger: silentLogger, backupDelayMs: null, mediaWorkerFile: null });
  const { library } = core.internals.media;
  const thumbs = await Promise.all(
    ['#8a4b2c', '#2c6e8a', '#4b8a2c', '#8a2c6e'].map((color) => sharp({ create: { width: 400, height: 267, channels: 3, background: color } }).jpeg().toBuffer()),
  );
  const started = Date.now();
  core.internals.docs.transaction(() => {
    for (let i = 0; i < count; i++) {
      const sha256 = createHash('sha256').update(`bench photo ${i}`).digest('hex');
      const thumb = variantPath(dir, sha256, 'thumb');
      fs.mkdirSync(path.dirname(thumb), { recursive: true });
      fs.writeFileSync(thumb, thumbs[i % thumbs.length]!);
      library.create(
        sha256,
        { filename: `DSC_${String(i).padStart(5, '0')}.JPG`, format: 'jpeg', bytes: 8_000_000, width: 6000, height: 4000, takenAt: '', camera: 'Canon EOS R5', lens: '', importedAt: new Date(started + i).toISOString() },
        { ...emptyMediaFields(), caption: `Supporters celebrate in the stands, photo ${i}`, credit: i % 9 === 0 ? '' : 'Lede Bench', keywords: ['football', 'fans'] },
        { rating: i % 6, label: CULL_LABEL_VALUES[i % CULL_LABEL_VALUES.length]!, tagged: i % 7 === 0 },
      );
    }
  });
  await core.close();
  fs.writeFileSync(path.join(dir, '.complete'), `${Date.now() - started} ms`);
  return dir;
}

/** A copy signed in as a photo editor, so the app opens without asking who is there. */
export function copyMediaLibrary(source: string, target: string): string {
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(source, target, { recursive: true, filter: (file) => !file.endsWith('.lock') && !file.endsWith('.lock.json') });
  const db = openLibrary(target);
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('profile', ?)").run(JSON.stringify({ name: 'Bench Photo Editor', role: 'photo_editor' }));
  db.close();
  return target;
}
