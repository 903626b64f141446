import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, articleParts } from '../../shared/article-doc';
import { noteOfflineEdits, readRewritable, replacedMost, rivalOffer, rivalsOf, settleRival } from '../../shared/field-rewrites';
import { resolveConcurrentRewrites } from '../../server/guard/concurrent-rewrites';

const ORIGINAL = "Syria's new leader visits Moscow for talks with Putin";
const RICHARD = 'Syria seeks new start with Russia as Sharaa visits Kremlin';
const WESLEY = 'Al-Sharaa meets Putin in first Moscow visit';
const CAROL = 'Sharaa and Putin talk bases and debts';

describe('replacedMost: the detection rule', () => {
  it('a rewrite deletes at least half of the original and inserts new text', () => {
    expect(replacedMost(ORIGINAL, RICHARD)).toBe(true);
    expect(replacedMost(ORIGINAL, WESLEY)).toBe(true);
  });
  it('a one-word edit is not a rewrite', () => {
    expect(replacedMost(ORIGINAL, ORIGINAL.replace('new', 'interim'))).toBe(false);
    expect(replacedMost(ORIGINAL, `${ORIGINAL}!`)).toBe(false);
  });
  it('exactly half deleted and replaced counts; just under half does not', () => {
    expect(replacedMost('abcdefgh', 'abcdWXYZ')).toBe(true);
    expect(replacedMost('abcdefgh', 'abcdeXYZ')).toBe(false);
  });
  it('an empty original is replaced by any text; emptying or keeping a field is not a rewrite', () => {
    expect(replacedMost('', 'Syria')).toBe(true);
    expect(replacedMost(ORIGINAL, '')).toBe(false);
    expect(replacedMost(ORIGINAL, ORIGINAL)).toBe(false);
    expect(replacedMost(ORIGINAL, 'Syria')).toBe(false);
  });
  it('counts characters, not UTF-16 units', () => {
    expect(replacedMost('😀😀ab', '😀😀XY')).toBe(true);
    expect(replacedMost('😀😀😀ab', '😀😀😀XY')).toBe(false);
  });
});

/** A server document that resolves like the sync server does: on updates from a writer. */
function serverDoc() {
  const doc = new Y.Doc();
  let resolved = 0;
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin === 'writer') resolved += resolveConcurrentRewrites(doc, 'article', transaction);
  });
  return { doc, resolved: () => resolved };
}

function laptop(server: Y.Doc, name: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return {
    doc,
    name,
    /** An edit of the headline while offline, noted as the laptop's core does. */
    rewrite(next: string) {
      const before = readRewritable(doc, 'article');
      doc.transact(() => {
        applyTextChange(articleParts(doc).headline, next);
        noteOfflineEdits(doc, 'article', before, { by: name, at: '2026-12-03T07:00:00.000Z', since: 1 });
      });
    },
    /** Reconnect: send what the server lacks, as one update (sync step 2), then take what it has. */
    sync() {
      Y.applyUpdate(server, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server)), 'writer');
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
    },
  };
}

function seeded() {
  const server = serverDoc();
  server.doc.transact(() => articleParts(server.doc).headline.insert(0, ORIGINAL));
  return server;
}

