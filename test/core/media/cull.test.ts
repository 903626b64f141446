import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExifReader from 'exifreader';
import { ExifTool } from 'exiftool-vendored';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaDocName } from '../../../shared/documents/media-kind';
import { applyCull } from '../../../shared/media-cull';
import type { Core } from '../../../electron/core/core';
import { readImageMetadata } from '../../../electron/core/media/metadata-read';
import { connect, openTestCore, type TestClient } from '../../helpers/core';
import { fixturePath } from '../../helpers/fixtures';
import { importAndWait } from '../../helpers/media';
import { makeTempDir } from '../../helpers/temp-dir';
import { waitFor } from '../../helpers/wait';

/** Culling through the API with the real library: the channel, the index and its filters, sync, and XMP on export and import. */
const FILES = ['metapm.jpg', 'exiftool-IPTC.jpg', 'nometa.jpg', 'exif.JPG'];
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

let core: Core;
let client: TestClient;
const hash: Record<string, string> = {};
const exiftool = new ExifTool({ maxProcs: 1 });

beforeAll(async () => {
  core = openTestCore();
  client = connect(core);
  const progress = await importAndWait(core, client, FILES.map((name) => fixturePath('images', name)));
  expect(progress.imported).toBe(FILES.length);
  for (const name of FILES) hash[name] = sha256(fixturePath('images', name));
});

afterAll(async () => {
  await exiftool.end();
  await core.close();
});

const names = async (query: Record<string, unknown>) => {
  const { items } = await client.call('media.list', { sort: 'filename', ...query });
  return items.map((item) => item.filename);
};

describe('media.cull and the culling filters', () => {
  it('sets stars on many photos at once and the listing shows them', async () => {
    const { changed } = await client.call('media.cull', { sha256s: [hash['metapm.jpg']!, hash['nometa.jpg']!], set: { rating: 4 } });
    expect(changed.sort()).toEqual([hash['metapm.jpg'], hash['nometa.jpg']].sort());
    const { items } = await client.call('media.get', { sha256s: [hash['metapm.jpg']!] });
    expect(items[0]!.cull).toEqual({ rating: 4, label: 'none', tagged: false, rejected: false });
    // Setting what is already so changes nothing.
    expect((await client.call('media.cull', { sha256s: [hash['metapm.jpg']!], set: { rating: 4 } })).changed).toEqual([]);
  });

  it('filters by stars (at least N), label and tag, combined with each other and with sort', async () => {
    await client.call('media.cull', { sha256s: [hash['exiftool-IPTC.jpg']!], set: { rating: 2, label: 'red', tagged: true } });
    await client.call('media.cull', { sha256s: [hash['nometa.jpg']!], set: { label: 'red' } });
    expect(await names({ minRating: 3 })).toEqual(['metapm.jpg', 'nometa.jpg']);
    expect(await names({ minRating: 2 })).toEqual(['exiftool-IPTC.jpg', 'metapm.jpg', 'nometa.jpg']);
    expect(await names({ label: 'red' })).toEqual(['exiftool-IPTC.jpg', 'nometa.jpg']);
    expect(await names({ label: 'none' })).toEqual(['exif.JPG', 'metapm.jpg']);
    expect(await names({ label: 'red', minRating: 3 })).toEqual(['nometa.jpg']);
    expect(await names({ taggedOnly: true })).toEqual(['exiftool-IPTC.jpg']);
    const { ids } = await client.call('media.ids', { minRating: 3, sort: 'filename' });
    expect(ids).toEqual([hash['metapm.jpg'], hash['nometa.jpg']]);
  });

  it('hides rejected photos unless asked, and counts what it hides under the same filters', async () => {
    await client.call('media.cull', { sha256s: [hash['nometa.jpg']!], set: { rejected: true } });
    expect(await names({})).toEqual(['exif.JPG', 'exiftool-IPTC.jpg', 'metapm.jpg']);
    expect(await names({ showRejected: true })).toEqual(['exif.JPG', 'exiftool-IPTC.jpg', 'metapm.jpg', 'nometa.jpg']);
    expect((await client.call('media.list', {})).total).toBe(3);
    expect((await client.call('media.ids', {})).rejectedHidden).toBe(1);
    expect((await client.call('media.ids', { label: 'blue' })).rejectedHidden).toBe(0);
    expect((await client.call('media.ids', { showRejected: true })).rejectedHidden).toBe(0);
    // The stars stay under the rejection.
    const { items } = await client.call('media.get', { sha256s: [hash['nometa.jpg']!] });
    expect(items[0]!.cull).toEqual({ rating: 4, label: 'red', tagged: false, rejected: true });
    await client.call('media.cull', { sha256s: [hash['nometa.jpg']!], set: { rejected: false } });
    expect(await names({})).toHaveLength(4);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = (await client.call('media.get', { sha256s: [hash['metapm.jpg']!] })).items[0]!.cull;
    const tries: Array<[unknown, string, RegExp]> = [
      [{ sha256s: [hash['metapm.jpg']], set: { rating: 7 } }, 'invalid_payload', /stars are 0 to 5/],
      [{ sha256s: [hash['metapm.jpg']], set: { rating: 2.5 } }, 'invalid_payload', /whole numbers/],
      [{ sha256s: [hash['metapm.jpg']], set: { label: 'purple' } }, 'invalid_payload', /none, red, yellow, green, blue/],
      [{ sha256s: [hash['metapm.jpg']], set: {} }, 'invalid_payload', /rating, label, tagged or rejected/],
      [{ sha256s: [hash['metapm.jpg']], set: { stars: 3 } }, 'invalid_payload', /stars/],
      [{ sha256s: [], set: { rating: 1 } }, 'invalid_payload', /sha256s/],
      [{ sha256s: [hash['metapm.jpg'], 'f'.repeat(64)], set: { rating: 1 } }, 'not_found', /no photo ffffffffffff/],
    ];
    for (const [payload, code, message] of tries) {
      const result = await client.session.invoke('media.cull', payload as never);
      expect(result.ok, JSON.stringify(payload)).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message).toMatch(message);
      }
    }
    // The unknown photo refused the whole call: the known one kept its stars.
    expect((await client.call('media.get', { sha256s: [hash['metapm.jpg']!] })).items[0]!.cull).toEqual(before);
    const bad = await client.session.invoke('media.list', { minRating: 6 } as never);
    expect(bad.ok).toBe(false);
  });

  it('keeps the index in step with a change that arrives by sync', async () => {
    const docName = mediaDocName(hash['exif.JPG']!);
    const local = core.internals.docs.load(docName)!;
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(local));
    const stateBefore = Y.encodeStateVector(elsewhere);
    applyCull(elsewhere, { rating: 5, label: 'blue', tagged: true });
    const changes = client.events.length;
    core.internals.live.applyRemote(docName, 'media', Y.encodeStateAsUpdate(elsewhere, stateBefore));
    await waitFor(
      () => client.events.slice(changes).some((e) => e.event === 'media.changed' && (e.payload as { sha256s: string[] }).sha256s.includes(hash['exif.JPG']!)),
      10_000,
      'media.changed for the synced photo',
    );
    expect(await names({ label: 'blue', minRating: 5, taggedOnly: true })).toEqual(['exif.JPG']);
  });
});

