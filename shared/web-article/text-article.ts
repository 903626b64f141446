import {
  DURATION,
  editedByNames,
  emptyFields,
  isAgencyWord,
  isDateLine,
  short,
  splitKicker,
  splitNames,
  splitSources,
  type ReadArticleOptions,
  type WebArticleFields,
} from './web-article';

/**
 * A story in a plain-text file, read into the same parts as a web page
 * (ADR 0066). Two shapes are recognised:
 *
 * 1. A labelled header: the first block's lines are "Label: value" with
 *    Lede's field names (Kicker, Headline, Byline, Sources, Teaser, Edited
 *    by…), as newsroom wires and the seed story write them.
 * 2. A page copied from a browser: the first short blocks are the page's
 *    header. The heuristic, in order:
 *    - kicker: a first line of at most 4 words and 40 characters, with no
 *      closing punctuation, followed by a line that can be a headline, is the
 *      kicker, never the headline — when a newsroom section is glued to it
 *      ("PoliticsSyria": split into section and kicker) or a byline follows
 *      the headline; otherwise the first line stays the headline;
 *    - headline: the next single-line block of at most 200 characters;
 *    - byline and date: the next block, when each of its lines is a date
 *      ("October 15, 2025") or a line of names and agencies, and one of them
 *      is a date or starts with "By". "Richard Connor Reuters, AP, AFP": the
 *      agencies are the comma list; the first item's last word is an agency
 *      when it is a known one (or all capitals), else the name is the first
 *      two words (and any particle such as "van" or "al");
 *    - teaser: with a byline or date found, the next one-paragraph block of
 *      at most 400 characters.
 *    In the body: a two-line block whose second line carries a picture
 *    credit ("…Image: Ola Brekke") is a figure (alt text, caption, credit);
 *    a block that is only a running time ("04:44") is a video player — it and
 *    the title line before it are listed, not kept; "Edited by: …" fills
 *    Edited by; a last block starting with the author's name is their bio;
 *    and, in a copied page, a short line with no closing full stop is a subhead.
 *
 * Anything not recognised stays in the body as paragraphs: the heuristic may
 * miss a part, but it never loses text.
 */

export type TextBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'subhead'; text: string }
  | { kind: 'figure'; alt: string; caption: string; credit: string };

export interface TextArticle extends WebArticleFields {
  slug: string;
  dateline: string;
  tags: string[];
  /** The body, in order; a paragraph keeps its line breaks ("\n"). */
  blocks: TextBlock[];
}

const LABELS: Record<string, keyof typeof LABEL_FIELDS> = {};
const LABEL_FIELDS = {
  section: ['section'],
  kicker: ['kicker', 'topic'],
  headline: ['headline', 'title'],
  bylines: ['byline', 'bylines', 'by', 'author', 'authors'],
  sources: ['sources', 'source', 'agencies'],
  date: ['date', 'published'],
  dateline: ['dateline'],
  slug: ['slug'],
  tags: ['tags', 'keywords'],
  teaser: ['teaser', 'standfirst', 'lead', 'summary'],
  figureAlt: ['figure alt', 'image alt', 'alt text'],
  figureCaption: ['figure caption', 'image caption', 'caption'],
  figureCredit: ['figure credit', 'image credit', 'credit'],
  video: ['video'],
  videoAfter: ['video after'],
  editedBy: ['edited by'],
  bio: ['bio'],
} as const;
for (const [field, labels] of Object.entries(LABEL_FIELDS)) for (const label of labels) LABELS[label] = field as keyof typeof LABEL_FIELDS;

const LABEL_LINE = /^([A-Za-z][A-Za-z ]{0,20}):\s*(.*)$/;
/** A picture credit, which a copied page may glue to the caption before it ("…stoppedImage: Ola Brekke"). */
const CREDIT_MARK = /(Image|Photo|Picture|Foto|Bild|Credit):\s*(.+)$/;
const PARTICLES = new Set(['de', 'da', 'del', 'der', 'den', 'van', 'von', 'la', 'le', 'du', 'di', 'al', 'el', 'bin', 'ibn', 'ter', 'ten']);

/** Splits text into blocks at blank lines; each block's lines trimmed. */
function splitBlocks(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n').map((line) => line.trim()).filter(Boolean))
    .filter((lines) => lines.length > 0);
}