describe('concurrent rewrites resolve to one whole version', () => {
  it('two laptops: the server keeps the first stored, the second is the rival; all converge', () => {
    const server = seeded();
    const a = laptop(server.doc, 'Richard Connor');
    const b = laptop(server.doc, 'Wesley Rahn');
    a.rewrite(RICHARD);
    b.rewrite(WESLEY);
    a.sync();
    b.sync();
    a.sync();
    expect(server.resolved()).toBe(1);
    for (const doc of [server.doc, a.doc, b.doc]) {
      expect(articleParts(doc).headline.toString()).toBe(RICHARD);
      const rivals = rivalsOf(doc, 'headline');
      expect(rivals.map((r) => [r.rival.text, r.rival.by, r.rival.keptBy])).toEqual([[WESLEY, 'Wesley Rahn', 'Richard Connor']]);
    }
    // Richard is offered Wesley's; Wesley is offered Richard's, his own "Keep mine" writing his back.
    const rival = rivalsOf(a.doc, 'headline')[0]!.rival;
    expect(rivalOffer('article', rival, 'Richard Connor')).toMatchObject({ name: 'Wesley Rahn', text: WESLEY, useWrites: WESLEY, keepWrites: null, mine: null });
    expect(rivalOffer('article', rival, 'Wesley Rahn')).toMatchObject({ name: 'Richard Connor', text: RICHARD, useWrites: null, keepWrites: WESLEY, mine: WESLEY });
  });

  it('"Use this" is an ordinary edit that syncs, and clears the notice everywhere, once', () => {
    const server = seeded();
    const a = laptop(server.doc, 'Richard Connor');
    const b = laptop(server.doc, 'Wesley Rahn');
    a.rewrite(RICHARD);
    b.rewrite(WESLEY);
    a.sync();
    b.sync();
    a.sync();
    const { id } = rivalsOf(a.doc, 'headline')[0]!;
    settleRival(a.doc, 'article', id, WESLEY);
    a.sync();
    b.sync();
    for (const doc of [server.doc, a.doc, b.doc]) {
      expect(articleParts(doc).headline.toString()).toBe(WESLEY);
      expect(rivalsOf(doc, 'headline')).toEqual([]);
    }
    expect(server.resolved()).toBe(1);
  });

  it('three laptops in any order: one whole version, the two others as rivals', () => {
    for (const order of [[0, 1, 2], [2, 0, 1], [1, 2, 0]]) {
      const server = seeded();
      const laptops = [laptop(server.doc, 'Richard Connor'), laptop(server.doc, 'Wesley Rahn'), laptop(server.doc, 'Carol Ng')];
      const texts = [RICHARD, WESLEY, CAROL];
      laptops.forEach((l, i) => l.rewrite(texts[i]!));
      for (const i of order) laptops[i]!.sync();
      for (const l of laptops) l.sync();
      const first = texts[order[0]!]!;
      for (const doc of [server.doc, ...laptops.map((l) => l.doc)]) {
        expect(articleParts(doc).headline.toString()).toBe(first);
        expect(rivalsOf(doc, 'headline').map((r) => r.rival.text).sort()).toEqual(texts.filter((t) => t !== first).sort());
      }
    }
  });

  it('a word edited on one side against a rewrite on the other merges as before, with no notice', () => {
    for (const editFirst of [true, false]) {
      const server = seeded();
      const a = laptop(server.doc, 'Richard Connor');
      const b = laptop(server.doc, 'Wesley Rahn');
      a.rewrite(ORIGINAL.replace('new leader', 'president'));
      b.rewrite(WESLEY);
      if (editFirst) a.sync();
      b.sync();
      a.sync();
      b.sync();
      expect(server.resolved()).toBe(0);
      expect(rivalsOf(server.doc, 'headline')).toEqual([]);
      const merged = articleParts(server.doc).headline.toString();
      expect(articleParts(a.doc).headline.toString()).toBe(merged);
      expect(merged).toContain('president');
    }
  });

  it('both typed into an empty headline: one whole version', () => {
    const server = serverDoc();
    server.doc.getMap('meta').set('status', 'draft');
    const a = laptop(server.doc, 'Richard Connor');
    const b = laptop(server.doc, 'Wesley Rahn');
    a.rewrite(RICHARD);
    b.rewrite(WESLEY);
    b.sync();
    a.sync();
    b.sync();
    expect(articleParts(server.doc).headline.toString()).toBe(WESLEY);
    expect(articleParts(a.doc).headline.toString()).toBe(WESLEY);
    expect(rivalsOf(a.doc, 'headline')[0]!.rival.text).toBe(RICHARD);
  });

  it('the same rewrite on both laptops stays once, with no rival', () => {
    const server = seeded();
    const a = laptop(server.doc, 'Richard Connor');
    const b = laptop(server.doc, 'Wesley Rahn');
    a.rewrite(RICHARD);
    b.rewrite(RICHARD);
    a.sync();
    b.sync();
    a.sync();
    expect(articleParts(a.doc).headline.toString()).toBe(RICHARD);
    expect(rivalsOf(a.doc, 'headline')).toEqual([]);
  });

  it('an update sent again (a lost acknowledgement) is not judged twice', () => {
    const server = seeded();
    const a = laptop(server.doc, 'Richard Connor');
    const b = laptop(server.doc, 'Wesley Rahn');
    a.rewrite(RICHARD);
    b.rewrite(WESLEY);
    a.sync();
    const fromB = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(server.doc));
    Y.applyUpdate(server.doc, fromB, 'writer');
    Y.applyUpdate(server.doc, fromB, 'writer');
    expect(server.resolved()).toBe(1);
    expect(articleParts(server.doc).headline.toString()).toBe(RICHARD);
  });
});

