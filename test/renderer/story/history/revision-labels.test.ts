import { describe, expect, it } from 'vitest';
import type { RevisionSummary } from '../../../../shared/revisions/revision';
import { revisionDetail, revisionTime, revisionWhat } from '../../../../renderer/story/history/revision-labels';

const version = (id: number, author: string, createdAt: string, extra: Partial<RevisionSummary> = {}): RevisionSummary => ({
  id,
  author,
  createdAt,
  reason: 'editing',
  detail: '',
  status: 'draft',
  ...extra,
});

describe('a version as the history lists it', () => {
  it('words the times in a detail for this window, never the raw ISO instant', () => {
    const instant = '2026-12-02T01:37:56+00:00';
    const shown = revisionDetail(`headline from the version of ${instant}`);
    expect(shown).toBe(`headline from the version of ${revisionTime({ createdAt: instant })}`);
    expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    // Not a date: left alone.
    expect(revisionDetail('Draft → In edit')).toBe('Draft → In edit');
    expect(revisionDetail('version 2026-13-45T99:99+00:00')).toBe('version 2026-13-45T99:99+00:00');
  });

  it('reads a restore the same whether written before or after the reason left the detail', () => {
    const at = '2026-12-02T01:37:56+00:00';
    const now = revisionWhat(version(1, 'Wesley Rahn', at, { reason: 'restored', detail: `the whole story from the version of ${at}` }));
    const before = revisionWhat(version(1, 'Wesley Rahn', at, { reason: 'restored', detail: `Restored the whole story from the version of ${at}` }));
    expect(now).toBe(`Restored: the whole story from the version of ${revisionTime({ createdAt: at })}`);
    expect(before).toBe(now);
    expect(revisionWhat(version(2, 'A', at, { reason: 'status', detail: 'Draft → In edit' }))).toBe('Status changed: Draft → In edit');
    expect(revisionWhat(version(3, 'A', at))).toBe('Edited');
  });
});
