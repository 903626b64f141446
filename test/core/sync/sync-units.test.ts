import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../../shared/article-doc';
import { mediaReferences } from '../../../shared/media-refs';
import { docKindOf } from '../../../shared/documents/doc-names';
import { backoffDelay } from '../../../electron/core/sync/backoff';
import { documentMediaReferences } from '../../../electron/core/sync/media-blobs';
import { presenceColor } from '../../../electron/core/sync/presence-color';
import { normalizeServerUrl } from '../../../electron/core/sync/server-address';
import { hashToken, looksLikeToken, newToken, sameHash } from '../../../server/auth/tokens';
import { mergeState } from '../../../server/storage/merge-state';

describe('backoff', () => {
  it('doubles up to the cap, with jitter between half and all of it', () => {
    expect(backoffDelay(0, { random: () => 0 })).toBe(250);
    expect(backoffDelay(0, { random: () => 1 })).toBe(500);
    expect(backoffDelay(3, { random: () => 1 })).toBe(4000);
    expect(backoffDelay(30, { random: () => 1 })).toBe(30_000);
    expect(backoffDelay(30, { random: () => 0 })).toBe(15_000);
  });
});

describe('server addresses', () => {
  it.each([
    ['sync.newsroom.example', 'https://sync.newsroom.example'],
    ['localhost:4818', 'http://localhost:4818'],
    ['127.0.0.1:4818/', 'http://127.0.0.1:4818'],
    ['https://newsroom.example/lede/', 'https://newsroom.example/lede'],
    ['  HTTP://Example.org ', 'http://example.org'],
    // A policy may give the WebSocket address: the same server.
    ['wss://sync.newsroom.example/sync', 'https://sync.newsroom.example'],
    ['ws://127.0.0.1:4818', 'http://127.0.0.1:4818'],
  ])('%s → %s', (input, output) => {
    expect(normalizeServerUrl(input)).toBe(output);
  });

  it.each(['ftp://example.org', 'https://user:pass@example.org', 'http://exa mple.org'])('%s is refused', (input) => {
    expect(() => normalizeServerUrl(input)).toThrow();
  });
});

describe('document names and media references', () => {
  it('only articles by uuid and media by sha256 sync', () => {
    expect(docKindOf('article:3f1b2c4d-1111-4222-8333-444455556666')).toBe('article');
    expect(docKindOf(`media:${'a'.repeat(64)}`)).toBe('media');
    for (const name of ['article:x', 'newsroom', `media:${'A'.repeat(64)}`, 'article:3f1b2c4d-1111-4222-8333-444455556666/..', '']) expect(docKindOf(name)).toBeNull();
  });

  it('a story needs the files its figures show, once each; a media document needs its own file', () => {
    const doc = new Y.Doc();
    const figure = (media: string | null) => {
      const element = new Y.XmlElement('figure');
      if (media) element.setAttribute('media', media);
      return element;
    };
    articleParts(doc).body.push([figure('a'.repeat(64)), figure(null), figure('b'.repeat(64)), figure('a'.repeat(64)), figure('not a hash')]);
    expect(mediaReferences(doc).sort()).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect(documentMediaReferences(`media:${'c'.repeat(64)}`, new Y.Doc())).toEqual(['c'.repeat(64)]);
  });

  it('presence colours are steady per name', () => {
    expect(presenceColor('Wesley Rahn')).toBe(presenceColor('Wesley Rahn'));
    expect(presenceColor('Wesley Rahn')).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('tokens', () => {
  it('are 32 random bytes, stored as a sha256, compared in constant time', () => {
    const token = newToken();
    expect(token).toMatch(/^lede_[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sameHash(hashToken(token), hashToken(token))).toBe(true);
    expect(sameHash(hashToken(token), hashToken(newToken()))).toBe(false);
    expect(sameHash('', '')).toBe(false);
    expect(looksLikeToken(token)).toBe(true);
    expect(looksLikeToken('lede_' + 'x'.repeat(500))).toBe(false);
    expect(looksLikeToken("lede_abc'; --")).toBe(false);
  });
});

describe('merging into the stored state', () => {
  it('never loses a deletion or an insertion, whatever the order, and says when nothing changed', () => {
    const a = new Y.Doc();
    articleParts(a).headline.insert(0, 'Moscow talks');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    articleParts(b).headline.delete(0, 'Moscow '.length);
    articleParts(a).headline.insert(0, 'Syria: ');
    const one = mergeState(mergeState(null, Y.encodeStateAsUpdate(a), 'article').state, Y.encodeStateAsUpdate(b), 'article');
    const two = mergeState(mergeState(null, Y.encodeStateAsUpdate(b), 'article').state, Y.encodeStateAsUpdate(a), 'article');
    expect(one.headline).toBe('Syria: talks');
    expect(two.headline).toBe('Syria: talks');
    const again = mergeState(one.state, Y.encodeStateAsUpdate(a), 'article');
    expect(again.changed).toBe(false);
    // The snapshot is exactly the stored state: it covers both computers' changes.
    expect(Y.snapshotContainsUpdate(Y.decodeSnapshot(one.snapshot), Y.encodeStateAsUpdate(b))).toBe(true);
    expect(Y.snapshotContainsUpdate(Y.decodeSnapshot(one.snapshot), Y.encodeStateAsUpdate(a))).toBe(true);
  });

  it('a state vector would call a deletion stored before it is; the snapshot does not', () => {
    const doc = new Y.Doc();
    articleParts(doc).teaser.insert(0, 'A sentence to delete.');
    const stored = mergeState(null, Y.encodeStateAsUpdate(doc), 'article');
    articleParts(doc).teaser.delete(0, 2);
    const local = Y.encodeStateAsUpdate(doc);
    const svOnly = Y.decodeStateVector(Y.encodeStateVector(doc));
    const storedSv = Y.decodeSnapshot(stored.snapshot).sv;
    expect([...svOnly].every(([client, clock]) => (storedSv.get(client) ?? 0) >= clock)).toBe(true);
    expect(Y.snapshotContainsUpdate(Y.decodeSnapshot(stored.snapshot), local)).toBe(false);
  });
});