describe('culling in the file’s XMP', () => {
  it('exports stars, label and tag as Lightroom and Photo Mechanic read them, and a rejected photo as rating −1', async () => {
    await client.call('media.cull', { sha256s: [hash['metapm.jpg']!], set: { rating: 3, label: 'green', tagged: true } });
    await client.call('media.cull', { sha256s: [hash['exiftool-IPTC.jpg']!], set: { rejected: true } });
    const folder = makeTempDir();
    const { results } = await client.call('media.export', { sha256s: [hash['metapm.jpg']!, hash['exiftool-IPTC.jpg']!], folder });
    expect(results.every((result) => result.ok), JSON.stringify(results)).toBe(true);

    // Written by ExifTool…
    const rated = (await exiftool.read(path.join(folder, 'metapm.jpg'), ['-G1'])) as unknown as Record<string, unknown>;
    expect(rated['XMP-xmp:Rating']).toBe(3);
    expect(rated['XMP-xmp:Label']).toBe('Green');
    expect(rated['XMP-photomech:Tagged']).toBe('Yes');
    const rejected = (await exiftool.read(path.join(folder, 'exiftool-IPTC.jpg'), ['-G1'])) as unknown as Record<string, unknown>;
    expect(rejected['XMP-xmp:Rating']).toBe(-1);

    // …read by ExifReader, directly and through Lede's reader.
    const tags = ExifReader.load(fs.readFileSync(path.join(folder, 'metapm.jpg')), { expanded: true });
    expect(tags.xmp?.Rating?.value).toBe('3');
    expect(tags.xmp?.Label?.value).toBe('Green');
    expect(readImageMetadata(fs.readFileSync(path.join(folder, 'metapm.jpg'))).cull).toEqual({ rating: 3, label: 'green', tagged: true });
    // Rejected wins over its 2 stars; its label and tag are kept.
    expect(readImageMetadata(fs.readFileSync(path.join(folder, 'exiftool-IPTC.jpg'))).cull).toEqual({ rejected: true, label: 'red', tagged: true });
    // A photo whose stars are taken away loses them in the file too: nothing lingers from the first export.
    await client.call('media.cull', { sha256s: [hash['metapm.jpg']!], set: { rating: 0, label: 'none', tagged: false } });
    const again = makeTempDir();
    const redone = await client.call('media.export', { sha256s: [hash['metapm.jpg']!], folder: again });
    expect(redone.results[0]!.ok).toBe(true);
    expect(readImageMetadata(fs.readFileSync(path.join(again, 'metapm.jpg'))).cull).toEqual({});
  });

  it('imports a rated file with its stars, label and tag (rated in Photo Mechanic or Lightroom)', async () => {
    const folder = makeTempDir();
    const file = path.join(folder, 'rated.jpg');
    fs.copyFileSync(fixturePath('images', 'nometa.jpg'), file);
    await exiftool.write(file, { 'XMP-xmp:Rating': 2, 'XMP-xmp:Label': 'Yellow', 'XMP-photomech:Tagged': 'Yes' } as never, { writeArgs: ['-overwrite_original'] });
    const other = openTestCore();
    try {
      const otherClient = connect(other);
      await importAndWait(other, otherClient, [file]);
      const { items } = await otherClient.call('media.list', {});
      expect(items[0]!.cull).toEqual({ rating: 2, label: 'yellow', tagged: true, rejected: false });
    } finally {
      await other.close();
    }
  });
});
