import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../shared/config';
import { newsroomSchema } from '../../../shared/editor/extensions';
import { checkStory, type StoryToCheck } from '../../../shared/workflow/checks';
import { DEFAULT_WORKFLOW_RULES } from '../../../shared/workflow/rules';

/** Where the placeholder check says a "TK" is: the characters themselves, so "go to" can select them. */
const schema = newsroomSchema();

function story(body: unknown, fields: Partial<StoryToCheck['fields']> = {}): StoryToCheck {
  return {
    fields: { headline: 'Floods close the Rhine', kicker: '', teaser: 'Barges are stuck.', bylines: [{ id: 'b1', name: 'Anna Berg', role: 'author' }], ...fields },
    body: schema.nodeFromJSON({ type: 'doc', content: body }),
  };
}

const text = (value: string) => ({ type: 'text', text: value });
const markerFindings = (checked: StoryToCheck) => checkStory(checked, 'ready', DEFAULT_WORKFLOW_RULES, DEFAULT_LIMITS).findings.filter((f) => f.rule === 'unresolved-markers');

describe('placeholder findings carry the range they matched', () => {
  it('in the body, past a line break and a bold word, the range covers exactly the first placeholder', () => {
    const checked = story([
      { type: 'paragraph', content: [text('Barges are stuck.')] },
      {
        type: 'paragraph',
        content: [text('Officials '), { ...text('said'), marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, text('that TK people left, TKTK.')],
      },
    ]);
    const [finding] = markerFindings(checked);
    expect(finding?.where).toMatchObject({ field: 'body', label: 'Paragraph 2' });
    const range = finding!.where.range!;
    expect(checked.body.textBetween(range.from, range.to)).toBe('TK');
    expect(range.to - range.from).toBe(2);
  });

  it('in a figure caption and in the headline', () => {
    const checked = story(
      [{ type: 'figure', attrs: { media: 'a'.repeat(64), credit: 'AP', alt: 'Barges' }, content: [text('Barges near [[town?]]')] }],
      { headline: 'Floods close the Rhine TK' },
    );
    const [headline, caption] = markerFindings(checked);
    expect(headline?.where).toEqual({ field: 'headline', range: { from: 23, to: 25 } });
    expect(checked.body.textBetween(caption!.where.range!.from, caption!.where.range!.to)).toBe('[[town?]]');
  });

  it('a placeholder right after a line break is found (the break is not a letter)', () => {
    const checked = story([{ type: 'paragraph', content: [text('Casualties'), { type: 'hardBreak' }, text('TK')] }]);
    const [finding] = markerFindings(checked);
    expect(checked.body.textBetween(finding!.where.range!.from, finding!.where.range!.to)).toBe('TK');
  });
});
