import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedArticle, articleParts } from '../../../shared/article-doc';
import { articleDocName, articleIdOf, articleKind } from '../../../shared/documents/article-kind';
import { docKindOf, parseDocName } from '../../../shared/documents/doc-names';
import { DOCUMENT_KINDS, documentKindOf } from '../../../shared/documents/kinds';
import { mediaDocName, mediaShaOf } from '../../../shared/documents/media-kind';

const UUID = '3f1b2c4d-1111-4222-8333-444455556666';
const SHA = 'ab'.repeat(32);

describe('document names', () => {
  it('builds and reads each kind’s names', () => {
    expect(articleDocName(UUID)).toBe(`article:${UUID}`);
    expect(articleIdOf(articleDocName(UUID))).toBe(UUID);
    expect(mediaShaOf(mediaDocName(SHA))).toBe(SHA);
    expect(parseDocName(mediaDocName(SHA))).toEqual({ kind: 'media', id: SHA });
    for (const kind of Object.values(DOCUMENT_KINDS)) expect(documentKindOf(kind.docName(kind.kind === 'article' ? UUID : SHA))).toBe(kind);
  });

  it('reads a name strictly: another kind, a malformed id or extra text is no document', () => {
    expect(articleIdOf(mediaDocName(SHA))).toBeNull();
    expect(mediaShaOf(articleDocName(UUID))).toBeNull();
    for (const name of ['article:x', 'newsroom', `media:${'A'.repeat(64)}`, `article:${UUID}/..`, `media:${SHA}0`, `photo:${SHA}`, ':', '', 'toString:x', '__proto__:x']) {
      expect(docKindOf(name)).toBeNull();
      expect(documentKindOf(name)).toBeNull();
    }
  });
});

describe('the article kind', () => {
  const seeded = () => {
    const doc = new Y.Doc();
    seedArticle(doc, { createdAt: '2026-12-02T10:00:00+00:00', language: 'en' });
    return doc;
  };
  const guarded = (doc: Y.Doc, change: (doc: Y.Doc) => void) => {
    let refusal: string | null = null;
    const inspect = (transaction: Y.Transaction) => {
      refusal = articleKind.sessionEditGuard!(transaction, doc);
    };
    doc.on('afterTransaction', inspect);
    doc.transact(() => change(doc));
    doc.off('afterTransaction', inspect);
    return refusal;
  };

  it('refuses a session’s edit of the workflow fields and lets the rest through', () => {
    expect(guarded(seeded(), (doc) => articleParts(doc).meta.set('status', 'published'))).toMatch(/status/);
    expect(guarded(seeded(), (doc) => articleParts(doc).meta.set('trashedAt', '2026-12-02T10:00:00+00:00'))).toMatch(/trashedAt/);
    expect(guarded(seeded(), (doc) => articleParts(doc).meta.set('slug', 'moscow'))).toBeNull();
    expect(guarded(seeded(), (doc) => articleParts(doc).headline.insert(0, 'Sharaa meets Putin'))).toBeNull();
  });

  it('describes a story for the server’s catalog', () => {
    const doc = seeded();
    articleParts(doc).headline.insert(0, 'Sharaa meets Putin');
    expect(articleKind.catalogSummary(doc)).toEqual({ headline: 'Sharaa meets Putin', status: 'draft', desk: null, trashedAt: null });
    articleParts(doc).meta.set('desk', 'Politics');
    expect(articleKind.catalogSummary(doc)).toMatchObject({ desk: 'Politics' });
    expect(DOCUMENT_KINDS.media.catalogSummary(new Y.Doc())).toEqual({ headline: '', status: '', desk: null, trashedAt: null });
  });
});
