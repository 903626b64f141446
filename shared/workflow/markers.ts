/**
 * Placeholders a writer leaves to fill in later. Newsrooms write "TK" ("to
 * come") because almost no word contains those letters, so a search finds
 * every one: `TK`, `TKTK`, `TKK` as a word in capitals. Lede also treats
 * `[[…]]` (a note to self in double brackets, e.g. "[[check spelling]]") and
 * `##` (the wire services' "more to come" marker) as unresolved. A story
 * holding any of them is not ready.
 */
const MARKER = /(?<![\p{L}\p{N}])(?:TK)+K?(?![\p{L}\p{N}])|\[\[[^\]\n]*\]\]|##/gu;

export interface MarkerHit {
  marker: string;
  index: number;
}

export function findMarkers(text: string): MarkerHit[] {
  const hits: MarkerHit[] = [];
  for (const match of text.matchAll(MARKER)) hits.push({ marker: match[0], index: match.index ?? 0 });
  return hits;
}
