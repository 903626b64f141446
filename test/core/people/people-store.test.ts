import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { LedeError } from '../../../shared/errors';
import { PeopleStore, nameKey } from '../../../electron/core/people/people-store';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openDatabase } from '../../../electron/core/store/open-database';
import { makeTempDir } from '../../helpers/temp-dir';
import { TEST_KEY } from '../../helpers/library-key';

let db: Database.Database | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

function store(): PeopleStore {
  db = openDatabase(path.join(makeTempDir(), 'lede.sqlite'), MIGRATIONS, TEST_KEY);
  return new PeopleStore(db);
}

describe('the people directory', () => {
  it('keeps one entry per name, whatever the case, accents or spacing', () => {
    const people = store();
    const first = people.save({ name: 'José  Martínez', bio: '' });
    const again = people.save({ name: 'jose martinez', bio: 'Correspondent in Madrid.' });
    expect(again.id).toBe(first.id);
    expect(people.search('', 10)).toEqual([{ id: first.id, name: 'jose martinez', bio: 'Correspondent in Madrid.' }]);
    expect(nameKey('  JOSÉ   Martínez ')).toBe('jose martinez');
  });

  it('finds people by the start of any word of their name, first names first', () => {
    const people = store();
    people.save({ name: 'Richard Connor', bio: '' });
    people.save({ name: 'Connie Ricci', bio: '' });
    people.save({ name: 'Amira Haddad', bio: '' });
    expect(people.search('con', 10).map((p) => p.name)).toEqual(['Connie Ricci', 'Richard Connor']);
    expect(people.search('RIC', 10).map((p) => p.name)).toEqual(['Richard Connor', 'Connie Ricci']);
    expect(people.search('had', 10).map((p) => p.name)).toEqual(['Amira Haddad']);
    expect(people.search('xyz', 10)).toEqual([]);
    expect(people.search('con', 1)).toHaveLength(1);
  });

  it('treats LIKE wildcards a person types as text', () => {
    const people = store();
    people.save({ name: 'Richard Connor', bio: '' });
    people.save({ name: '100% Reporter_One', bio: '' });
    expect(people.search('%', 10).map((p) => p.name)).toEqual([]);
    expect(people.search('_', 10).map((p) => p.name)).toEqual([]);
    expect(people.search('100%', 10).map((p) => p.name)).toEqual(['100% Reporter_One']);
  });

  it('renames by id, and refuses a rename onto another person\'s name', () => {
    const people = store();
    const richard = people.save({ name: 'Richard Connor', bio: 'Reporter' });
    const amira = people.save({ name: 'Amira Haddad', bio: '' });
    expect(people.save({ id: richard.id, name: 'Richard O. Connor', bio: 'Reporter' })).toEqual({ id: richard.id, name: 'Richard O. Connor', bio: 'Reporter' });
    expect(() => people.save({ id: amira.id, name: 'richard o. connor', bio: '' })).toThrow(LedeError);
    expect(people.get(amira.id)?.name).toBe('Amira Haddad');
  });
});
