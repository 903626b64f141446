import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, seedArticle } from '../../shared/article-doc';
import { articleServerGuard } from '../../shared/documents/article-kind';
import { mayTouchWatched } from '../../server/guard/update-reach';
import { copyWithOnlyMap } from '../../server/guard/watched-copy';

/** The server's copy of a story, and a laptop's copy that sends it updates. */
function pair() {
  const server = new Y.Doc();
  seedArticle(server, { createdAt: '2026-12-02T10:00:00+00:00', language: 'en', headline: 'Minister resigns', desk: 'Politics' });
  const laptop = new Y.Doc();
  Y.applyUpdate(laptop, Y.encodeStateAsUpdate(server));
  const change = (edit: (doc: Y.Doc) => void): Uint8Array => {
    const before = Y.encodeStateVector(laptop);
    edit(laptop);
    return Y.encodeStateAsUpdate(laptop, before);
  };
  return { server, laptop, change };
}

const watched = articleServerGuard.watched;

describe('which updates the server must look at in full', () => {
  it('typing, headlines, slugs and sections are let through unread', () => {
    const { server, change } = pair();
    for (const edit of [
      (doc: Y.Doc) => articleParts(doc).headline.insert(0, 'Update: '),
      (doc: Y.Doc) => articleParts(doc).body.insert(0, [new Y.XmlText('Text')]),
      (doc: Y.Doc) => articleParts(doc).meta.set('slug', 'minister-resigns'),
      (doc: Y.Doc) => articleParts(doc).meta.set('section', 'World'),
      (doc: Y.Doc) => articleParts(doc).meta.set('section', 'Europe'),
      (doc: Y.Doc) => articleParts(doc).headline.delete(0, 8),
    ]) {
      const update = change(edit);
      expect(mayTouchWatched(server, update, watched)).toBe(false);
      Y.applyUpdate(server, update);
    }
  });

  it.each([
    ['a status set over the old one', (doc: Y.Doc) => articleParts(doc).meta.set('status', 'published')],
    ['a desk', (doc: Y.Doc) => articleParts(doc).meta.set('desk', 'Sport')],
    ['a desk removed (a deletion only)', (doc: Y.Doc) => articleParts(doc).meta.delete('desk')],
    ['trash', (doc: Y.Doc) => articleParts(doc).meta.set('trashedAt', 'x')],
    ['the creation date', (doc: Y.Doc) => articleParts(doc).meta.set('createdAt', 'x')],
    ['a status set twice in one update', (doc: Y.Doc) => doc.transact(() => {
      articleParts(doc).meta.set('status', 'in_edit');
      articleParts(doc).meta.set('status', 'ready');
    })],
  ])('%s is looked at', (_what, edit) => {
    const { server, change } = pair();
    expect(mayTouchWatched(server, change(edit), watched)).toBe(true);
  });

  it('anything the server cannot place is looked at: a gap in a client’s clock, an unknown origin, garbage', () => {
    const { server, laptop, change } = pair();
    const first = change((doc) => articleParts(doc).headline.insert(0, 'A'));
    const second = change((doc) => articleParts(doc).headline.insert(1, 'B'));
    expect(mayTouchWatched(server, second, watched)).toBe(true);
    Y.applyUpdate(server, first);
    expect(mayTouchWatched(server, second, watched)).toBe(false);
    expect(mayTouchWatched(server, new Uint8Array([1, 2, 3, 250]), watched)).toBe(true);
    expect(laptop.getText('headline').toString()).toBe('ABMinister resigns');
  });

  it('what the server already has is skipped', () => {
    const { server, change } = pair();
    const update = change((doc) => articleParts(doc).meta.set('status', 'in_edit'));
    Y.applyUpdate(server, update);
    expect(mayTouchWatched(server, update, watched)).toBe(false);
  });
});

describe('the copy of one map the server judges on', () => {
  const KEYS = ['status', 'desk', 'trashedAt', 'slug', 'section'];
  const VALUES = ['draft', 'ready', 'published', 'Politics', 'Sport', null];

  /** A small deterministic random source, so a failure can be replayed. */
  function random(seed: number) {
    let state = seed >>> 0 || 1;
    return () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
  }

  it.each(Array.from({ length: 40 }, (_, index) => index + 1))('reads and takes updates exactly like the whole document (seed %i)', (seed) => {
    const next = random(seed);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const server = new Y.Doc();
    seedArticle(server, { createdAt: '2026-12-02T10:00:00+00:00', language: 'en', headline: 'Minister resigns', desk: 'Politics' });
    const laptops = [0, 1, 2].map(() => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
      return doc;
    });
    for (let step = 0; step < 60; step++) {
      const laptop = pick(laptops);
      const roll = next();
      if (roll < 0.4) articleParts(laptop).headline.insert(Math.floor(next() * articleParts(laptop).headline.length), 'word ');
      else if (roll < 0.5) articleParts(laptop).meta.delete(pick(KEYS));
      else {
        const value = pick(VALUES);
        articleParts(laptop).meta.set(pick(KEYS), value);
      }
      // Now and then a laptop syncs with the server both ways (concurrent edits meet there).
      if (next() < 0.3) {
        const update = Y.encodeStateAsUpdate(laptop, Y.encodeStateVector(server));
        const copy = copyWithOnlyMap(server, 'meta');
        Y.applyUpdate(copy, update);
        Y.applyUpdate(server, update);
        expect(copy.store.pendingStructs).toBeNull();
        expect(articleParts(copy).meta.toJSON()).toEqual(articleParts(server).meta.toJSON());
        Y.applyUpdate(laptop, Y.encodeStateAsUpdate(server, Y.encodeStateVector(laptop)));
      }
    }
    expect(articleParts(copyWithOnlyMap(server, 'meta')).meta.toJSON()).toEqual(articleParts(server).meta.toJSON());
    expect(Y.encodeStateVector(copyWithOnlyMap(server, 'meta'))).toEqual(Y.encodeStateVector(server));
  });
});
