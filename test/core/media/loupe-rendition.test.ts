import fs from 'node:fs';
import path from 'node:path';
import { ExifTool } from 'exiftool-vendored';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { largestEmbeddedPreview } from '../../../electron/core/media/embedded-preview';
import { LOUPE_SIZE, makeLoupe } from '../../../electron/core/media/renditions';
import { resolveMediaFile } from '../../../electron/core/media/media-store';
import { connect, openTestCore } from '../../helpers/core';
import { fixturePath } from '../../helpers/fixtures';
import { importAndWait } from '../../helpers/media';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * The loupe's picture (ADR 0070): the embedded preview when the file has a
 * large one, turned upright by the file's orientation; the picture decoded
 * when it has none. The main picture is blue and the embedded preview
 * red above and green below, so the pixels say which was used and how it
 * was turned.
 */
const exiftool = new ExifTool({ maxProcs: 1 });
afterAll(() => exiftool.end());

async function cameraFile(orientation: number, previewWidth: number): Promise<Buffer> {
  const dir = makeTempDir();
  const file = path.join(dir, 'camera.jpg');
  const preview = path.join(dir, 'preview.jpg');
  await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#1040c0' } }).jpeg({ quality: 80 }).toFile(file);
  const half = Math.round((previewWidth * 2) / 3 / 2);
  const top = await sharp({ create: { width: previewWidth, height: half, channels: 3, background: '#e01010' } }).png().toBuffer();
  await sharp({ create: { width: previewWidth, height: half * 2, channels: 3, background: '#10c010' } })
    .composite([{ input: top, top: 0, left: 0 }])
    .jpeg({ quality: 50 })
    .toFile(preview);
  await exiftool.write(file, { Orientation: orientation } as never, { writeArgs: ['-overwrite_original', '-n', `-ThumbnailImage<=${preview}`] });
  return fs.readFileSync(file);
}

async function pixel(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const at = (Math.round(y) * info.width + Math.round(x)) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

const isRed = ([r, g, b]: number[]) => r! > 180 && g! < 80 && b! < 80;
const isGreen = ([r, g, b]: number[]) => g! > 150 && r! < 80 && b! < 80;
const isBlue = ([r, , b]: number[]) => b! > 150 && r! < 80;

describe('the loupe’s picture', () => {
  it('is the embedded preview when it is large enough, turned upright (orientation 6: its top goes right)', async () => {
    const file = await cameraFile(6, 1600);
    const embedded = await largestEmbeddedPreview(file);
    expect(embedded).toMatchObject({ width: 1600, height: 1066 });
    const loupe = await makeLoupe(file, embedded);
    expect(loupe.from).toBe('embedded');
    const { width, height } = await sharp(loupe.image).metadata();
    expect([width, height]).toEqual([1066, 1600]);
    expect(isRed(await pixel(loupe.image, width! * 0.9, height! / 2))).toBe(true);
    expect(isGreen(await pixel(loupe.image, width! * 0.1, height! / 2))).toBe(true);
  });

  it('turns by orientation 8 the other way, and mirrors for orientation 5 (a transpose: its top goes left)', async () => {
    for (const orientation of [8, 5]) {
      const file = await cameraFile(orientation, 1600);
      const loupe = await makeLoupe(file, await largestEmbeddedPreview(file));
      const { width, height } = await sharp(loupe.image).metadata();
      expect([width, height]).toEqual([1066, 1600]);
      expect(isRed(await pixel(loupe.image, width! * 0.1, height! / 2)), `orientation ${orientation}`).toBe(true);
      expect(isGreen(await pixel(loupe.image, width! * 0.9, height! / 2)), `orientation ${orientation}`).toBe(true);
    }
  });

  it('decodes the picture itself when the embedded preview is too small for a full-window view', async () => {
    const file = await cameraFile(6, 320);
    const loupe = await makeLoupe(file, await largestEmbeddedPreview(file));
    expect(loupe.from).toBe('decoded');
    const { width, height } = await sharp(loupe.image).metadata();
    // 3000 × 2000 stood upright, shrunk to the loupe's size.
    expect(height).toBe(LOUPE_SIZE);
    expect(width).toBe(Math.round((LOUPE_SIZE * 2000) / 3000));
    expect(isBlue(await pixel(loupe.image, width! / 2, height! / 2))).toBe(true);
  });

  it('decodes a file without any embedded preview, and finds none in it', async () => {
    const file = fs.readFileSync(fixturePath('images', 'IPTC-PhotometadataRef-Std2021.1.jpg'));
    const embedded = await largestEmbeddedPreview(file);
    const loupe = await makeLoupe(file, embedded);
    expect(loupe.from).toBe('decoded');
    expect((await sharp(loupe.image).metadata()).width).toBe(2000);
  });

  it('is made on demand by core and served as the `loupe` variant', async () => {
    const core = openTestCore();
    try {
      const client = connect(core);
      const dir = makeTempDir();
      const file = path.join(dir, 'camera.jpg');
      fs.writeFileSync(file, await cameraFile(6, 1600));
      await importAndWait(core, client, [file]);
      const [photo] = (await client.call('media.list', {})).items;
      expect(await resolveMediaFile(core.dataDir, photo!.sha256, 'loupe')).toBeNull();
      expect(await core.media.ensureFile(photo!.sha256, 'loupe')).toBe(true);
      const served = await resolveMediaFile(core.dataDir, photo!.sha256, 'loupe');
      expect(served?.contentType).toBe('image/jpeg');
      expect((await sharp(fs.readFileSync(served!.file)).metadata()).height).toBe(1600);
    } finally {
      await core.close();
    }
  });
});
