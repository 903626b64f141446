import { CULL_LABEL_NAMES } from '../../shared/media-cull';
import { FilterBar, FilterSearch, FilterSelect, labelledChoices } from '../ui/FilterBar';
import type { MediaFilter, MediaLabelFilter, MediaSort } from './media-pager';
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

const STAR_CHOICES: ReadonlyArray<readonly [string, string]> = [
  ['0', 'Any'],
  ['1', '★ 1 or more'],
  ['2', '★★ 2 or more'],
  ['3', '★★★ 3 or more'],
  ['4', '★★★★ 4 or more'],
  ['5', '★★★★★ 5'],
];

const LABEL_CHOICES: Record<MediaLabelFilter, string> = {
  any: 'Any',
  none: 'No label',
  ...CULL_LABEL_NAMES,
};

/** Search, the checks as filters, the culling filters (stars, label, tagged, rejected) and sort; they all combine. */
export function PhotoDeskFilters() {
  const { query, filter, sort, minRating, label, taggedOnly, showRejected, setQuery } = usePhotoDesk();
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
      <FilterSelect id="photo-stars" label="Stars" value={String(minRating)} options={STAR_CHOICES} onChange={(value) => setQuery({ minRating: Number(value) })} />
      <FilterSelect id="photo-label" label="Label" value={label} options={labelledChoices(LABEL_CHOICES)} onChange={(value) => setQuery({ label: value })} />
      <label className="filter-check">
        <input type="checkbox" checked={taggedOnly} onChange={(event) => setQuery({ taggedOnly: event.target.checked })} />
        Tagged only
      </label>
      <label className="filter-check">
        <input type="checkbox" checked={showRejected} onChange={(event) => setQuery({ showRejected: event.target.checked })} />
        Show rejected
      </label>
      <FilterSelect id="photo-sort" label="Sort" value={sort} options={labelledChoices(SORT_LABELS)} onChange={(value) => setQuery({ sort: value })} />
    </FilterBar>
  );
}