describe('no text is lost to a resolution', () => {
  it('text the update brings beyond what its note says is in the rival version (typing a restarted server never stored)', () => {
    const server = seeded();
    const a = laptop(server.doc, 'Richard Connor');
    const b = laptop(server.doc, 'Wesley Rahn');
    a.rewrite(RICHARD);
    a.sync();
    b.rewrite(WESLEY);
    // Typed once the laptop counted as live again: no note. The server relayed it, then was killed before it
    // stored it, and so receives it again only now, in one update with the note written offline.
    const headline = articleParts(b.doc).headline;
    b.doc.transact(() => headline.insert(headline.length, ' today'));
    b.sync();
    a.sync();
    expect(server.resolved()).toBe(1);
    for (const doc of [server.doc, a.doc, b.doc]) {
      expect(articleParts(doc).headline.toString()).toBe(RICHARD);
      expect(rivalsOf(doc, 'headline').map((r) => r.rival.text)).toEqual([`${WESLEY} today`]);
    }
  });

  it('an update with two notes of one field: the rival is the text, not the older note', () => {
    const server = seeded();
    const a = laptop(server.doc, 'Richard Connor');
    const b = laptop(server.doc, 'Wesley Rahn');
    a.rewrite(RICHARD);
    a.sync();
    b.rewrite(WESLEY);
    // A second note of the same field (another offline period, the server's stored version moved on meanwhile).
    const before = readRewritable(b.doc, 'article');
    b.doc.transact(() => {
      applyTextChange(articleParts(b.doc).headline, `${WESLEY} at last`);
      noteOfflineEdits(b.doc, 'article', before, { by: 'Wesley Rahn', at: '2026-12-03T08:00:00.000Z', since: 2 });
    });
    b.sync();
    expect(server.resolved()).toBe(1);
    expect(articleParts(server.doc).headline.toString()).toBe(RICHARD);
    expect(rivalsOf(server.doc, 'headline').map((r) => r.rival.text)).toEqual([`${WESLEY} at last`]);
  });

  it("the kept version stays the server's own text, so a colleague's deletion of a word of it deletes the whole word", () => {
    const server = serverDoc();
    server.doc.getMap('meta').set('status', 'draft');
    const a = laptop(server.doc, 'Richard Connor');
    const b = laptop(server.doc, 'Wesley Rahn');
    // Wesley's letters come first where both typed at once (Yjs orders them by client).
    a.doc.clientID = 20;
    b.doc.clientID = 10;
    a.rewrite(' k1q k2q');
    a.sync();
    const c = laptop(server.doc, 'Carol Ng');
    // Wesley's rewrite shares letters with Richard's: a letter-by-letter write-back could keep his letters for Richard's.
    b.rewrite(' k3q k2q k1q');
    b.sync();
    // Carol, live with Richard's version, deletes " k1q" before she hears of the resolution.
    c.doc.transact(() => articleParts(c.doc).headline.delete(0, 4));
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(c.doc, Y.encodeStateVector(server.doc)));
    for (const l of [a, b, c]) l.sync();
    for (const doc of [server.doc, a.doc, b.doc, c.doc]) {
      expect(articleParts(doc).headline.toString()).toBe(' k2q');
      expect(rivalsOf(doc, 'headline').map((r) => r.rival.text)).toEqual([' k3q k2q k1q']);
    }
  });
});

describe('on a document loaded from its stored state', () => {
  it('resolves though its root types were never asked for before the update arrived', () => {
    const seed = seeded();
    const a = laptop(seed.doc, 'Richard Connor');
    const b = laptop(seed.doc, 'Wesley Rahn');
    a.rewrite(RICHARD);
    b.rewrite(WESLEY);
    a.sync();
    // As the sync server loads a document again: its stored state applied to a new Y.Doc, nothing read from it yet.
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(seed.doc));
    let resolved = 0;
    reloaded.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === 'writer') resolved += resolveConcurrentRewrites(reloaded, 'article', transaction);
    });
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(reloaded)), 'writer');
    expect(resolved).toBe(1);
    expect(articleParts(reloaded).headline.toString()).toBe(RICHARD);
    expect(rivalsOf(reloaded, 'headline').map((r) => r.rival.text)).toEqual([WESLEY]);
  });
});

describe('notes the server does not take', () => {
  it('ignores a malformed note, or one about a field the rule does not cover, and keeps the merge as it is', () => {
    const server = seeded();
    const a = laptop(server.doc, 'Richard Connor');
    const b = laptop(server.doc, 'Wesley Rahn');
    a.rewrite(RICHARD);
    a.sync();
    b.doc.transact(() => {
      applyTextChange(articleParts(b.doc).headline, WESLEY);
      b.doc.getMap('offlineRewrites').set('garbage', 'not a note');
      b.doc.getMap('offlineRewrites').set('no-number', { field: 'headline', base: ORIGINAL, text: WESLEY, by: 'Wesley Rahn', at: '', since: 'x' });
      b.doc.getMap('offlineRewrites').set('body', { field: 'body', base: '', text: WESLEY, by: 'Wesley Rahn', at: '', since: 1 });
    });
    b.sync();
    expect(server.resolved()).toBe(0);
    expect(rivalsOf(server.doc, 'headline')).toEqual([]);
    // Without a note it takes, the server leaves Yjs' merge as it is: both rewrites' letters.
    expect(articleParts(server.doc).headline.toString()).not.toBe(RICHARD);
    expect(articleParts(server.doc).headline.toString()).not.toBe(WESLEY);
  });
});
