import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, seedArticle } from '../../../shared/article-doc';
import { projectArticle } from '../../../shared/documents/article-kind';
import {
  FIELD_SUGGESTIONS_MAP,
  acceptFieldSuggestion,
  fieldSuggestionId,
  listFieldSuggestions,
  rejectFieldSuggestion,
  settleAllFieldSuggestions,
  suggestField,
} from '../../../shared/review/field-suggestions';
import { checkStory, storyToCheck } from '../../../shared/workflow/checks';
import { DEFAULT_WORKFLOW_RULES } from '../../../shared/workflow/rules';
import { DEFAULT_LIMITS } from '../../../shared/config';

/** ADR 0072 (addendum): a suggested headline, kicker or teaser is a whole replacement, kept beside the field in the story's document. */

const ana = { authorId: 'Ana Ruiz', authorName: 'Ana Ruiz' };
const wes = { authorId: 'Wesley Rahn', authorName: 'Wesley Rahn' };
const AT = '2026-12-04T10:00:00.000Z';
const LATER = '2026-12-04T10:05:00.000Z';

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

const headlineOf = (doc: Y.Doc) => articleParts(doc).headline.toString();

describe('field suggestions', () => {
  it('leave the field as it is, say what they would replace, and are one per person per field', () => {
    const doc = story('Floods close the Rhine');
    suggestField(doc, 'headline', 'Floods close the Rhine to shipping', ana, AT);
    expect(headlineOf(doc)).toBe('Floods close the Rhine');
    suggestField(doc, 'headline', 'Floods shut the Rhine to shipping', ana, LATER);
    suggestField(doc, 'kicker', 'Weather', wes, AT);
    const list = listFieldSuggestions(doc);
    // The form's order: kicker before headline.
    expect(list.map((entry) => [entry.field, entry.authorName, entry.text, entry.was])).toEqual([
      ['kicker', 'Wesley Rahn', 'Weather', ''],
      ['headline', 'Ana Ruiz', 'Floods shut the Rhine to shipping', 'Floods close the Rhine'],
    ]);
    expect(list[1]!.at).toBe(LATER);
  });

  it('suggesting the field’s own text takes one’s suggestion back; line breaks become spaces; an overlong one is refused', () => {
    const doc = story('Floods close the Rhine');
    suggestField(doc, 'headline', 'Floods\nclose the river', ana, AT);
    expect(listFieldSuggestions(doc)[0]!.text).toBe('Floods close the river');
    suggestField(doc, 'headline', 'Floods close the Rhine', ana, AT);
    expect(listFieldSuggestions(doc)).toEqual([]);
    expect(() => suggestField(doc, 'teaser', 'x'.repeat(2_001), ana, AT)).toThrow('A suggested teaser can be at most 2,000 characters.');
    expect(listFieldSuggestions(doc)).toEqual([]);
  });

  it('accepting writes the smallest edit, so a colleague typing in the field meanwhile keeps their letters', () => {
    const desk = story('Floods close the Rhine');
    const reporter = copyOf(desk);
    suggestField(desk, 'headline', 'Floods close the Rhine to shipping', ana, AT);
    meet(desk, reporter);
    // Offline: the reporter fixes the start while the desk's suggestion is accepted on another copy.
    articleParts(reporter).headline.insert(0, 'Heavy ');
    acceptFieldSuggestion(desk, fieldSuggestionId('headline', ana.authorId));
    meet(desk, reporter);
    expect(headlineOf(desk)).toBe('Heavy Floods close the Rhine to shipping');
    expect(headlineOf(reporter)).toBe(headlineOf(desk));
    expect(listFieldSuggestions(reporter)).toEqual([]);
  });

  it('two people suggesting offline both keep theirs; accepting one leaves the other', () => {
    const a = story('Budget passes');
    const b = copyOf(a);
    suggestField(a, 'headline', 'Budget passes after a long night', ana, AT);
    suggestField(b, 'headline', 'Council passes the budget', wes, LATER);
    meet(a, b);
    expect(listFieldSuggestions(a).map((entry) => entry.authorName)).toEqual(['Ana Ruiz', 'Wesley Rahn']);
    acceptFieldSuggestion(b, fieldSuggestionId('headline', ana.authorId));
    meet(a, b);
    expect(headlineOf(a)).toBe('Budget passes after a long night');
    expect(listFieldSuggestions(a).map((entry) => [entry.authorName, entry.was])).toEqual([['Wesley Rahn', 'Budget passes']]);
  });

  it('accepted on one laptop and rejected on another offline: the accepted text stands on both, in either order', () => {
    for (const order of ['accept first', 'reject first'] as const) {
      const a = story('Budget passes');
      suggestField(a, 'headline', 'Budget passes at dawn', ana, AT);
      const b = copyOf(a);
      acceptFieldSuggestion(a, fieldSuggestionId('headline', ana.authorId));
      rejectFieldSuggestion(b, fieldSuggestionId('headline', ana.authorId));
      if (order === 'accept first') meet(a, b);
      else meet(b, a);
      expect(headlineOf(a)).toBe('Budget passes at dawn');
      expect(headlineOf(b)).toBe('Budget passes at dawn');
      expect(listFieldSuggestions(a)).toEqual([]);
      expect(listFieldSuggestions(b)).toEqual([]);
    }
  });

  it('a suggestion gone meanwhile is said so; Accept all takes the newest per field and clears the rest, malformed entries too', () => {
    const doc = story('Budget passes');
    expect(() => acceptFieldSuggestion(doc, 'headline:nobody')).toThrow('That suggestion is no longer in the story.');
    expect(() => rejectFieldSuggestion(doc, 'headline:nobody')).toThrow('That suggestion is no longer in the story.');
    suggestField(doc, 'headline', 'Budget passes at dawn', ana, AT);
    suggestField(doc, 'headline', 'Council passes the budget', wes, LATER);
    suggestField(doc, 'teaser', 'After a long night.', ana, AT);
    const map = doc.getMap(FIELD_SUGGESTIONS_MAP);
    // From a broken or hostile peer: not shown, not counted, not accepted.
    map.set('headline:Mallory', { field: 'headline', text: 'Pwned', authorId: 'Someone else' });
    map.set('teaser:x', 'not an object');
    map.set('body:x', { field: 'body', text: 'x', authorId: 'x' });
    expect(listFieldSuggestions(doc)).toHaveLength(3);
    expect(projectArticle(doc).openSuggestions).toBe(3);
    settleAllFieldSuggestions(doc, true);
    expect(headlineOf(doc)).toBe('Council passes the budget');
    expect(articleParts(doc).teaser.toString()).toBe('After a long night.');
    expect(map.size).toBe(0);
  });

  it('block the move to Ready as open suggestions, linked to their field, and never reach an export', () => {
    const doc = story('Budget passes');
    suggestField(doc, 'headline', 'Budget passes at dawn', ana, AT);
    const ready = checkStory(storyToCheck(doc), 'ready', DEFAULT_WORKFLOW_RULES, DEFAULT_LIMITS);
    const finding = ready.findings.find((entry) => entry.rule === 'no-open-suggestions');
    expect(finding).toMatchObject({ level: 'ERROR', message: 'Headline: Ana Ruiz suggests “Budget passes at dawn”.', where: { field: 'headline' } });
    // The library row counts it; the headline it shows and searches is the field's own.
    const row = projectArticle(doc);
    expect(row.openSuggestions).toBe(1);
    expect(row.fields.headline).toBe('Budget passes');
    rejectFieldSuggestion(doc, fieldSuggestionId('headline', ana.authorId));
    const after = checkStory(storyToCheck(doc), 'ready', DEFAULT_WORKFLOW_RULES, DEFAULT_LIMITS);
    expect(after.findings.filter((entry) => entry.rule === 'no-open-suggestions')).toEqual([]);
  });
});
