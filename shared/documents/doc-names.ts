import { MEDIA_HASH } from '../media-hash';

/**
 * The names of Lede's documents, `<kind>:<id>`: one place that builds them
 * and one that reads them, used by core, the sync client and the server.
 * A name is read strictly (a story's id is a UUID, a photo's the sha256 of
 * its file), because the server reads names chosen by whoever connects.
 */
export const DOC_KINDS = ['article', 'media'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

const ID_PATTERNS: Record<DocKind, RegExp> = {
  article: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  media: MEDIA_HASH,
};

export function docNameOf(kind: DocKind, id: string): string {
  return `${kind}:${id}`;
}

/** The kind and id a document name stands for, or null for any other name. */
export function parseDocName(name: string): { kind: DocKind; id: string } | null {
  const colon = name.indexOf(':');
  if (colon < 0) return null;
  const kind = name.slice(0, colon) as DocKind;
  const id = name.slice(colon + 1);
  if (!DOC_KINDS.includes(kind) || !ID_PATTERNS[kind].test(id)) return null;
  return { kind, id };
}

/** The kind of a well-formed document name, or null. */
export function docKindOf(name: string): DocKind | null {
  return parseDocName(name)?.kind ?? null;
}

/** The id inside a name of the given kind, or null when the name is of another kind or malformed. */
export function docIdOf(kind: DocKind, name: string): string | null {
  const parsed = parseDocName(name);
  return parsed?.kind === kind ? parsed.id : null;
}
