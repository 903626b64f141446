/**
 * A person's colour in the review layer, as a hue (0–359) from their id: the
 * same person has the same colour on every laptop and in every story, with
 * nothing stored. Hues are spread in steps of 360/12 so that two people are
 * easy to tell apart rather than a few degrees from each other.
 */
export function authorHue(authorId: string): number {
  let hash = 2166136261;
  for (let i = 0; i < authorId.length; i++) {
    hash ^= authorId.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return ((hash >>> 0) % 12) * 30;
}
