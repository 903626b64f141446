import type { LedeClient } from '../../shared/contract';
import type { ArticleSummary, Status } from '../../shared/model';
import { ListPager } from '../ui/list-pager';
import type { LibrarySort, LibraryView } from './library-store';

export interface LibraryParams {
  query: string;
  status?: Status;
  section?: string;
  mentioning?: string;
  view: LibraryView;
  sort: LibrarySort;
}

export type LibraryPager = ListPager<LibraryParams, ArticleSummary>;

/** The library list's pages, from `library.list`. */
export function createLibraryPager(client: LedeClient): LibraryPager {
  return new ListPager((params: LibraryParams, offset, limit) => client.invoke('library.list', { ...params, offset, limit }));
}
