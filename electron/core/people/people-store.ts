import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { LedeError } from '../../../shared/errors';
import type { Person } from '../../../shared/model';

/** The people directory: one entry per name, with a short bio, shared by all stories. */
export class PeopleStore {
  constructor(private readonly db: Database) {}

  /** People whose name (or any word of it) starts with the query. */
  search(query: string, limit: number): Person[] {
    const key = nameKey(query);
    if (key === '') {
      return this.db.prepare('SELECT id, name, bio FROM people ORDER BY updated_ms DESC LIMIT ?').all(limit) as Person[];
    }
    const pattern = `${escapeLike(key)}%`;
    return this.db
      .prepare(
        `SELECT id, name, bio FROM people
         WHERE name_key LIKE @pattern ESCAPE '\\' OR name_key LIKE '% ' || @pattern ESCAPE '\\'
         ORDER BY name_key LIKE @pattern ESCAPE '\\' DESC, name COLLATE NOCASE LIMIT @limit`,
      )
      .all({ pattern, limit }) as Person[];
  }

  get(id: string): Person | undefined {
    return this.db.prepare('SELECT id, name, bio FROM people WHERE id = ?').get(id) as Person | undefined;
  }

  /**
   * Creates or updates a person. Without an id, a person of the same name is
   * updated rather than duplicated.
   */
  save(input: { id?: string; name: string; bio?: string | undefined }, now = Date.now()): Person {
    const name = input.name.trim().replace(/\s+/g, ' ');
    const key = nameKey(name);
    const sameName = this.db.prepare('SELECT id, name, bio FROM people WHERE name_key = ?').get(key) as Person | undefined;
    const byId = input.id ? this.get(input.id) : undefined;
    if (byId && sameName && sameName.id !== byId.id) {
      throw new LedeError('invalid_payload', `The directory already has a person called ${sameName.name}.`);
    }
    const existing = byId ?? sameName;
    if (existing) {
      const bio = input.bio ?? existing.bio;
      this.db
        .prepare('UPDATE people SET name = ?, name_key = ?, bio = ?, updated_ms = ? WHERE id = ?')
        .run(name, key, bio, now, existing.id);
      return { id: existing.id, name, bio };
    }
    const id = randomUUID();
    const bio = input.bio ?? '';
    this.db
      .prepare('INSERT INTO people (id, name, name_key, bio, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, key, bio, now, now);
    return { id, name, bio };
  }
}

/** Case- and accent-insensitive key, so "José" and "jose" are one person. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en')
    .trim()
    .replace(/\s+/g, ' ');
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
