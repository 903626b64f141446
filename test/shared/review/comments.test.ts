import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, seedArticle } from '../../../shared/article-doc';
import { fieldAnchor, mentionedPeople, openThreadSummary, readThreads, reply, resolveFieldAnchor, setResolved, startThread, MAX_COMMENT_CHARS } from '../../../shared/review/comments';

/** ADR 0072: comment threads are a Yjs map in the story's document; they merge like the text. */

const ana = { authorId: 'Ana Ruiz', authorName: 'Ana Ruiz' };
const wes = { authorId: 'Wesley Rahn', authorName: 'Wesley Rahn' };
const AT = '2026-12-03T10:00:00.000Z';

function story(headline: string): Y.Doc {
  const doc = new Y.Doc();
  seedArticle(doc, { createdAt: AT, language: 'en', headline });
  return doc;
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function meet(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function threadOnHeadline(doc: Y.Doc, id: string, word: string, text: string, author = ana) {
  const headline = articleParts(doc).headline;
  const from = headline.toString().indexOf(word);
  startThread(doc, { id, field: 'headline', ...fieldAnchor(headline, from, from + word.length), quote: word, author, at: AT, text, mentions: [] });
}

describe('comment threads', () => {
  it('start with a message, take replies and are resolved and reopened', () => {
    const doc = story('Sharaa meets Putin in Moscow');
    threadOnHeadline(doc, 't1', 'Putin', 'Is this confirmed?');
    reply(doc, 't1', wes, 'Yes, @Ana Ruiz — Kremlin readout.', ['Ana Ruiz'], AT, 'r1');
    const [thread] = readThreads(doc);
    expect(thread!.messages.map((m) => [m.authorName, m.text])).toEqual([
      ['Ana Ruiz', 'Is this confirmed?'],
      ['Wesley Rahn', 'Yes, @Ana Ruiz — Kremlin readout.'],
    ]);
    expect(openThreadSummary(doc)).toEqual({ open: 1, mentioned: ['Ana Ruiz'] });
    setResolved(doc, 't1', true, wes, AT);
    expect(readThreads(doc)[0]!.resolvedBy).toBe('Wesley Rahn');
    expect(openThreadSummary(doc)).toEqual({ open: 0, mentioned: [] });
    setResolved(doc, 't1', false, ana, AT);
    expect(readThreads(doc)[0]!.resolved).toBe(false);
  });

  it('refuse an empty or overlong message, and a reply to a thread that is gone, saying why', () => {
    const doc = story('Sharaa meets Putin');
    expect(() => threadOnHeadline(doc, 't1', 'Putin', '   ')).toThrow('Write something to post.');
    expect(readThreads(doc)).toEqual([]);
    threadOnHeadline(doc, 't1', 'Putin', 'ok');
    expect(() => reply(doc, 't1', wes, 'x'.repeat(MAX_COMMENT_CHARS + 1), [], AT, 'r')).toThrow(/at most 4,000 characters/);
    expect(() => reply(doc, 'nope', wes, 'hello', [], AT, 'r')).toThrow('That comment thread is no longer in the story.');
    expect(readThreads(doc)[0]!.messages).toHaveLength(1);
  });

  it('from two laptops offline: both threads and both replies are kept, none twice, the same on both', () => {
    const a = story('Sharaa meets Putin in Moscow');
    threadOnHeadline(a, 't1', 'Putin', 'Check the spelling');
    const b = copyOf(a);
    reply(a, 't1', ana, 'Checked.', [], AT, 'ra');
    reply(b, 't1', wes, 'Agency uses “Putin”.', [], AT, 'rb');
    threadOnHeadline(a, 't2', 'Moscow', 'Dateline?', ana);
    threadOnHeadline(b, 't3', 'Sharaa', 'Full name first', wes);
    setResolved(b, 't1', true, wes, AT);
    meet(a, b);
    const onA = readThreads(a).sort((x, y) => x.id.localeCompare(y.id));
    const onB = readThreads(b).sort((x, y) => x.id.localeCompare(y.id));
    expect(onA).toEqual(onB);
    expect(onA.map((t) => t.id)).toEqual(['t1', 't2', 't3']);
    expect(onA[0]!.messages.map((m) => m.id).sort()).toEqual(['ra', 'rb', 't1-0']);
    // Resolved on B while A replied: resolved, with A's reply kept.
    expect(onA[0]!.resolved).toBe(true);
  });

  it('anchors follow the text through edits elsewhere, and say so when the text is gone', () => {
    const a = story('Sharaa meets Putin in Moscow');
    threadOnHeadline(a, 't1', 'Putin', 'Confirmed?');
    const b = copyOf(a);
    articleParts(b).headline.insert(0, 'Syria’s ');
    meet(a, b);
    const thread = readThreads(a)[0]!;
    const range = resolveFieldAnchor(a, thread)!;
    expect(articleParts(a).headline.toString().slice(range.from, range.to)).toBe('Putin');
    // Someone rewrites the headline without the word: the thread stays, its text removed.
    const headline = articleParts(b).headline;
    const at = headline.toString().indexOf('Putin');
    headline.delete(at, 'Putin'.length);
    meet(a, b);
    expect(resolveFieldAnchor(a, readThreads(a)[0]!)).toBeNull();
    expect(readThreads(a)[0]!.quote).toBe('Putin');
  });

  it('leave out what a broken peer wrote instead of failing', () => {
    const doc = story('Sharaa');
    doc.getMap('comments').set('junk', new Y.Map());
    (doc.getMap('comments') as Y.Map<unknown>).set('scalar', 'not a thread');
    threadOnHeadline(doc, 't1', 'Sharaa', 'fine');
    expect(readThreads(doc).map((t) => t.id)).toEqual(['t1']);
  });
});

describe('mentions', () => {
  it('name the people written as @Name, the longest name first, not a name inside a longer word', () => {
    const people = ['Ana', 'Ana Ruiz', 'Wesley Rahn', 'Bo'];
    expect(mentionedPeople('Thanks @ana ruiz and @Wesley Rahn!', people)).toEqual(['Ana Ruiz', 'Wesley Rahn']);
    expect(mentionedPeople('@Bob is not @Bo… but @Bo is', people)).toEqual(['Bo']);
    expect(mentionedPeople('no mention of Ana here', people)).toEqual([]);
  });
});

describe('the ready check on comments', () => {
  it('warns of each unresolved thread at Ready, and passes once they are resolved', async () => {
    const { checkStory, storyToCheck } = await import('../../../shared/workflow/checks');
    const { DEFAULT_WORKFLOW_RULES } = await import('../../../shared/workflow/rules');
    const { DEFAULT_LIMITS } = await import('../../../shared/config');
    const doc = story('Sharaa meets Putin');
    threadOnHeadline(doc, 't1', 'Putin', 'Confirmed?');
    const findings = () => checkStory(storyToCheck(doc), 'ready', DEFAULT_WORKFLOW_RULES, DEFAULT_LIMITS).findings.filter((f) => f.rule === 'no-unresolved-comments');
    expect(findings().map((f) => [f.level, f.message, f.where.field])).toEqual([['WARN', 'Ana Ruiz commented on “Putin” and it is not resolved.', 'headline']]);
    setResolved(doc, 't1', true, wes, AT);
    expect(findings()).toEqual([]);
  });
});
