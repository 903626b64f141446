/**
 * The editable metadata of a photo (docs/content-model.md, A photo), declared once as data:
 * its label in the photo desk, whether it is one text or a list, and its
 * IPTC IIM byte limit where the field exists in IIM. The metadata reader,
 * the editor, the checks and the export all walk this table.
 *
 * IIM limits are octets of the stored value (IPTC IIM 4.2, record 2), counted
 * here as UTF-8 because Lede writes IIM with CodedCharacterSet UTF-8: "José"
 * is 5 bytes, not 4. Fields without an IIM dataset (alt text, extended
 * description, persons shown, digital source type, usage terms) live in XMP
 * only and have no byte limit.
 */

export const MEDIA_TEXT_FIELDS = [
  'caption',
  'headline',
  'altText',
  'extendedDescription',
  'credit',
  'creatorJobTitle',
  'copyright',
  'source',
  'captionWriter',
  'dateCreated',
  'city',
  'sublocation',
  'state',
  'country',
  'countryCode',
  'jobId',
  'instructions',
  'title',
  'digitalSourceType',
  'usageTerms',
] as const;

export const MEDIA_LIST_FIELDS = ['creators', 'keywords', 'personsShown'] as const;

export type MediaTextField = (typeof MEDIA_TEXT_FIELDS)[number];
export type MediaListField = (typeof MEDIA_LIST_FIELDS)[number];
export type MediaField = MediaTextField | MediaListField;

export const MEDIA_FIELDS: readonly MediaField[] = [
  'caption',
  'headline',
  'altText',
  'extendedDescription',
  'credit',
  'creators',
  'creatorJobTitle',
  'copyright',
  'source',
  'captionWriter',
  'keywords',
  'dateCreated',
  'city',
  'sublocation',
  'state',
  'country',
  'countryCode',
  'jobId',
  'instructions',
  'title',
  'personsShown',
  'digitalSourceType',
  'usageTerms',
];

export type MediaFields = { [K in MediaTextField]: string } & { [K in MediaListField]: string[] };

export interface MediaFieldSpec {
  label: string;
  /** IIM maximum octets (per item for lists); null when the field is XMP-only. */
  iimBytes: number | null;
  /** Long text gets a multi-line editor. */
  multiline?: boolean;
}

export const MEDIA_FIELD_SPECS: Record<MediaField, MediaFieldSpec> = {
  caption: { label: 'Caption', iimBytes: 2000, multiline: true },
  headline: { label: 'Headline', iimBytes: 256 },
  altText: { label: 'Alt text', iimBytes: null, multiline: true },
  extendedDescription: { label: 'Extended description', iimBytes: null, multiline: true },
  credit: { label: 'Credit', iimBytes: 32 },
  creators: { label: 'Creator', iimBytes: 32 },
  creatorJobTitle: { label: 'Creator’s job title', iimBytes: 32 },
  copyright: { label: 'Copyright', iimBytes: 128 },
  source: { label: 'Source', iimBytes: 32 },
  captionWriter: { label: 'Caption writer', iimBytes: 32 },
  keywords: { label: 'Keywords', iimBytes: 64 },
  // IIM stores the date as CCYYMMDD: only the date part is limited (8 bytes).
  dateCreated: { label: 'Date created', iimBytes: null },
  city: { label: 'City', iimBytes: 32 },
  sublocation: { label: 'Sublocation', iimBytes: 32 },
  state: { label: 'Province/State', iimBytes: 32 },
  country: { label: 'Country', iimBytes: 64 },
  countryCode: { label: 'Country code', iimBytes: 3 },
  jobId: { label: 'Job ID', iimBytes: 32 },
  instructions: { label: 'Instructions', iimBytes: 256, multiline: true },
  title: { label: 'Title', iimBytes: 64 },
  personsShown: { label: 'Persons shown', iimBytes: null },
  digitalSourceType: { label: 'Digital source type', iimBytes: null },
  usageTerms: { label: 'Usage terms', iimBytes: null, multiline: true },
};

export function isListField(field: MediaField): field is MediaListField {
  return (MEDIA_LIST_FIELDS as readonly string[]).includes(field);
}

export function emptyMediaFields(): MediaFields {
  const fields = {} as Record<string, string | string[]>;
  for (const field of MEDIA_FIELDS) fields[field] = isListField(field) ? [] : '';
  return fields as MediaFields;
}

/** Longest text Lede keeps in one field (far above any IIM limit; a guard against pasted novels). */
export const MEDIA_TEXT_MAX = 20_000;
export const MEDIA_LIST_MAX = 200;
export const MEDIA_LIST_ITEM_MAX = 1000;

/**
 * Whether a value is more than one field holds (what the API refuses), so a
 * screen that builds values (a template's preview) can say so before sending.
 */
export function exceedsMediaFieldLimit(value: string | readonly string[]): boolean {
  if (typeof value === 'string') return value.length > MEDIA_TEXT_MAX;
  return value.length > MEDIA_LIST_MAX || value.some((item) => item.length > MEDIA_LIST_ITEM_MAX);
}

const encoder = new TextEncoder();

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

export interface MediaFieldProblem {
  field: MediaField;
  level: 'WARN' | 'ERROR';
  message: string;
}

/**
 * What stands between a photo and a clean export, as pure data: values over
 * their IIM byte limit (export refuses them rather than cut them), and the
 * desk's own checks (missing alt text or credit).
 */
export function checkMediaFields(fields: MediaFields): MediaFieldProblem[] {
  const problems: MediaFieldProblem[] = [];
  for (const field of MEDIA_FIELDS) {
    const spec = MEDIA_FIELD_SPECS[field];
    if (spec.iimBytes === null) continue;
    const values = isListField(field) ? fields[field] : [fields[field]];
    for (const value of values) {
      const bytes = utf8Bytes(value);
      if (bytes > spec.iimBytes) {
        const what = isListField(field) ? `${spec.label} “${shorten(value)}”` : spec.label;
        problems.push({ field, level: 'ERROR', message: `${what} is ${bytes} bytes; IPTC allows ${spec.iimBytes}.` });
      }
    }
  }
  if (fields.altText.trim() === '') problems.push({ field: 'altText', level: 'WARN', message: 'Alt text is missing.' });
  if (fields.credit.trim() === '') problems.push({ field: 'credit', level: 'WARN', message: 'Credit is missing.' });
  return problems;
}

/** True when some value exceeds its IIM byte limit. */
export function exceedsIimLimits(fields: MediaFields): boolean {
  return checkMediaFields(fields).some((problem) => problem.level === 'ERROR');
}

function shorten(text: string): string {
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}
