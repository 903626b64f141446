import type * as Y from 'yjs';
import type { Byline, BylineRole, Person } from '../../../shared/model';
import { lede } from '../../api/client';

/**
 * Bylines are plain objects in a Y.Array, so changing one means replacing it
 * in place. The index is looked up by id inside the transaction, because a
 * colleague's edit may have moved it since the screen was drawn.
 */
export function updateByline(array: Y.Array<Byline>, id: string, patch: Partial<Omit<Byline, 'id'>>): void {
  array.doc?.transact(() => {
    const index = array.toArray().findIndex((byline) => byline.id === id);
    if (index < 0) return;
    const next: Byline = { ...array.get(index), ...patch };
    // Optional fields are left out rather than stored as empty strings.
    if (!next.organisation) delete next.organisation;
    if (!next.personId) delete next.personId;
    array.delete(index, 1);
    array.insert(index, [next]);
  });
}

export function removeByline(array: Y.Array<Byline>, id: string): void {
  array.doc?.transact(() => {
    const index = array.toArray().findIndex((byline) => byline.id === id);
    if (index >= 0) array.delete(index, 1);
  });
}

export function addByline(array: Y.Array<Byline>, person: { name: string; personId?: string }, role: BylineRole = 'author'): void {
  const byline: Byline = { id: newId(), name: person.name, role };
  if (person.personId) byline.personId = person.personId;
  array.doc?.transact(() => array.push([byline]));
}

/** A name as the directory compares it: case and accents do not make a different person. */
function nameKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().trim().replace(/\s+/g, ' ');
}

/** Same rule as the directory: case and accents do not make a different person. */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** Whether what someone is typing could be `name`: the start of it, or of one of its words ("con" for Richard Connor). */
export function startsName(name: string, typed: string): boolean {
  const wanted = nameKey(typed);
  if (wanted === '') return false;
  const key = nameKey(name);
  return key.startsWith(wanted) || key.split(' ').some((word) => word.startsWith(wanted));
}

/**
 * The directory entry for a name, creating it when there is none. Looks
 * first, because saving a name that exists would overwrite that person's bio.
 */
export async function personForName(name: string): Promise<{ ok: true; person: Person } | { ok: false; message: string }> {
  const found = await lede().invoke('people.search', { query: name, limit: 20 });
  if (found.ok) {
    const match = found.value.find((person) => sameName(person.name, name));
    if (match) return { ok: true, person: match };
  }
  const saved = await lede().invoke('people.save', { name, bio: '' });
  return saved.ok ? { ok: true, person: saved.value } : { ok: false, message: saved.error.message };
}

/** randomUUID needs a secure context; an app:// page that is not registered as one still gets a unique id. */
function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
