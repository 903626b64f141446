import { useEffect, useRef } from 'react';
import { STATUSES, STATUS_LABELS, type Status } from '../../shared/model';
import { useApp } from '../state/app-store';
import { FilterBar, FilterSearch, FilterSelect, labelledChoices } from '../ui/FilterBar';
import { useLibrary, type LibrarySort } from './library-store';

const SORT_LABELS: Record<LibrarySort, string> = {
  updated: 'Last updated',
  created: 'Created',
  headline: 'Headline',
  status: 'Status',
};

interface LibraryFiltersProps {
  /** ArrowDown in the search box moves into the list. */
  onEnterList(): void;
}

/** Search, filters, sort and the Active / Trash switch. All apply as they change. */
export function LibraryFilters({ onEnterList }: LibraryFiltersProps) {
  const { search, status, section, view, sort, mentionsMe, setFilters } = useLibrary();
  const sections = useApp((s) => s.config?.sections ?? []);
  const searchRef = useRef<HTMLInputElement>(null);

  // "/" jumps to the search box from anywhere on the library, as in most web tools.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.closest('input, textarea, select, [contenteditable="true"]') || target.closest('dialog'))) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A section that was removed from Settings can still be the filter; keep it choosable.
  const sectionOptions = section && !sections.includes(section) ? [...sections, section] : sections;

  return (
    <FilterBar>
      <FilterSearch
        id="library-search"
        label="Search"
        inputRef={searchRef}
        placeholder="Headlines, body text, bylines, tags…"
        title="Search (/)"
        aria-keyshortcuts="/"
        value={search}
        onChange={(value) => setFilters({ search: value })}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            onEnterList();
          }
        }}
      />
      <FilterSelect<Status | ''>
        id="library-status"
        label="Status"
        value={status}
        options={[['', 'All'], ...STATUSES.map((s) => [s, STATUS_LABELS[s]] as const)]}
        onChange={(value) => setFilters({ status: value })}
      />
      <FilterSelect
        id="library-section"
        label="Section"
        value={section}
        options={[['', 'All'], ...sectionOptions.map((name) => [name, name] as const)]}
        onChange={(value) => setFilters({ section: value })}
      />
      <FilterSelect id="library-sort" label="Sort" value={sort} options={labelledChoices(SORT_LABELS)} onChange={(value) => setFilters({ sort: value })} />
      <button type="button" className="button button-quiet filter-toggle" aria-pressed={mentionsMe} title="Stories where someone mentioned you in an open comment thread" onClick={() => setFilters({ mentionsMe: !mentionsMe })}>
        Mentions me
      </button>
      <div className="field field-inline">
        <span className="field-label" id="library-view-label">
          View
        </span>
        <div className="segmented" role="group" aria-labelledby="library-view-label">
          <button type="button" aria-pressed={view === 'active'} onClick={() => setFilters({ view: 'active' })}>
            Active
          </button>
          <button type="button" aria-pressed={view === 'trash'} onClick={() => setFilters({ view: 'trash' })}>
            Trash
          </button>
        </div>
      </div>
    </FilterBar>
  );
}
