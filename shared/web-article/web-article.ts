/**
 * A published web article, read into the parts of a story (ADR 0066). A page
 * pasted whole, a saved .html page and a copied page saved as .txt carry the
 * same parts — kicker, headline, byline with agencies, date, teaser, body,
 * "Edited by", the author's bio — and all three readers (`html-article.ts`,
 * `text-article.ts`) answer with this one shape, so paste and import map a
 * page the same way. Pure: no DOM library, no Node.
 */

/** A picture or video of the page that the story could not keep, said to the person instead of dropped silently. */
export interface NotKeptMedia {
  kind: 'image' | 'video';
  /** What it was, in the page's own words: alt text or caption, a video's title and duration. */
  description: string;
}

export interface WebArticleFields {
  headline: string;
  kicker: string;
  /** The section named in the kicker line ("Politics" of "Politics · Syria"), when it is one of the newsroom's. */
  section: string;
  teaser: string;
  /** Authors' names, in the page's order. */
  bylines: string[];
  /** Agencies the byline credits ("Reuters, AP, AFP"). */
  sources: string[];
  editedBy: string[];
  /** What the page showed that no story field takes from a paste or import: the date, the author's bio. */
  leftOut: string[];
  notKept: NotKeptMedia[];
}

export interface ReadArticleOptions {
  /** The newsroom's sections: a kicker line that starts with one names the story's section. */
  sections: readonly string[];
}

export function emptyFields(): WebArticleFields {
  return { headline: '', kicker: '', section: '', teaser: '', bylines: [], sources: [], editedBy: [], leftOut: [], notKept: [] };
}

/** A video player's running time as the page prints it: "04:44", "1:02:03". */
export const DURATION = /^\(?\d{1,2}:\d{2}(?::\d{2})?\)?$/;

/** A date line as news sites print it: "October 15, 2025", "15 October 2025", "15.10.2025", "2025-10-15", with an optional time. */
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_LINE = new RegExp(
  `^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?(?:(?:${MONTHS})\\.?\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\.?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}|\\d{1,2}[./]\\d{1,2}[./]\\d{4}|\\d{4}-\\d{2}-\\d{2})(?:,?\\s+(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s+[A-Z]{2,5})?)?$`,
  'i',
);

export function isDateLine(text: string): boolean {
  return DATE_LINE.test(text.trim());
}

/**
 * News agencies a byline line names after the author ("Richard Connor Reuters,
 * AP, AFP"): where the page put no mark between the name and the first
 * agency, this list (and an all-capitals word such as "AFP") tells them apart.
 */
export const KNOWN_AGENCIES = [
  'Reuters', 'AP', 'AFP', 'dpa', 'DPA', 'EFE', 'ANSA', 'KNA', 'epd', 'Bloomberg', 'TASS', 'Xinhua', 'Anadolu',
  'Kyodo', 'Yonhap', 'Lusa', 'PA', 'APA', 'SDA', 'Keystone-SDA', 'NTB', 'TT', 'Ritzau', 'STT', 'Belga', 'ANP', 'CTK', 'PAP', 'MTI',
];

const KNOWN_AGENCY_WORDS = new Set(KNOWN_AGENCIES.map((agency) => agency.toLowerCase()));

export function isAgencyWord(word: string): boolean {
  return KNOWN_AGENCY_WORDS.has(word.toLowerCase()) || /^[A-Z]{2,5}$/.test(word);
}

/** Names in a list as pages write them: "Ana Ruiz, Tom Berg and Li Wei", "By Ana Ruiz & Tom Berg". */
export function splitNames(text: string): string[] {
  return text
    .replace(/^\s*(?:by|von|par|por|di)\s+/i, '')
    .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*/)
    .map((name) => name.trim())
    .filter((name) => name !== '' && name.length <= 80);
}

/** Agencies as a byline lists them: "Reuters, AP, AFP", "(dpa, AFP)", "Reuters/AP". */
export function splitSources(text: string): string[] {
  return text
    .replace(/^[\s(]+|[\s)]+$/g, '')
    .split(/\s*[,;/]\s*/)
    .map((source) => source.trim())
    .filter((source) => source !== '' && source.length <= 60);
}

/** "Edited by: Tomas Berg" → ["Tomas Berg"]; null when the text is not an "Edited by" line. */
export function editedByNames(text: string): string[] | null {
  const match = /^edited by\b:?\s*(.*)$/i.exec(text.trim());
  return match ? splitNames(match[1]!) : null;
}

/**
 * A kicker line split into section and kicker: "Politics" + "Syria" (two
 * items, the first a newsroom section) gives section Politics and kicker
 * Syria. A copied page may have glued the two ("PoliticsSyria"): a section
 * name followed directly by a capital letter is split there too.
 */
export function splitKicker(items: string[], sections: readonly string[]): { section: string; kicker: string } {
  const parts = items.map((item) => item.trim()).filter(Boolean);
  const sectionOf = (word: string) => sections.find((section) => section.toLowerCase() === word.toLowerCase()) ?? '';
  if (parts.length >= 2 && sectionOf(parts[0]!)) return { section: sectionOf(parts[0]!), kicker: parts.slice(1).join(' · ') };
  if (parts.length === 1) {
    const only = parts[0]!;
    for (const section of sections) {
      const rest = only.slice(section.length);
      if (only.toLowerCase().startsWith(section.toLowerCase()) && /^\s*\p{Lu}/u.test(rest)) return { section, kicker: rest.trim() };
    }
  }
  return { section: '', kicker: parts.join(' · ') };
}

/** Shortens a description for a one-line notice. */
export function short(text: string, max = 80): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

/** "1 image (“The ferry Solvind…”), 1 video (Can a night ferry pay its way? 04:44)"; empty when nothing was dropped. */
export function describeNotKept(media: readonly NotKeptMedia[]): string {
  const group = (kind: NotKeptMedia['kind'], one: string, many: string) => {
    const items = media.filter((item) => item.kind === kind);
    if (items.length === 0) return '';
    const descriptions = items.map((item) => item.description).filter(Boolean);
    return `${items.length} ${items.length === 1 ? one : many}${descriptions.length ? ` (${descriptions.join('; ')})` : ''}`;
  };
  return [group('image', 'image', 'images'), group('video', 'video', 'videos')].filter(Boolean).join(', ');
}

/** What a person is told about the parts that did not become part of the story (import notes, the paste prompt). */
export function articleNotes(fields: Pick<WebArticleFields, 'notKept' | 'leftOut'>): string[] {
  const notes: string[] = [];
  const notKept = describeNotKept(fields.notKept);
  if (notKept) notes.push(`Not kept: ${notKept}.`);
  if (fields.leftOut.length) notes.push(`Left out: ${fields.leftOut.join(', ')}.`);
  return notes;
}
