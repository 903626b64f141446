import { describe, expect, it } from 'vitest';
import type { LedeClient } from '../../../shared/contract';
import type { ArticleSummary } from '../../../shared/model';
import { LibraryPager, PAGE_SIZE } from '../../../renderer/library/library-pager';

function summary(index: number, tag = ''): ArticleSummary {
  return {
    id: `id-${index}`,
    headline: `Story ${index}${tag}`,
    kicker: '',
    section: '',
    status: 'draft',
    bylines: [],
    language: 'en',
    wordCount: 0,
    createdAt: '2025-10-15T09:30:00+02:00',
    updatedAt: '2025-10-15T09:30:00+02:00',
    trashedAt: null,
    sync: 'synced',
  };
}

/** A fake core holding `total` stories; answers when `flush` is called, so tests control timing. */
function fakeClient(total: number) {
  const calls: Array<{ offset: number; query: string }> = [];
  const waiting: Array<() => void> = [];
  let tag = '';
  const client = {
    invoke(channel: string, payload: { offset: number; limit: number; query: string }) {
      if (channel !== 'library.list') throw new Error(channel);
      calls.push({ offset: payload.offset, query: payload.query });
      return new Promise((resolve) => {
        waiting.push(() => {
          const items = [];
          for (let i = payload.offset; i < Math.min(total, payload.offset + payload.limit); i++) items.push(summary(i, tag));
          resolve({ ok: true, value: { total, capped: false, items } });
        });
      });
    },
    on: () => () => {},
  } as unknown as LedeClient;
  const flush = async () => {
    while (waiting.length) waiting.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { client, calls, flush, setTag: (t: string) => (tag = t) };
}

const params = { query: '', view: 'active' as const, sort: 'updated' as const };

describe('LibraryPager', () => {
  it('loads the first page, then only the pages that come into view', async () => {
    const fake = fakeClient(100_000);
    const pager = new LibraryPager(fake.client);
    pager.setParams(params);
    expect(pager.getSnapshot().total).toBeNull();
    await fake.flush();
    expect(pager.getSnapshot().total).toBe(100_000);
    expect(pager.row(0)?.headline).toBe('Story 0');
    expect(pager.row(PAGE_SIZE)).toBeUndefined();

    pager.ensure(50_000, 50_030);
    expect(fake.calls.map((c) => c.offset)).toEqual([0, 50_000]);
    // Asking again while the page is on its way does not fetch it twice.
    pager.ensure(50_000, 50_030);
    expect(fake.calls).toHaveLength(2);
    await fake.flush();
    expect(pager.row(50_010)?.headline).toBe('Story 50010');
  });

  it('keeps showing the old rows until a new query answers', async () => {
    const fake = fakeClient(500);
    const pager = new LibraryPager(fake.client);
    pager.setParams(params);
    await fake.flush();
    pager.setParams({ ...params, query: 'moscow' });
    expect(pager.getSnapshot().searching).toBe(true);
    expect(pager.row(0)?.headline).toBe('Story 0');
    fake.setTag(' (found)');
    await fake.flush();
    expect(pager.getSnapshot().searching).toBe(false);
    expect(pager.row(0)?.headline).toBe('Story 0 (found)');
  });

  it('drops answers to a query that was replaced meanwhile', async () => {
    const fake = fakeClient(10);
    const pager = new LibraryPager(fake.client);
    pager.setParams({ ...params, query: 'a' });
    pager.setParams({ ...params, query: 'ab' });
    await fake.flush();
    expect(fake.calls.map((c) => c.query)).toEqual(['a', 'ab']);
    expect(pager.getSnapshot().total).toBe(10);
  });

  it('fetches what is on screen again after a change, keeping it shown', async () => {
    const fake = fakeClient(300);
    const pager = new LibraryPager(fake.client);
    pager.setParams(params);
    await fake.flush();
    pager.ensure(0, 20);
    pager.invalidate();
    expect(pager.row(0)?.headline).toBe('Story 0');
    fake.setTag(' (changed)');
    await fake.flush();
    expect(pager.row(0)?.headline).toBe('Story 0 (changed)');
  });
});
