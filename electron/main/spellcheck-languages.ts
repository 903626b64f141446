import { canonicalLanguageTag } from '../../shared/language';

/**
 * Which of Electron's spellcheck dictionaries serve a story's language. On
 * Windows and Linux Electron checks with Hunspell dictionaries named by
 * Chromium's codes ("en-US", "pt-BR", "de"), downloaded at run time from the
 * URL the policy sets; a story is tagged in BCP 47 ("en", "pt-br",
 * "de-AT"). macOS uses the system's own spellchecker, which needs none of this.
 */

/** Chromium's Hunspell dictionaries as Electron lists them; the session's own list is used when it has one. */
export const HUNSPELL_LANGUAGES: readonly string[] = Object.freeze([
  'af', 'bg', 'ca', 'cs', 'cy', 'da', 'de', 'el', 'en-AU', 'en-CA', 'en-GB', 'en-GB-oxendict', 'en-US',
  'es', 'es-419', 'es-AR', 'es-ES', 'es-MX', 'es-US', 'et', 'fa', 'fo', 'fr', 'he', 'hi', 'hr', 'hu', 'hy',
  'id', 'it', 'ko', 'lt', 'lv', 'nb', 'nl', 'pl', 'pt-BR', 'pt-PT', 'ro', 'ru', 'sh', 'sk', 'sl', 'sq',
  'sr', 'sv', 'ta', 'tg', 'tr', 'uk', 'vi',
]);

/** Tags whose dictionary goes by another language code. */
const ALIASES: Record<string, string> = { no: 'nb', nn: 'nb' };

/**
 * The dictionary for one BCP 47 tag, or null when there is none (Arabic,
 * Urdu, Japanese…): then that language is not checked, rather than checked
 * with a dictionary that marks every word wrong. Tried in order: the tag
 * itself; its language and likely region ("en" → "en-US", "pt" → "pt-BR");
 * the bare language ("de-AT" → "de"); the language's own likely region
 * ("en-IE" → "en-US"); any dictionary of the language.
 */
export function dictionaryFor(tag: string, available: readonly string[] = HUNSPELL_LANGUAGES): string | null {
  const canonical = canonicalLanguageTag(tag);
  if (!canonical) return null;
  const byLower = new Map(available.map((code) => [code.toLowerCase(), code]));
  const find = (code: string | null | undefined) => (code ? (byLower.get(code.toLowerCase()) ?? null) : null);

  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(canonical);
  } catch {
    return null;
  }
  const language = ALIASES[locale.language] ?? locale.language;
  const likely = safeMaximize(locale);
  const languageLikely = safeMaximize(new Intl.Locale(language));
  const candidates = [
    canonical,
    likely?.region ? `${language}-${likely.region}` : null,
    language,
    languageLikely?.region ? `${language}-${languageLikely.region}` : null,
  ];
  for (const candidate of candidates) {
    const found = find(candidate);
    if (found) return found;
  }
  return available.find((code) => code.toLowerCase().startsWith(`${language}-`)) ?? null;
}

function safeMaximize(locale: Intl.Locale): Intl.Locale | null {
  try {
    return locale.maximize();
  } catch {
    return null;
  }
}

/** The dictionaries for a list of tags (story language first), without repeats or gaps. */
export function dictionariesFor(tags: readonly string[], available: readonly string[] = HUNSPELL_LANGUAGES): string[] {
  const found: string[] = [];
  for (const tag of tags) {
    const code = dictionaryFor(tag, available);
    if (code && !found.includes(code)) found.push(code);
  }
  return found;
}
