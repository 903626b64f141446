import type { LedeClient, MEDIA_FILTERS, MEDIA_LABEL_FILTERS, MEDIA_SORTS, ResultOf } from '../../shared/contract';
import { ListPager } from '../ui/list-pager';

export type MediaAsset = ResultOf<'media.get'>['items'][number];
export type MediaFilter = (typeof MEDIA_FILTERS)[number];
export type MediaSort = (typeof MEDIA_SORTS)[number];
export type MediaLabelFilter = (typeof MEDIA_LABEL_FILTERS)[number];

export interface MediaParams {
  query: string;
  filter: MediaFilter;
  sort: MediaSort;
  /** The culling filters (ADR 0070). */
  minRating: number;
  label: MediaLabelFilter;
  taggedOnly: boolean;
  showRejected: boolean;
}

export type MediaPager = ListPager<MediaParams, MediaAsset>;

/** The photo grid's pages, from `media.list`. */
export function createMediaPager(client: LedeClient): MediaPager {
  return new ListPager((params: MediaParams, offset, limit) => client.invoke('media.list', { ...params, offset, limit }));
}
