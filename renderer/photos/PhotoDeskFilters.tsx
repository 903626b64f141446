import { FilterBar, FilterSearch, FilterSelect, labelledChoices } from '../ui/FilterBar';
import type { MediaFilter, MediaSort } from './media-pager';
import { usePhotoDesk } from './photo-desk-store';

const FILTER_LABELS: Record<MediaFilter, string> = {
  all: 'All photos',
  missingAlt: 'Missing alt text',
  missingCredit: 'Missing credit',
  overLimit: 'Over an IPTC limit',
};

const SORT_LABELS: Record<MediaSort, string> = {
  imported: 'Recently imported',
  taken: 'Date taken',
  filename: 'File name',
};

/** Search, the checks as filters, and sort. */
export function PhotoDeskFilters() {
  const { query, filter, sort, setQuery } = usePhotoDesk();
  return (
    <FilterBar>
      <FilterSearch
        id="photo-search"
        label="Search photos"
        placeholder="Caption, headline, keywords, creator, place…"
        value={query}
        onChange={(value) => setQuery({ query: value })}
      />
      <FilterSelect id="photo-filter" label="Show" value={filter} options={labelledChoices(FILTER_LABELS)} onChange={(value) => setQuery({ filter: value })} />
      <FilterSelect id="photo-sort" label="Sort" value={sort} options={labelledChoices(SORT_LABELS)} onChange={(value) => setQuery({ sort: value })} />
    </FilterBar>
  );
}