export function readTextArticle(text: string, options: ReadArticleOptions): TextArticle {
  const blocks = splitBlocks(text);
  const labelled = blocks[0] ? readLabelledHeader(blocks[0], options) : null;
  if (labelled) return { ...labelled, blocks: [...labelled.blocks, ...readBody(blocks.slice(1), labelled, false)] };
  return readCopiedPage(blocks, options);
}

function article(): TextArticle {
  return { ...emptyFields(), slug: '', dateline: '', tags: [], blocks: [] };
}

/** Shape 1: a block of "Label: value" lines naming at least two of Lede's fields. */
function readLabelledHeader(lines: string[], options: ReadArticleOptions): TextArticle | null {
  const values = new Map<keyof typeof LABEL_FIELDS, string>();
  for (const line of lines) {
    const match = LABEL_LINE.exec(line);
    const field = match ? LABELS[match[1]!.trim().toLowerCase()] : undefined;
    if (!match || !field) return null;
    values.set(field, match[2]!.trim());
  }
  if (values.size < 2 || !values.has('headline')) return null;
  const result = article();
  const get = (field: keyof typeof LABEL_FIELDS) => values.get(field) ?? '';
  const section = get('section');
  result.section = options.sections.find((name) => name.toLowerCase() === section.toLowerCase()) ?? '';
  if (section && !result.section) result.leftOut.push(`the section (${section}), which is not one of the newsroom's`);
  result.kicker = get('kicker');
  result.headline = get('headline');
  result.teaser = get('teaser');
  result.bylines = splitNames(get('bylines'));
  result.sources = splitSources(get('sources'));
  result.editedBy = splitNames(get('editedBy'));
  result.slug = get('slug');
  result.dateline = get('dateline');
  result.tags = get('tags').split(',').map((tag) => tag.trim()).filter(Boolean);
  if (get('date')) result.leftOut.push(`the date (${get('date')})`);
  if (get('bio')) result.leftOut.push(`the author's bio${result.bylines[0] ? ` (${result.bylines[0]})` : ''}`);
  if (get('figureAlt') || get('figureCaption')) {
    result.blocks.push({ kind: 'figure', alt: get('figureAlt'), caption: get('figureCaption'), credit: get('figureCredit') });
  }
  if (get('video')) result.notKept.push({ kind: 'video', description: short(get('video')) });
  return result;
}

function isShortLine(line: string, words: number, chars: number): boolean {
  return line.length <= chars && line.split(/\s+/).length <= words && !/[.!?:;,]$/.test(line);
}

/** A subhead of a copied page: one short line that does not end a sentence with a full stop (a question may). */
function isSubheadLine(line: string): boolean {
  return line.length <= 100 && line.split(/\s+/).length <= 14 && !/[.:;,!]$/.test(line);
}

function canBeHeadline(block: string[] | undefined): boolean {
  return block?.length === 1 && block[0]!.length <= 200 && !/\.$/.test(block[0]!);
}

/** "Richard Connor Reuters, AP, AFP" → names and agencies; null when the line does not read as a byline. */
function readBylineLine(line: string): { names: string[]; sources: string[] } | null {
  if (line.length > 160 || /[.!?]$/.test(line) || isDateLine(line)) return null;
  const words = line.replace(/^by\s+/i, '').split(/\s+/);
  if (words.filter((word) => /^\p{Lu}/u.test(word)).length < Math.ceil(words.length * 0.6)) return null;
  const [first = '', ...agencies] = line.split(/\s*,\s*/);
  const firstWords = first.replace(/^by\s+/i, '').split(/\s+/);
  let nameWords = firstWords;
  let firstAgency = '';
  if (firstWords.length > 1 && isAgencyWord(firstWords[firstWords.length - 1]!)) {
    nameWords = firstWords.slice(0, -1);
    firstAgency = firstWords[firstWords.length - 1]!;
  } else if (agencies.length > 0 && firstWords.length > 2) {
    let count = 0;
    let taken = 0;
    while (taken < firstWords.length - 1 && (count < 2 || PARTICLES.has(firstWords[taken - 1]!.toLowerCase()))) {
      if (!PARTICLES.has(firstWords[taken]!.toLowerCase())) count++;
      taken++;
    }
    nameWords = firstWords.slice(0, taken);
    firstAgency = firstWords.slice(taken).join(' ');
  }
  const sources = [firstAgency, ...agencies].filter(Boolean);
  return { names: splitNames(nameWords.join(' ')), sources: splitSources(sources.join(', ')) };
}

