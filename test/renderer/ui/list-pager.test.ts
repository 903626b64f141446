import { describe, expect, it } from 'vitest';
import type { LedeClient } from '../../../shared/contract';
import { createLibraryPager } from '../../../renderer/library/library-pager';
import { createMediaPager } from '../../../renderer/photos/media-pager';
import { PAGE_SIZE, type ListPager } from '../../../renderer/ui/list-pager';

/**
 * The one pager behind the library list and the photo grid, driven through
 * each screen's own factory so both are held to the same rules.
 */

interface Row {
  label: string;
}

/** A fake core holding `total` rows; answers when `flush` is called, so tests control timing. */
function fakeClient(channel: string, total: number, capped = false) {
  const calls: Array<{ offset: number; query: string }> = [];
  const waiting: Array<() => void> = [];
  let tag = '';
  let count = total;
  const client = {
    invoke(asked: string, payload: { offset: number; limit: number; query: string }) {
      if (asked !== channel) throw new Error(asked);
      calls.push({ offset: payload.offset, query: payload.query });
      const answeredTag = () => tag;
      return new Promise((resolve) => {
        waiting.push(() => {
          const items: Row[] = [];
          for (let i = payload.offset; i < Math.min(count, payload.offset + payload.limit); i++) items.push({ label: `Row ${i}${answeredTag()}` });
          resolve({ ok: true, value: { total: count, capped, items } });
        });
      });
    },
    on: () => () => {},
  } as unknown as LedeClient;
  const flush = async () => {
    while (waiting.length) waiting.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  /** Answers only the request made `index`-th among those still waiting. */
  const answerOne = async (index: number) => {
    waiting.splice(index, 1)[0]!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { client, calls, flush, answerOne, setTag: (t: string) => (tag = t), setCount: (n: number) => (count = n) };
}

const screens = [
  {
    screen: 'library',
    channel: 'library.list',
    create: (client: LedeClient) => createLibraryPager(client),
    params: { query: '', view: 'active' as const, sort: 'updated' as const },
  },
  {
    screen: 'photo desk',
    channel: 'media.list',
    create: (client: LedeClient) => createMediaPager(client),
    params: { query: '', filter: 'all' as const, sort: 'imported' as const },
  },
];

describe.each(screens)('the $screen pager', ({ channel, create, params }) => {
  // The fake core answers `Row n` labels, not real stories or photos: the pager never looks inside a row.
  const make = (client: LedeClient) => create(client) as unknown as ListPager<typeof params, Row>;

  it('loads the first page, then only the pages that come into view', async () => {
    const fake = fakeClient(channel, 100_000);
    const pager = make(fake.client);
    pager.setParams(params);
    expect(pager.getSnapshot().total).toBeNull();
    await fake.flush();
    expect(pager.getSnapshot().total).toBe(100_000);
    expect(pager.item(0)?.label).toBe('Row 0');
    expect(pager.item(PAGE_SIZE)).toBeUndefined();

    pager.ensure(50_000, 50_030);
    expect(fake.calls.map((c) => c.offset)).toEqual([0, 50_000]);
    // Asking again while the page is on its way does not fetch it twice.
    pager.ensure(50_000, 50_030);
    expect(fake.calls).toHaveLength(2);
    await fake.flush();
    expect(pager.item(50_010)?.label).toBe('Row 50010');
  });

  it('keeps showing the old rows until a new query answers', async () => {
    const fake = fakeClient(channel, 500);
    const pager = make(fake.client);
    pager.setParams(params);
    await fake.flush();
    pager.setParams({ ...params, query: 'moscow' });
    expect(pager.getSnapshot().searching).toBe(true);
    expect(pager.item(0)?.label).toBe('Row 0');
    fake.setTag(' (found)');
    await fake.flush();
    expect(pager.getSnapshot().searching).toBe(false);
    expect(pager.item(0)?.label).toBe('Row 0 (found)');
  });

  it('drops answers to a query that was replaced meanwhile', async () => {
    const fake = fakeClient(channel, 10);
    const pager = make(fake.client);
    pager.setParams({ ...params, query: 'a' });
    pager.setParams({ ...params, query: 'ab' });
    await fake.flush();
    expect(fake.calls.map((c) => c.query)).toEqual(['a', 'ab']);
    expect(pager.getSnapshot().total).toBe(10);
  });

  it('fetches what is on screen again after a change, keeping it shown', async () => {
    const fake = fakeClient(channel, 300);
    const pager = make(fake.client);
    pager.setParams(params);
    await fake.flush();
    pager.ensure(0, 20);
    pager.invalidate();
    expect(pager.item(0)?.label).toBe('Row 0');
    fake.setTag(' (changed)');
    await fake.flush();
    expect(pager.item(0)?.label).toBe('Row 0 (changed)');
  });

  it('never lets an older answer replace a page fetched again since', async () => {
    const fake = fakeClient(channel, 300);
    const pager = make(fake.client);
    pager.setParams(params);
    await fake.flush();
    pager.ensure(150, 160);
    // Page 1 is on its way; a change asks for it again (and for page 0, for the total) before the first answer is in.
    pager.invalidate();
    expect(fake.calls.slice(1).map((c) => c.offset)).toEqual([100, 0, 100]);
    fake.setTag(' (new)');
    await fake.answerOne(2);
    fake.setTag(' (old)');
    await fake.answerOne(0);
    expect(pager.item(150)?.label).toBe('Row 150 (new)');
  });
});

describe('a capped count', () => {
  it('grows as the list reaches its end and never shrinks under the reader', async () => {
    const fake = fakeClient('library.list', 150, true);
    const pager = createLibraryPager(fake.client);
    pager.setParams({ query: 'council', view: 'active', sort: 'updated' });
    await fake.flush();
    expect(pager.getSnapshot()).toMatchObject({ total: 150, capped: true });
    // At the end of a capped list the next page is asked for too.
    pager.ensure(90, 149);
    expect(fake.calls.map((c) => c.offset)).toEqual([0, 100]);
    fake.setCount(120);
    await fake.flush();
    expect(pager.getSnapshot().total).toBe(150);
  });
});
