import { useEffect, useRef } from 'react';
import { STATUSES, STATUS_LABELS, type Status } from '../../shared/model';
import { useApp } from '../state/app-store';
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
  const { search, status, section, view, sort, setFilters } = useLibrary();
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
    <div className="library-filters" role="search">
      <div className="field field-inline search-field">
        <label className="field-label" htmlFor="library-search">
          Search
        </label>
        <input
          id="library-search"
          ref={searchRef}
          type="search"
          className="input"
          placeholder="Headlines, body text, bylines, tags…"
          title="Search (/)"
          aria-keyshortcuts="/"
          value={search}
          onChange={(event) => setFilters({ search: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              onEnterList();
            }
          }}
        />
      </div>
      <div className="field field-inline">
        <label className="field-label" htmlFor="library-status">
          Status
        </label>
        <select
          id="library-status"
          className="select"
          value={status}
          onChange={(event) => setFilters({ status: event.target.value as Status | '' })}
        >
          <option value="">All</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label className="field-label" htmlFor="library-section">
          Section
        </label>
        <select id="library-section" className="select" value={section} onChange={(event) => setFilters({ section: event.target.value })}>
          <option value="">All</option>
          {sectionOptions.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label className="field-label" htmlFor="library-sort">
          Sort
        </label>
        <select
          id="library-sort"
          className="select"
          value={sort}
          onChange={(event) => setFilters({ sort: event.target.value as LibrarySort })}
        >
          {(Object.keys(SORT_LABELS) as LibrarySort[]).map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key]}
            </option>
          ))}
        </select>
      </div>
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
    </div>
  );
}
