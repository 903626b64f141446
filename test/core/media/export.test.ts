import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExifReader from 'exifreader';
import { ExifTool } from 'exiftool-vendored';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_FIELD_SPECS } from '../../../shared/media-fields';
import type { Core } from '../../../electron/core/core';
import { readImageMetadata } from '../../../electron/core/media/metadata-read';
import { resolveMediaFile } from '../../../electron/core/media/media-store';
import { connect, openTestCore, type TestClient } from '../../helpers/core';
import { fixturePath } from '../../helpers/fixtures';
import { importAndWait } from '../../helpers/media';
import { makeTempDir } from '../../helpers/temp-dir';

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

let core: Core;
let client: TestClient;
const exiftool = new ExifTool({ maxProcs: 1 });
const hashes: Record<string, string> = {};

const EDITED = {
  caption: 'José Mourinho speaks in القاهرة — «no comment»',
  credit: 'Agência Lusa/Ñandú',
  altText: 'رجل يتحدث أمام الميكروفونات',
  creators: ['Zoë Ørsted', 'محمد علي'],
  keywords: ['futebol', 'القاهرة', 'Ümlaut'],
  city: 'São Paulo',
  headline: 'Çà et là',
};

beforeAll(async () => {
  core = openTestCore();
  client = connect(core);
  const files = ['metapm.jpg', 'exiftool-IPTC.jpg', 'nometa.jpg'];
  await importAndWait(core, client, files.map((name) => fixturePath('images', name)));
  for (const name of files) hashes[name] = sha256(fixturePath('images', name));
});

afterAll(async () => {
  await exiftool.end();
  await core.close();
});

describe('export with the edited metadata written back', () => {
  it('writes accented and Arabic text into IIM (UTF-8) and XMP in step, readable by ExifReader and by ExifTool', async () => {
    const original = (await resolveMediaFile(core.dataDir, hashes['metapm.jpg'], 'original'))!.file;
    const storedBefore = sha256(original);
    await client.call('media.update', { changes: [{ sha256: hashes['metapm.jpg']!, fields: EDITED }] });
    const folder = makeTempDir();
    const { results } = await client.call('media.export', { sha256s: [hashes['metapm.jpg']!], folder });
    expect(results).toEqual([{ sha256: hashes['metapm.jpg'], filename: 'metapm.jpg', ok: true, file: 'metapm.jpg' }]);
    const exported = path.join(folder, 'metapm.jpg');

    // ExifReader, through Lede's own reader: XMP first…
    expect(readImageMetadata(fs.readFileSync(exported)).fields).toMatchObject(EDITED);
    // …and IIM alone, decoded as the 1:90 coded character set says.
    const tags = ExifReader.load(fs.readFileSync(exported), { expanded: true });
    expect(tags.iptc?.['Coded Character Set']?.value).toEqual([0x1b, 0x25, 0x47]);
    const iptc = tags.iptc as unknown as Record<string, { value: number[] }>;
    const iim = (name: string) => Buffer.from(iptc[name]!.value).toString('utf8');
    expect(iim('Caption/Abstract')).toBe(EDITED.caption);
    expect(iim('Credit')).toBe(EDITED.credit);
    expect(iim('City')).toBe(EDITED.city);

    // ExifTool, group by group.
    const read = (await exiftool.read(exported, ['-G1', '-CurrentIPTCDigest'])) as unknown as Record<string, unknown>;
    expect(read['IPTC:Caption-Abstract']).toBe(EDITED.caption);
    expect(read['XMP-dc:Description']).toBe(EDITED.caption);
    expect(read['IPTC:Credit']).toBe(EDITED.credit);
    expect(read['XMP-photoshop:Credit']).toBe(EDITED.credit);
    expect(read['XMP-iptcCore:AltTextAccessibility']).toBe(EDITED.altText);
    expect(read['IPTC:By-line']).toEqual(EDITED.creators);
    expect(read['XMP-dc:Creator']).toEqual(EDITED.creators);
    expect(read['IPTC:Keywords']).toEqual(EDITED.keywords);
    expect(read['IPTC:CodedCharacterSet']).toBe('UTF8');
    expect(read['Photoshop:IPTCDigest']).toBe(read['File:CurrentIPTCDigest']);
    // Untouched fields of the photo come along.
    expect(read['IPTC:Sub-location']).toBe('Buckingham Palace');

    // Every IIM value within its byte limit.
    for (const [field, value] of [['caption', EDITED.caption], ['credit', EDITED.credit], ['city', EDITED.city]] as const) {
      expect(Buffer.byteLength(value)).toBeLessThanOrEqual(MEDIA_FIELD_SPECS[field].iimBytes!);
    }
    // The stored original and the fixture are untouched.
    expect(sha256(original)).toBe(storedBefore);
    expect(sha256(fixturePath('images', 'metapm.jpg'))).toBe(hashes['metapm.jpg']);
  });

  it('refuses a value over its IIM limit before export (nothing is cut, no file is written) and exports the others', async () => {
    await client.call('media.update', { changes: [{ sha256: hashes['exiftool-IPTC.jpg']!, fields: { credit: 'Ação/Agência Brasileira de Notícias' } }] });
    const folder = makeTempDir();
    const { results } = await client.call('media.export', { sha256s: [hashes['exiftool-IPTC.jpg']!, hashes['nometa.jpg']!], folder });
    expect(results[0]).toMatchObject({ ok: false, filename: 'exiftool-IPTC.jpg', reason: expect.stringContaining('Credit is 39 bytes; IPTC allows 32.') });
    expect(results[1]).toMatchObject({ ok: true, file: 'nometa.jpg' });
    expect(fs.readdirSync(folder)).toEqual(['nometa.jpg']);
  });

  it('never overwrites: a second export of the same photo gets a new name', async () => {
    const folder = makeTempDir();
    await client.call('media.export', { sha256s: [hashes['nometa.jpg']!], folder });
    const { results } = await client.call('media.export', { sha256s: [hashes['nometa.jpg']!], folder });
    expect(results[0]).toMatchObject({ ok: true, file: 'nometa (2).jpg' });
  });

  it('refuses a folder that is not a full path, or cannot be written, with a clear error', async () => {
    const relative = await client.session.invoke('media.export', { sha256s: [hashes['nometa.jpg']!], folder: 'exports/today' });
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringContaining('full path') } });
    const file = path.join(makeTempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    const blocked = await client.session.invoke('media.export', { sha256s: [hashes['nometa.jpg']!], folder: path.join(file, 'sub') });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringContaining('cannot write into') } });
  });
});