/** A block of byline and date lines ("Richard Connor Reuters, AP, AFP" / "October 15, 2025"), or null. */
function readHeaderBlock(block: string[] | undefined): { names: string[]; sources: string[]; dates: string[] } | null {
  if (!block || block.length > 3) return null;
  const dates = block.filter(isDateLine);
  const bylines = block.filter((line) => !isDateLine(line)).map(readBylineLine);
  const startsWithBy = block.some((line) => /^by\s/i.test(line));
  if (!bylines.every(Boolean) || (dates.length === 0 && !startsWithBy)) return null;
  return { names: bylines.flatMap((byline) => byline!.names), sources: bylines.flatMap((byline) => byline!.sources), dates };
}

/** Shape 2: a page copied from a browser. */
function readCopiedPage(blocks: string[][], options: ReadArticleOptions): TextArticle {
  const result = article();
  let at = 0;
  const first = blocks[0];
  if (first?.length === 1 && isShortLine(first[0]!, 4, 40) && canBeHeadline(blocks[1])) {
    // A kicker only where the page shape says so: a section glued to it, or a byline right after the headline.
    const split = splitKicker([first[0]!], options.sections);
    if (split.section || readHeaderBlock(blocks[2])) {
      result.section = split.section;
      result.kicker = split.kicker;
      at = 1;
    }
  }
  if (canBeHeadline(blocks[at])) result.headline = blocks[at++]![0]!;
  let headerFound = Boolean(result.kicker);
  const header = result.headline ? readHeaderBlock(blocks[at]) : null;
  if (header) {
    result.bylines.push(...header.names);
    result.sources.push(...header.sources);
    for (const date of header.dates) result.leftOut.push(`the date (${date})`);
    headerFound = true;
    at++;
    const teaser = blocks[at];
    if (teaser?.length === 1 && teaser[0]!.length <= 400) {
      result.teaser = teaser[0]!;
      at++;
    }
  }
  result.blocks = readBody(blocks.slice(at), result, headerFound);
  return result;
}

/** The body's blocks, with figures, video players, "Edited by" and the bio taken out. */
function readBody(blocks: string[][], result: TextArticle, copiedPage: boolean): TextBlock[] {
  const body: TextBlock[] = [];
  const author = result.bylines[0];
  blocks.forEach((lines, index) => {
    const joined = lines.join(' ');
    const names = lines.length === 1 ? editedByNames(joined) : null;
    if (names) {
      result.editedBy.push(...names);
      return;
    }
    if (lines.length === 1 && DURATION.test(joined)) {
      const previous = body[body.length - 1];
      const title = previous && previous.kind !== 'figure' && previous.text.length <= 120 && !previous.text.includes('\n') ? previous.text : '';
      if (title) body.pop();
      result.notKept.push({ kind: 'video', description: short(`${title} ${joined.replace(/[()]/g, '')}`) });
      return;
    }
    const credit = lines.length === 2 ? CREDIT_MARK.exec(lines[1]!) : null;
    if (credit) {
      body.push({ kind: 'figure', alt: lines[0]!, caption: lines[1]!.slice(0, credit.index).trim(), credit: credit[2]!.trim() });
      return;
    }
    if (index === blocks.length - 1 && author && lines.length === 1 && joined.startsWith(`${author} `) && joined.length > author.length + 20) {
      result.leftOut.push(`the author's bio (${author})`);
      return;
    }
    if (lines.length === 1 && copiedPage && isSubheadLine(joined) && body.length > 0) {
      body.push({ kind: 'subhead', text: joined });
      return;
    }
    if (lines.length === 1 && /^#{2,3}\s+/.test(joined)) {
      body.push({ kind: 'subhead', text: joined.replace(/^#+\s+/, '') });
      return;
    }
    body.push({ kind: 'paragraph', text: lines.join('\n') });
  });
  return body;
}
