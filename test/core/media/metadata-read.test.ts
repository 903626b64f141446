import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapTags, readImageMetadata } from '../../../electron/core/media/metadata-read';
import { fixturePath } from '../../helpers/fixtures';

const read = (name: string) => readImageMetadata(fs.readFileSync(fixturePath('images', name)));
const bytes = (text: string, encoding: BufferEncoding = 'utf8') => [...Buffer.from(text, encoding)];

describe('reading photo metadata (XMP, then IIM, then EXIF)', () => {
  it('reads the IPTC 2021.1 reference image exactly', () => {
    const { fields, takenAt } = read('IPTC-PhotometadataRef-Std2021.1.jpg');
    expect(fields).toMatchObject({
      caption: 'The description aka caption (ref2021.1)',
      headline: 'The Headline (ref2021.1)',
      altText: 'This is the Alt Text description to support accessibility in 2021.1',
      extendedDescription: 'This is the Extended Description to support accessibility in 2021.1',
      credit: 'Credit Line (ref2021.1)',
      creators: ['Creator1 (ref2021.1)'],
      creatorJobTitle: 'Creator\u2019s Job Title  (ref2021.1)'.replace('\u2019', "'"),
      copyright: 'Copyright (Notice) 2021.1 IPTC - www.iptc.org  (ref2021.1)',
      source: 'Source (ref2021.1)',
      captionWriter: 'Description Writer (ref2021.1)',
      keywords: ['Keyword1ref2021.1', 'Keyword2ref2021.1', 'Keyword3ref2021.1'],
      dateCreated: '2021-10-20T21:01:01+00:00',
      city: 'City (Core) (ref2021.1)',
      sublocation: 'Sublocation (Core) (ref2021.1)',
      state: 'Province/State(Core)(ref2021.1)',
      country: 'Country (Core) (ref2021.1)',
      countryCode: 'R21',
      jobId: 'Job Id (ref2021.1)',
      instructions: 'An Instruction (ref2021.1)',
      title: 'The Title (ref2021.1)',
      personsShown: ['Person Shown 1 (ref2021.1)', 'Person Shown 2 (ref2021.1)'],
      digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/softwareImage',
      usageTerms: 'Rights Usage Terms (ref2021.1)',
    });
    expect(takenAt).toBe('2021-10-20T21:01:01+00:00');
  });

  it('reads “José Mourinho” from metapm.jpg: its XMP, not its MacRoman IIM', () => {
    const { fields } = read('metapm.jpg');
    expect(fields.caption).toBe('José Mourinho');
    expect(fields.caption).not.toContain('Ž');
    expect(fields).toMatchObject({ city: 'London', sublocation: 'Buckingham Palace', countryCode: 'GBR', creators: ['Photographer'], credit: 'Photographer/Agency' });
    expect(fields.keywords).toEqual(['A keyword', 'Another keyword']);
    expect(fields.personsShown).toEqual(['A person', 'Another person']);
  });

  it('reads the ExifTool IIM-only, XMP-only (UTF-16 XMP) and Photo Mechanic files', () => {
    expect(read('exiftool-IPTC.jpg').fields).toMatchObject({
      caption: 'A witty caption',
      credit: 'My Credit',
      creators: ['Phil Harvey'],
      keywords: ['ExifTool', 'Test', 'IPTC'],
      city: 'Kingston',
      headline: 'No headline',
    });
    expect(read('exiftool-XMP.jpg').fields).toMatchObject({
      caption: 'UTF-16 (big-endian) encoded XMP',
      credit: 'My Credit',
      creators: ['Phil Harvey'],
      keywords: ['ExifTool', 'Test', 'XMP'],
      city: 'Kingston',
    });
    expect(read('exiftool-PhotoMechanic.jpg').fields).toMatchObject({
      caption: 'Caption',
      credit: 'Credit',
      creators: ['Photographer'],
      keywords: ['Keywords', 'one', 'three', 'two'],
      city: 'kingston',
      headline: 'Headline',
      countryCode: 'COD',
    });
  });

  it('prefers XMP over a disagreeing IIM (the MWG test file), and fills gaps from IIM', () => {
    const { fields, takenAt } = read('exiftool-MWG.jpg');
    // XMP first (ADR 0011): the IIM values marked WRONG never win.
    expect(fields.keywords).toEqual(['RIGHT1of2-XMP-Keywords', 'RIGHT2of2-XMP-Keywords']);
    expect(fields.city).toBe('RIGHT-XMP-City');
    expect(fields.copyright).toBe('RIGHT-XMP-Copyright');
    expect(fields.caption).not.toContain('IPTC');
    // Fields XMP lacks come from IIM.
    expect(fields).toMatchObject({ sublocation: 'RIGHT-IPTC-Location', state: 'RIGHT-IPTC-State', country: 'RIGHT-IPTC-Country' });
    expect(takenAt).toBe('2001-01-01T01:11:11');
  });

  it('gives a file without metadata empty fields, not an error', () => {
    const { fields, camera, takenAt, orientation } = read('nometa.jpg');
    expect(Object.values(fields).every((value) => (Array.isArray(value) ? value.length === 0 : value === ''))).toBe(true);
    expect({ camera, takenAt, orientation }).toEqual({ camera: '', takenAt: '', orientation: 1 });
  });

  it('reads the camera photo: its agency caption and EXIF camera, lens and time', () => {
    const { fields, camera, lens, takenAt } = read('exif.JPG');
    expect(camera).toBe('Canon EOS 7D Mark II');
    expect(lens).toBe('EF300mm f/2.8L IS USM');
    expect(takenAt).toBe('2014-12-06T14:56:15');
    expect(fields.caption).toMatch(/^DECEMBER 06: Wigan Athletic chairman Dave Whelan takes his seat/);
    expect(fields).toMatchObject({ credit: 'Daniel Chesterton/phcimages.com', creators: ['Daniel Chesterton'], city: 'Wigan', countryCode: 'GBR', jobId: 'PHC-206-1' });
    expect(fields.keywords).toHaveLength(12);
    // Its XMP instructions are the agency's full text, longer than IIM's 256 bytes (the IIM copy was cut).
    expect(Buffer.byteLength(fields.instructions)).toBeGreaterThan(256);
  });
});

describe('IIM text decoding', () => {
  const iptc = (caption: number[], coded?: number[]) => ({
    iptc: { 'Caption/Abstract': { value: caption }, ...(coded ? { 'Coded Character Set': { value: coded } } : {}) },
  });

  it('decodes UTF-8 when 1:90 says so (ESC % G)', () => {
    expect(mapTags(iptc(bytes('القاهرة — José'), [0x1b, 0x25, 0x47])).fields.caption).toBe('القاهرة — José');
  });

  it('decodes valid UTF-8 without 1:90, and Latin-1/Windows-1252 bytes when they are not UTF-8', () => {
    expect(mapTags(iptc(bytes('Zürich'))).fields.caption).toBe('Zürich');
    expect(mapTags(iptc(bytes('Zürich – café', 'latin1').map((b) => (b === 0x13 ? 0x96 : b)))).fields.caption).toBe('Zürich – café');
  });

  it('takes repeated datasets as lists and drops control characters', () => {
    const tags = { iptc: { Keywords: [{ value: bytes('one') }, { value: bytes('two\u0007') }], 'By-line': { value: bytes(' Ana ') } } };
    expect(mapTags(tags).fields).toMatchObject({ keywords: ['one', 'two'], creators: ['Ana'] });
  });
});
