/**
 * Quotation marks per language: the one table Lede types them from (ADR
 * 0063). Keyed by primary language subtag, with a region where usage differs
 * (pt-PT); values follow CLDR's delimiters, as newsrooms of each language
 * print them. A language not listed gets English marks: a curly quote is
 * closer to right than a straight one.
 */
export interface QuoteMarks {
  open: string;
  close: string;
  openSingle: string;
  closeSingle: string;
  /** What ' becomes inside a word (it’s, l’État). */
  apostrophe: string;
}

const marks = (open: string, close: string, openSingle: string, closeSingle: string, apostrophe = '’'): QuoteMarks => ({ open, close, openSingle, closeSingle, apostrophe });

const ENGLISH = marks('“', '”', '‘', '’');

export const QUOTE_MARKS: Readonly<Record<string, QuoteMarks>> = {
  en: ENGLISH,
  de: marks('„', '“', '‚', '‘'),
  fr: marks('«', '»', '“', '”'),
  es: marks('«', '»', '“', '”'),
  pt: marks('“', '”', '‘', '’'),
  'pt-PT': marks('«', '»', '“', '”'),
  it: marks('«', '»', '“', '”'),
  nl: marks('“', '”', '‘', '’'),
  pl: marks('„', '”', '«', '»'),
  tr: marks('“', '”', '‘', '’'),
  ru: marks('«', '»', '„', '“'),
  uk: marks('«', '»', '„', '“'),
  el: marks('«', '»', '“', '”'),
  // Right-to-left scripts keep the logical order: « opens, and the browser mirrors it on screen.
  ar: marks('«', '»', '“', '”'),
  fa: marks('«', '»', '“', '”'),
  ur: marks('«', '»', '“', '”'),
  ps: marks('«', '»', '“', '”'),
  he: marks('”', '”', '’', '’', '׳'),
  hi: ENGLISH,
  bn: ENGLISH,
  sw: ENGLISH,
  zh: ENGLISH,
  ja: marks('「', '」', '『', '』'),
};

/** The marks for a BCP 47 tag: its language and region if listed ("pt-PT"), else its language, else English. */
export function quoteMarksFor(tag: string): QuoteMarks {
  const [language = '', ...rest] = tag.split(/[-_]/);
  const region = rest.find((part) => /^[A-Za-z]{2}$|^\d{3}$/.test(part));
  const withRegion = region ? QUOTE_MARKS[`${language.toLowerCase()}-${region.toUpperCase()}`] : undefined;
  return withRegion ?? QUOTE_MARKS[language.toLowerCase()] ?? ENGLISH;
}

/** After these (or at the start of a paragraph) a quote opens. */
const OPENS_AFTER = /[\s([{<\u2014\u2013/\-„“‚‘«‹「『]$/u;
const WORD_CHARACTER = /[\p{L}\p{N}]$/u;
/** Scripts written without spaces: a quote after one of their characters opens unless one is open. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;

/**
 * What a straight quote typed after `before` (the text block's text up to the
 * caret) becomes in `tag`'s typography. It opens at the start, after a space,
 * bracket or dash; otherwise it closes the quote open in the paragraph; ' after
 * a letter with no single quote open is an apostrophe (it’s, Hans’).
 */
export function typographicQuote(typed: '"' | "'", before: string, tag: string): string {
  const quotes = quoteMarksFor(tag);
  const opening = before === '' || OPENS_AFTER.test(before);
  if (typed === '"') {
    if (opening) return quotes.open;
    if (isOpen(before, quotes.open, quotes.close)) return quotes.close;
    return UNSPACED.test(before) ? quotes.open : quotes.close;
  }
  if (opening) return quotes.openSingle;
  if (isOpen(before, quotes.openSingle, quotes.closeSingle)) return quotes.closeSingle;
  if (WORD_CHARACTER.test(before) && !UNSPACED.test(before)) return quotes.apostrophe;
  return UNSPACED.test(before) ? quotes.openSingle : quotes.closeSingle;
}

/** Whether `text` has a quote of this kind open (for marks that open and close alike: an odd count). */
function isOpen(text: string, open: string, close: string): boolean {
  if (open === close) return text.split(open).length % 2 === 0;
  return text.lastIndexOf(open) > text.lastIndexOf(close);
}
