/** Language tags and the direction their script is written in. */

/** Languages whose usual script runs right to left (primary subtag). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg']);
const LTR_SCRIPTS = new Set(['latn', 'cyrl', 'grek', 'deva', 'hans', 'hant', 'jpan', 'kore']);

/** Canonical BCP 47 form of a tag, or null when it is not well formed. */
export function canonicalLanguageTag(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    return canonical ?? null;
  } catch {
    return null;
  }
}

/** Text direction for a BCP 47 tag; an explicit script subtag wins over the language. */
export function languageDirection(tag: string): 'ltr' | 'rtl' {
  // Only the language, extlang, script and region subtags matter: everything
  // from the first singleton on ("-u-nu-latn", "-x-…") is an extension.
  const all = tag.toLowerCase().split(/[-_]/);
  const singleton = all.findIndex((part, index) => index > 0 && part.length === 1);
  const parts = singleton === -1 ? all : all.slice(0, singleton);
  const script = parts.find((part, index) => index > 0 && part.length === 4 && /^[a-z]{4}$/.test(part));
  if (script && RTL_SCRIPTS.has(script)) return 'rtl';
  if (script && LTR_SCRIPTS.has(script)) return 'ltr';
  return RTL_LANGUAGES.has(parts[0] ?? '') ? 'rtl' : 'ltr';
}
