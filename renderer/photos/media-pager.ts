import type { LedeClient, MEDIA_FILTERS, MEDIA_SORTS, ResultOf } from '../../shared/contract';
import type { ApiError } from '../../shared/errors';

export type MediaAsset = ResultOf<'media.get'>['items'][number];
export type MediaFilter = (typeof MEDIA_FILTERS)[number];
export type MediaSort = (typeof MEDIA_SORTS)[number];

export interface MediaParams {
  query: string;
  filter: MediaFilter;
  sort: MediaSort;
}

/** A screenful and a half of tiles: the first page is what the first paint waits for. */
export const MEDIA_PAGE = 100;

export interface MediaSnapshot {
  /** Null until the first page of the current query arrived. */
  total: number | null;
  error: ApiError | null;
  tick: number;
}

/**
 * Pages of the photo grid, fetched as rows scroll into view and kept. The
 * first page paints the grid; the rest follow the scroll. A change in core
 * (`media.changed`) refetches what is on screen and keeps the rest until it
 * comes back into view. Answers to an older query are dropped.
 */
export class MediaPager {
  private params: MediaParams | null = null;
  private generation = 0;
  private version = 0;
  private pages = new Map<number, { items: MediaAsset[]; version: number }>();
  private inFlight = new Map<number, number>();
  private range = { start: 0, end: 0 };
  private snapshot: MediaSnapshot = { total: null, error: null, tick: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly bySha = new Map<string, MediaAsset>();

  constructor(private readonly client: LedeClient) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): MediaSnapshot => this.snapshot;

  item(index: number): MediaAsset | undefined {
    return this.pages.get(Math.floor(index / MEDIA_PAGE))?.items[index % MEDIA_PAGE];
  }

  /** The latest copy of a photo seen in any page. */
  asset(sha256: string): MediaAsset | undefined {
    return this.bySha.get(sha256);
  }

  setParams(params: MediaParams): void {
    this.params = params;
    this.generation++;
    this.version++;
    this.inFlight.clear();
    void this.fetch(0, true);
  }

  ensure(start: number, end: number): void {
    this.range = { start, end };
    const total = this.snapshot.total;
    if (total === null) return;
    const last = Math.min(end, Math.max(0, total - 1));
    for (let page = Math.floor(start / MEDIA_PAGE); page <= Math.floor(last / MEDIA_PAGE); page++) {
      if (this.pages.get(page)?.version === this.version || this.inFlight.get(page) === this.version) continue;
      void this.fetch(page, false);
    }
  }

  invalidate(): void {
    if (!this.params) return;
    this.version++;
    if (this.snapshot.total === null || this.snapshot.error) return this.setParams(this.params);
    if (Math.floor(this.range.start / MEDIA_PAGE) > 0) void this.fetch(0, false);
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
    const result = await this.client.invoke('media.list', { ...params, offset: page * MEDIA_PAGE, limit: MEDIA_PAGE });
    if (generation !== this.generation) return;
    if (this.inFlight.get(page) === version) this.inFlight.delete(page);
    if (!result.ok) return this.update({ error: result.error });
    if (reset) this.pages = new Map();
    this.pages.set(page, { items: result.value.items, version });
    for (const item of result.value.items) this.bySha.set(item.sha256, item);
    this.update({ total: result.value.total, error: null });
    if (reset) this.ensure(this.range.start, this.range.end);
  }

  private update(patch: Partial<MediaSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch, tick: this.snapshot.tick + 1 };
    for (const listener of this.listeners) listener();
  }
}
