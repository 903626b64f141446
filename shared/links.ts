/** Which link targets a story may carry. Anything else is dropped on paste and on input. */

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

export function isSafeLinkHref(href: string): boolean {
  const trimmed = href.trim();
  if (trimmed === '') return false;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return false;
  }
  return SAFE_PROTOCOLS.has(url.protocol);
}

/** Turns what a person types into a link target ("example.com" → "https://example.com"), or null. */
export function normaliseLinkInput(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  // "https://…", "mailto:…" and "tel:…" are taken as typed; anything else is
  // a host ("example.com:8080/live", "localhost:3000") and gets https://. A
  // "javascript:…" typed here becomes an invalid https URL and is refused.
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || /^(mailto|tel):/i.test(trimmed);
  const candidate = hasScheme ? trimmed : `https://${trimmed}`;
  return isSafeLinkHref(candidate) ? candidate : null;
}
