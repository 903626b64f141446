import type { LibraryView } from './library-store';

interface LibraryEmptyProps {
  view: LibraryView;
  query: string;
  filtered: boolean;
  onNewStory(): void;
  onClearFilters(): void;
}

/** What an empty list means depends on why it is empty; each case says what to do next. */
export function LibraryEmpty({ view, query, filtered, onNewStory, onClearFilters }: LibraryEmptyProps) {
  if (query.trim()) {
    return (
      <div className="empty-state">
        <h2 className="empty-title">No stories match “{query.trim()}”</h2>
        <p>Search looks through headlines, kickers, teasers, body text, bylines and tags{view === 'trash' ? ' of stories in the trash' : ''}.</p>
        {filtered && (
          <button type="button" className="button" onClick={onClearFilters}>
            Clear filters
          </button>
        )}
      </div>
    );
  }
  if (filtered) {
    return (
      <div className="empty-state">
        <h2 className="empty-title">No stories with these filters</h2>
        <button type="button" className="button" onClick={onClearFilters}>
          Clear filters
        </button>
      </div>
    );
  }
  if (view === 'trash') {
    return (
      <div className="empty-state">
        <h2 className="empty-title">The trash is empty</h2>
        <p>Stories you move to the trash wait here until you restore them or delete them for good.</p>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2 className="empty-title">No stories yet</h2>
      <p>Write the first one: it is saved on this computer as you type, and syncs when the newsroom network is there.</p>
      <button type="button" className="button button-primary" onClick={onNewStory}>
        Start a new story
      </button>
    </div>
  );
}
