import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyMediaPatch, readMediaFacts, readMediaFields, seedMedia } from '../../shared/media-doc';
import { checkMediaFields, emptyMediaFields, exceedsMediaFieldLimit, MEDIA_LIST_ITEM_MAX, MEDIA_LIST_MAX, MEDIA_TEXT_MAX, utf8Bytes, type MediaFields } from '../../shared/media-fields';
import { channels } from '../../shared/contract';
import { applyTemplate, expandCodes, expandTemplateText, splitList, type CaptionTemplate } from '../../shared/photo-templates';

const fields = (patch: Partial<MediaFields>): MediaFields => ({ ...emptyMediaFields(), altText: 'A man at a desk', credit: 'AFP', ...patch });

describe('IIM byte limits, counted in UTF-8', () => {
  it('counts bytes, not characters: accents and Arabic take more than one', () => {
    expect(utf8Bytes('José')).toBe(5);
    expect(utf8Bytes('القاهرة')).toBe(14);
  });

  it('flags a credit of 32 characters that is 33 bytes, and passes one of exactly 32 bytes', () => {
    expect(checkMediaFields(fields({ credit: 'a'.repeat(32) })).filter((p) => p.level === 'ERROR')).toEqual([]);
    const over = checkMediaFields(fields({ credit: `${'a'.repeat(31)}é` }));
    expect(over).toContainEqual({ field: 'credit', level: 'ERROR', message: 'Credit is 33 bytes; IPTC allows 32.' });
  });

  it('checks each keyword and creator on its own, the caption at 2000, and nothing for XMP-only fields', () => {
    const problems = checkMediaFields(fields({ keywords: ['ok', 'k'.repeat(65)], creators: ['c'.repeat(33)], caption: 'x'.repeat(2001), altText: 'y'.repeat(5000) }));
    expect(problems.map((p) => p.field).sort()).toEqual(['caption', 'creators', 'keywords']);
  });

  it('warns about missing alt text and credit', () => {
    expect(checkMediaFields(fields({ altText: ' ', credit: '' }))).toEqual([
      { field: 'altText', level: 'WARN', message: 'Alt text is missing.' },
      { field: 'credit', level: 'WARN', message: 'Credit is missing.' },
    ]);
  });
});

describe('what one field holds', () => {
  it('says a value is too long exactly where the API refuses it', () => {
    const accepts = (fields: Partial<MediaFields>) => channels['media.update'].payload.safeParse({ changes: [{ sha256: 'a'.repeat(64), fields }] }).success;
    const cases: Array<Partial<MediaFields>> = [
      { caption: 'x'.repeat(MEDIA_TEXT_MAX) },
      { caption: 'x'.repeat(MEDIA_TEXT_MAX + 1) },
      { keywords: Array.from({ length: MEDIA_LIST_MAX }, () => 'k') },
      { keywords: Array.from({ length: MEDIA_LIST_MAX + 1 }, () => 'k') },
      { keywords: ['x'.repeat(MEDIA_LIST_ITEM_MAX)] },
      { keywords: ['x'.repeat(MEDIA_LIST_ITEM_MAX + 1)] },
    ];
    for (const fields of cases) {
      const value = Object.values(fields)[0]!;
      expect(exceedsMediaFieldLimit(value)).toBe(!accepts(fields));
    }
    expect(cases.map((fields) => exceedsMediaFieldLimit(Object.values(fields)[0]!))).toEqual([false, true, false, true, false, true]);
  });
});

describe('templates and code replacements', () => {
  const context = { filename: 'DSC_0042.JPG', fields: fields({ creators: ['Ana Lima', 'Bo Chen'], city: 'Porto', dateCreated: '2025-10-15T09:00:00+01:00' }), takenAt: '', seq: 7 };

  it('fills {filename} {creator} {date} {city} {seq} and keeps unknown names as typed', () => {
    expect(expandTemplateText('{city}, {date}: photo {seq} of {filename} by {creator} {unknown}', context)).toBe(
      'Porto, 2025-10-15: photo 7 of DSC_0042 by Ana Lima, Bo Chen {unknown}',
    );
  });

  it('applies only ticked fields, lists split at commas', () => {
    const template: CaptionTemplate = {
      id: 't',
      name: 'Match',
      fields: [
        { field: 'caption', value: '{city}: the match', apply: true },
        { field: 'credit', value: 'Reuters', apply: false },
        { field: 'keywords', value: 'football, {city}', apply: true },
      ],
    };
    expect(applyTemplate(template, context)).toEqual({ caption: 'Porto: the match', keywords: ['football', 'Porto'] });
    expect(splitList(' a ; b,,c ')).toEqual(['a', 'b', 'c']);
  });

  it('expands =code= as typed, moving the caret with the text', () => {
    const codes = [{ code: 'afp', text: 'AFP/Getty Images' }];
    expect(expandCodes('Photo: =afp=', 12, codes)).toEqual({ text: 'Photo: AFP/Getty Images', caret: 23 });
    expect(expandCodes('=AFP= and =xyz=', 5, codes)).toEqual({ text: 'AFP/Getty Images and =xyz=', caret: 16 });
    expect(expandCodes('a = b', 5, codes)).toEqual({ text: 'a = b', caret: 5 });
  });
});

describe('a photo’s metadata as a Yjs document', () => {
  it('two people editing one caption at once both keep their edits', () => {
    const base = new Y.Doc();
    seedMedia(base, { filename: 'a.jpg', format: 'jpeg', bytes: 1, width: 1, height: 1, takenAt: '', camera: '', lens: '', importedAt: '' }, { caption: 'Fans at the stadium' });
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
    applyMediaPatch(a, { caption: 'Cheering fans at the stadium' });
    applyMediaPatch(b, { caption: 'Fans at the stadium in Porto' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readMediaFields(a).caption).toBe('Cheering fans at the stadium in Porto');
    expect(readMediaFields(b)).toEqual(readMediaFields(a));
    expect(readMediaFacts(a).filename).toBe('a.jpg');
  });

  it('a patch changes only its own fields and writes nothing when a value is unchanged', () => {
    const doc = new Y.Doc();
    seedMedia(doc, { filename: 'a.jpg', format: 'jpeg', bytes: 1, width: 1, height: 1, takenAt: '', camera: '', lens: '', importedAt: '' }, { caption: 'One', credit: 'AP', keywords: ['x'] });
    let updates = 0;
    doc.on('update', () => updates++);
    applyMediaPatch(doc, { credit: 'AP', keywords: ['x'] });
    expect(updates).toBe(0);
    applyMediaPatch(doc, { credit: 'Reuters' });
    expect(readMediaFields(doc)).toMatchObject({ caption: 'One', credit: 'Reuters', keywords: ['x'] });
  });
});
