import * as Y from 'yjs';
import { applyTextChange, articleParts } from '../article-doc';

/**
 * Suggested replacements for the headline, kicker and teaser (ADR 0072,
 * addendum). A field is one short line: a suggestion for it is the whole
 * text someone proposes instead, shown beside the field, never mixed into
 * it. They live in the story's document (a `fieldSuggestions` map), so they
 * sync, merge and are kept in revisions like the body's suggestions.
 *
 * One suggestion per person per field: suggesting again replaces one's own.
 * Two people suggesting offline keep both. Accepting one writes its text
 * into the field as the smallest edit (a colleague typing in the field
 * meanwhile keeps their letters) and removes it; the others stay, showing
 * what they would replace. If one laptop accepts while another rejects
 * offline, the accepted text stands: rejecting only removes the suggestion,
 * it has no text to take away.
 */

export const FIELD_SUGGESTIONS_MAP = 'fieldSuggestions';
export const SUGGESTIBLE_FIELDS = ['kicker', 'headline', 'teaser'] as const;
export type SuggestibleField = (typeof SUGGESTIBLE_FIELDS)[number];

/** Longest suggested field text kept: far past any newsroom's limit, short of a pasted story. */
const MAX_SUGGESTED_CHARS = 2_000;

export const FIELD_LABELS: Record<SuggestibleField, string> = { kicker: 'Kicker', headline: 'Headline', teaser: 'Teaser' };

export interface FieldSuggestionAuthor {
  authorId: string;
  authorName: string;
}

export interface FieldSuggestion extends FieldSuggestionAuthor {
  /** `field:authorId`, the map's key. */
  id: string;
  field: SuggestibleField;
  /** The text suggested instead of the field's. */
  text: string;
  /** The field's text when it was suggested: what it would replace. */
  was: string;
  /** ISO 8601. */
  at: string;
}

function suggestionsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(FIELD_SUGGESTIONS_MAP);
}

export function fieldSuggestionId(field: SuggestibleField, authorId: string): string {
  return `${field}:${authorId}`;
}

const isField = (value: unknown): value is SuggestibleField => (SUGGESTIBLE_FIELDS as readonly unknown[]).includes(value);

/** A field's text as one line: fields take no line breaks (the same rule as typing in them). */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/**
 * Sets this person's suggestion for a field to `text`; suggesting the
 * field's own text (or nothing different) takes the suggestion back.
 */
export function suggestField(doc: Y.Doc, field: SuggestibleField, text: string, author: FieldSuggestionAuthor, at: string): void {
  const current = articleParts(doc)[field].toString();
  const next = oneLine(text);
  const id = fieldSuggestionId(field, author.authorId);
  const map = suggestionsMap(doc);
  if (next.length > MAX_SUGGESTED_CHARS) throw new Error(`A suggested ${FIELD_LABELS[field].toLowerCase()} can be at most ${MAX_SUGGESTED_CHARS.toLocaleString('en')} characters.`);
  doc.transact(() => {
    if (next === current) {
      if (map.has(id)) map.delete(id);
      return;
    }
    const existing = readEntry(id, map.get(id));
    // Still the person's suggestion on the same text: what it replaces stays what it first replaced.
    const was = existing ? existing.was : current;
    map.set(id, { field, text: next, was, authorId: author.authorId, authorName: author.authorName, at });
  });
}

function readEntry(id: string, value: unknown): FieldSuggestion | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  if (!isField(raw.field) || typeof raw.text !== 'string' || typeof raw.authorId !== 'string') return null;
  // The key names the field and the author: an entry claiming another is not believed.
  if (id !== fieldSuggestionId(raw.field, raw.authorId)) return null;
  return {
    id,
    field: raw.field,
    text: oneLine(raw.text).slice(0, MAX_SUGGESTED_CHARS),
    was: typeof raw.was === 'string' ? raw.was : '',
    authorId: raw.authorId,
    authorName: typeof raw.authorName === 'string' ? raw.authorName : '',
    at: typeof raw.at === 'string' ? raw.at : '',
  };
}

/** Every field suggestion, in the order of the form (kicker, headline, teaser), then oldest first; malformed entries (a broken peer's) left out. */
export function listFieldSuggestions(doc: Y.Doc): FieldSuggestion[] {
  const found: FieldSuggestion[] = [];
  suggestionsMap(doc).forEach((value, id) => {
    const entry = readEntry(id, value);
    if (entry) found.push(entry);
  });
  const order = (field: SuggestibleField) => SUGGESTIBLE_FIELDS.indexOf(field);
  return found.sort((a, b) => order(a.field) - order(b.field) || a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

const GONE = 'That suggestion is no longer in the story.';

/** Writes the suggested text into its field (the smallest edit) and removes the suggestion. */
export function acceptFieldSuggestion(doc: Y.Doc, id: string): void {
  const map = suggestionsMap(doc);
  const entry = readEntry(id, map.get(id));
  if (!entry) throw new Error(GONE);
  doc.transact(() => {
    applyTextChange(articleParts(doc)[entry.field], entry.text);
    map.delete(id);
  });
}

export function rejectFieldSuggestion(doc: Y.Doc, id: string): void {
  const map = suggestionsMap(doc);
  if (!map.has(id)) throw new Error(GONE);
  doc.transact(() => map.delete(id));
}

/** "Accept all" / "Reject all" for the fields: one change. Two suggestions for one field: the newest is accepted. */
export function settleAllFieldSuggestions(doc: Y.Doc, accept: boolean): void {
  const all = listFieldSuggestions(doc);
  const map = suggestionsMap(doc);
  doc.transact(() => {
    if (accept) {
      const newest = new Map<SuggestibleField, FieldSuggestion>();
      for (const entry of all) newest.set(entry.field, entry);
      for (const entry of newest.values()) applyTextChange(articleParts(doc)[entry.field], entry.text);
    }
    for (const entry of all) map.delete(entry.id);
    // Malformed entries go too: nothing is left that nobody can see or settle.
    for (const key of [...map.keys()]) map.delete(key);
  });
}
