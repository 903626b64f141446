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
    <div className="library-filters" role="search">
      <div className="field field-inline search-field">
        <label className="field-label" htmlFor="photo-search">
          Search photos
        </label>
        <input
          id="photo-search"
          type="search"
          className="input"
          placeholder="Caption, headline, keywords, creator, place…"
          value={query}
          onChange={(event) => setQuery({ query: event.target.value })}
        />
      </div>
      <div className="field field-inline">
        <label className="field-label" htmlFor="photo-filter">
          Show
        </label>
        <select id="photo-filter" className="select" value={filter} onChange={(event) => setQuery({ filter: event.target.value as MediaFilter })}>
          {(Object.keys(FILTER_LABELS) as MediaFilter[]).map((key) => (
            <option key={key} value={key}>
              {FILTER_LABELS[key]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label className="field-label" htmlFor="photo-sort">
          Sort
        </label>
        <select id="photo-sort" className="select" value={sort} onChange={(event) => setQuery({ sort: event.target.value as MediaSort })}>
          {(Object.keys(SORT_LABELS) as MediaSort[]).map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
