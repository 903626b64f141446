import type { ApiError, Result } from '../../shared/errors';

/** Rows per fetch: a screenful and a half of library rows or photo tiles; the first page is what the first paint waits for. */
export const PAGE_SIZE = 100;

/** One page as core answers it. `capped`: a search matched more than core counted, so `total` is "at least". */
export interface ListPage<Item> {
  items: Item[];
  total: number;
  capped?: boolean;
}

/** Asks core for `limit` rows from `offset` of the list `params` describe (`library.list`, `media.list`). */
export type FetchPage<Params, Item> = (params: Params, offset: number, limit: number) => Promise<Result<ListPage<Item>>>;

export interface PagerSnapshot {
  /** Null until the first page of the current query arrived. */
  total: number | null;
  error: ApiError | null;
  /** A search matched more than core counted: `total` is "at least", and grows as the list is scrolled. */
  capped: boolean;
  /** A new query is on its way; the rows shown are still the previous ones. */
  searching: boolean;
  /** Changes whenever rows change, for React to re-render. */
  tick: number;
}

/**
 * Pages of a long list (the library's stories, the photo desk's photos),
 * fetched as rows scroll into view and kept, so 100,000 rows cost what is on
 * screen.
 *
 * A new query keeps showing the old rows until its first page arrives (no
 * skeleton flash per keystroke). A change in core (`library.changed`,
 * `media.changed`) bumps the version: visible pages are fetched again, the
 * rest when they next come into view. Answers to an older query are dropped
 * by generation, and an older answer never replaces a newer page.
 */
export class ListPager<Params, Item> {
  private params: Params | null = null;
  private generation = 0;
  private version = 0;
  private pages = new Map<number, { items: Item[]; version: number }>();
  private inFlight = new Map<number, number>();
  private range = { start: 0, end: 0 };
  private snapshot: PagerSnapshot = { total: null, error: null, capped: false, searching: false, tick: 0 };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly fetchPage: FetchPage<Params, Item>) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PagerSnapshot => this.snapshot;

  /** The row at a position, if its page has arrived. */
  item(index: number): Item | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE];
  }

  setParams(params: Params): void {
    this.params = params;
    this.generation++;
    this.version++;
    this.inFlight.clear();
    this.update({ searching: this.snapshot.total !== null, error: null });
    void this.fetch(0, true);
  }

  /** The rows from start to end (inclusive) are on screen; fetch the pages they need. */
  ensure(start: number, end: number): void {
    this.range = { start, end };
    if (this.snapshot.total === null || this.snapshot.searching) return;
    // With a capped count, reaching the end asks for the next page too: its answer raises the count.
    const last = this.snapshot.capped ? Math.min(end + 1, this.snapshot.total) : Math.min(end, Math.max(0, this.snapshot.total - 1));
    for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      if (this.pages.get(page)?.version === this.version || this.inFlight.get(page) === this.version) continue;
      void this.fetch(page, false);
    }
  }

  /** Something changed in core: fetch what is on screen again, keeping it shown meanwhile. */
  invalidate(): void {
    if (!this.params) return;
    this.version++;
    if (this.snapshot.total === null || this.snapshot.error) {
      this.setParams(this.params);
      return;
    }
    // Page 0 always, so the total follows even when scrolled far down.
    if (Math.floor(this.range.start / PAGE_SIZE) > 0) void this.fetch(0, false);
    this.ensure(this.range.start, this.range.end);
  }

  retry(): void {
    if (this.params) this.setParams(this.params);
  }

  private async fetch(page: number, reset: boolean): Promise<void> {
    const params = this.params;
    if (!params) return;
    const { generation, version } = this;
    this.inFlight.set(page, version);
    const result = await this.fetchPage(params, page * PAGE_SIZE, PAGE_SIZE);
    if (generation !== this.generation) return;
    if (this.inFlight.get(page) === version) this.inFlight.delete(page);
    if (!result.ok) {
      this.update({ error: result.error, searching: false });
      return;
    }
    if (reset) this.pages = new Map();
    const previous = this.pages.get(page);
    if (!previous || previous.version <= version) this.pages.set(page, { items: result.value.items, version });
    const { total } = result.value;
    const capped = result.value.capped ?? false;
    // A capped count is a lower bound that depends on how far the page reached;
    // never let a later, shorter look shrink the list under the reader.
    const known = !reset && this.snapshot.capped && capped ? Math.max(this.snapshot.total ?? 0, total) : total;
    this.update({ total: known, capped, error: null, searching: false });
    if (reset) this.ensure(this.range.start, this.range.end);
  }

  private update(patch: Partial<PagerSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch, tick: this.snapshot.tick + 1 };
    for (const listener of this.listeners) listener();
  }
}
