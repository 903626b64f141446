import type { LedeClient } from '../../shared/contract';
import type { ApiError } from '../../shared/errors';
import type { ArticleSummary, Status } from '../../shared/model';
import type { LibrarySort, LibraryView } from './library-store';

export const PAGE_SIZE = 100;

export interface LibraryParams {
  query: string;
  status?: Status;
  section?: string;
  view: LibraryView;
  sort: LibrarySort;
}

interface Page {
  items: ArticleSummary[];
  version: number;
}

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
 * Pages of the library list, fetched as rows scroll into view and kept.
 *
 * A new query keeps showing the old rows until its first page arrives (no
 * skeleton flash per keystroke). A `library.changed` event bumps the version:
 * visible pages are fetched again, the rest when they next come into view.
 * Answers to an older query are dropped by generation.
 */
export class LibraryPager {
  private params: LibraryParams | null = null;
  private generation = 0;
  private version = 0;
  private pages = new Map<number, Page>();
  private inFlight = new Map<number, number>();
  private range = { start: 0, end: 0 };
  private snapshot: PagerSnapshot = { total: null, error: null, capped: false, searching: false, tick: 0 };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly client: LedeClient) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PagerSnapshot => this.snapshot;

  row(index: number): ArticleSummary | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE];
  }

  setParams(params: LibraryParams): void {
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
      const have = this.pages.get(page);
      if (have && have.version === this.version) continue;
      if (this.inFlight.get(page) === this.version) continue;
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
    const generation = this.generation;
    const version = this.version;
    this.inFlight.set(page, version);
    const result = await this.client.invoke('library.list', {
      ...params,
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    if (generation !== this.generation) return;
    if (this.inFlight.get(page) === version) this.inFlight.delete(page);
    if (!result.ok) {
      this.update({ error: result.error, searching: false });
      return;
    }
    if (reset) this.pages = new Map();
    const previous = this.pages.get(page);
    if (!previous || previous.version <= version) this.pages.set(page, { items: result.value.items, version });
    const { total, capped } = result.value;
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
