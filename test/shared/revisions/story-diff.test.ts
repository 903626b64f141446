import { describe, expect, it } from 'vitest';
import { diffSequences, diffWords } from '../../../shared/revisions/sequence-diff';

describe('word diff', () => {
  it('keeps what is the same and marks what changed', () => {
    expect(diffWords('The minister resigned on Monday.', 'The minister resigned late on Tuesday.')).toEqual([
      { op: 'equal', text: 'The minister resigned ' },
      { op: 'delete', text: 'on Monday' },
      { op: 'insert', text: 'late on Tuesday' },
      { op: 'equal', text: '.' },
    ]);
    expect(diffWords('Prices rose sharply in May.', 'Prices fell in May.')).toEqual([
      { op: 'equal', text: 'Prices ' },
      { op: 'delete', text: 'rose sharply' },
      { op: 'insert', text: 'fell' },
      { op: 'equal', text: ' in May.' },
    ]);
  });

  it('works on any script and rebuilds both texts exactly', () => {
    const before = 'زار الرئيس السوري موسكو';
    const after = 'زار الرئيس موسكو أمس';
    const parts = diffWords(before, after);
    expect(parts.filter((p) => p.op !== 'insert').map((p) => p.text).join('')).toBe(before);
    expect(parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('')).toBe(after);
  });

  it('gives a correct, if not minimal, answer past its edit budget', () => {
    const a = Array.from({ length: 300 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 300 }, (_, i) => `b${i}`);
    const edits = diffSequences(a, b, Object.is, 10);
    expect(edits.map((e) => e.op)).toEqual(['delete', 'insert']);
  });
});
