import { describe, expect, it } from 'vitest';
import { emptyMediaFields, type MediaFields } from '../../shared/media-fields';
import { expandTemplateText, templateChanges, writtenFields, type TemplateContext } from '../../shared/photo-templates';

const photo = (patch: Partial<MediaFields>): TemplateContext => ({ filename: 'exif.JPG', fields: { ...emptyMediaFields(), ...patch }, takenAt: '', seq: 1 });
const full = { city: 'Damascus', headline: 'Syria’s interim President meets envoys', credit: 'AFP' };

describe('an empty variable takes its punctuation with it', () => {
  const template = '{city}: {headline} ({credit})';

  it('fills every variable when each has a value, fields by their names', () => {
    expect(expandTemplateText(template, photo(full))).toBe('Damascus: Syria’s interim President meets envoys (AFP)');
  });

  it('without a city, the headline starts the text (no leading ": ")', () => {
    expect(expandTemplateText(template, photo({ ...full, city: '' }))).toBe('Syria’s interim President meets envoys (AFP)');
  });

  it('without a headline, the colon goes and the credit follows the city', () => {
    expect(expandTemplateText(template, photo({ ...full, headline: '' }))).toBe('Damascus (AFP)');
  });

  it('without a credit, the brackets and the space before them go', () => {
    expect(expandTemplateText(template, photo({ ...full, credit: '' }))).toBe('Damascus: Syria’s interim President meets envoys');
  });

  it('with only the headline, or nothing at all, no junk is left', () => {
    expect(expandTemplateText(template, photo({ headline: full.headline }))).toBe('Syria’s interim President meets envoys');
    // A filled variable keeps its own brackets.
    expect(expandTemplateText(template, photo({ credit: 'AFP' }))).toBe('(AFP)');
    expect(expandTemplateText(template, photo({}))).toBe('');
  });

  it('a blank (spaces only) value counts as empty', () => {
    expect(expandTemplateText(template, photo({ ...full, credit: '   ' }))).toBe('Damascus: Syria’s interim President meets envoys');
  });

  it('in a list, the empty one’s comma goes; what ends the sentence stays', () => {
    expect(expandTemplateText('{city}, {state}, {country}', photo({ city: 'Porto', country: 'Portugal' }))).toBe('Porto, Portugal');
    expect(expandTemplateText('{city}, {state}, {country}', photo({ city: 'Porto' }))).toBe('Porto');
    expect(expandTemplateText('{headline}, {credit}.', photo({ headline: 'Flood' }))).toBe('Flood.');
    expect(expandTemplateText('Photo {seq} – {city} [{creator}]', photo({}))).toBe('Photo 1');
  });

  it('words beside an empty variable stay, and unknown names stay as typed', () => {
    expect(expandTemplateText('Photo by {creator} for {unknown}', photo({}))).toBe('Photo by for {unknown}');
    expect(expandTemplateText('{city} {nope}', photo({}))).toBe('{nope}');
  });
});

describe('a template met with a photo’s own text', () => {
  const current: MediaFields = { ...emptyMediaFields(), caption: 'Agency caption', credit: 'AFP', keywords: ['flood'] };
  const proposed = { caption: 'Porto: the match', credit: 'AFP', altText: 'Fans', keywords: ['match'] };

  it('“empty fields only” keeps a field that has text and writes the empty ones', () => {
    const changes = templateChanges(proposed, current, 'empty');
    expect(changes.map((c) => [c.field, c.outcome])).toEqual([
      ['caption', 'kept'],
      ['altText', 'write'],
      ['credit', 'same'],
      ['keywords', 'kept'],
    ]);
    expect(writtenFields(changes)).toEqual({ altText: 'Fans' });
  });

  it('“replace” writes every field whose value differs', () => {
    expect(writtenFields(templateChanges(proposed, current, 'replace'))).toEqual({ caption: 'Porto: the match', altText: 'Fans', keywords: ['match'] });
  });
});
