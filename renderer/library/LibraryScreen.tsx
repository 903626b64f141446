import { useEffect, useRef, useState } from 'react';
import type { ArticleSummary } from '../../shared/model';
import { SHORTCUTS } from '../help/shortcuts';
import { matchesShortcut } from '../editor/shortcut-label';
import { SettingsDialog } from '../settings/SettingsDialog';
import { useApp } from '../state/app-store';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Toaster } from '../ui/Toaster';
import { countLabel } from '../ui/format';
import { importStoryFile } from './import-file';
import { createStory, moveToTrash, purgeStory, restoreStory } from './library-actions';
import { FlaggedNotice } from '../sync/FlaggedNotice';
import { LostDeviceNotice } from '../sync/LostDeviceNotice';
import { LibraryEmpty } from './LibraryEmpty';
import { LibraryFilters } from './LibraryFilters';
import { LibraryHeader } from './LibraryHeader';
import { LibraryList } from './LibraryList';
import { LibrarySkeleton } from './LibrarySkeleton';
import { useLibrary } from './library-store';
import { useLibraryPager } from './use-library-pager';

/** The list of every story on this computer: find one, open it, start a new one. */
export function LibraryScreen() {
  const navigate = useApp((s) => s.navigate);
  const { search, status, section, view, sort, mentionsMe, setFilters } = useLibrary();
  const me = useApp((s) => s.profile?.name ?? '');
  const { pager, snapshot } = useLibraryPager({
    query: search,
    status: status || undefined,
    section: section || undefined,
    mentioning: mentionsMe && me ? me : undefined,
    view,
    sort,
  });
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [purging, setPurging] = useState<ArticleSummary | null>(null);
  const [dropping, setDropping] = useState(false);
  const listRef = useRef<HTMLDivElement | null>(null);

  const newStory = async () => {
    if (creating) return;
    setCreating(true);
    // A story started while a section is picked belongs to that section.
    await createStory(section || undefined);
    setCreating(false);
  };

  // Alt+N: Ctrl/Cmd+N belongs to the browser (new window) in the web shell.
  const newStoryRef = useRef(newStory);
  newStoryRef.current = newStory;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Not behind an open dialog: the new story would open under it.
      if (document.querySelector('dialog[open]')) return;
      if (matchesShortcut(event, SHORTCUTS.newStory.keys)) {
        event.preventDefault();
        void newStoryRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const open = (summary: ArticleSummary) => navigate({ screen: 'story', id: summary.id });

  const filtered = status !== '' || section !== '';
  const total = snapshot.total;
  const { error } = snapshot;
  const resetKey = JSON.stringify([search, status, section, view, sort]);

  let content;
  if (error && total === null) {
    content = (
      <div role="alert" className="error-state">
        <h2 className="empty-title">The library could not be loaded</h2>
        <p>{error.message}</p>
        <button type="button" className="button" onClick={() => pager.retry()}>
          Retry
        </button>
      </div>
    );
  } else if (total === null) {
    content = <LibrarySkeleton />;
  } else if (total === 0 && !snapshot.searching) {
    content = (
      <LibraryEmpty
        view={view}
        query={search}
        filtered={filtered}
        onNewStory={() => void newStory()}
        onClearFilters={() => setFilters({ status: '', section: '' })}
      />
    );
  } else {
    content = (
      <LibraryList
        pager={pager}
        total={total}
        resetKey={resetKey}
        view={view}
        listRef={listRef}
        onOpen={open}
        onTrash={(summary) => void moveToTrash(summary.id)}
        onRestore={(summary) => void restoreStory(summary.id)}
        onPurge={setPurging}
      />
    );
  }

  return (
    <div
      className="screen library-screen"
      // A file dragged over the library can be dropped to import it as a new draft.
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDropping(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target || !event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(event) => {
        const file = event.dataTransfer.files[0];
        if (!file) return;
        event.preventDefault();
        setDropping(false);
        void importStoryFile(file);
      }}
    >
      {dropping && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop a Word, HTML, Markdown, text or ninjs file to open it as a new draft</p>
        </div>
      )}
      <LibraryHeader onNewStory={() => void newStory()} onOpenSettings={() => setSettingsOpen(true)} creating={creating} />
      <main className="library-main" aria-labelledby="library-title">
        <div className="library-heading">
          <h1 id="library-title" className="screen-title">
            {view === 'trash' ? 'Trash' : 'Stories'}
          </h1>
          <p className="library-count" aria-live="polite">
            {total !== null && (snapshot.capped ? `More than ${countLabel(total, 'story', 'stories')}` : countLabel(total, 'story', 'stories'))}
            {total !== null && view === 'trash' && ' in the trash'}
            {snapshot.searching && <span className="muted"> · searching…</span>}
          </p>
        </div>
        <FlaggedNotice />
        <LostDeviceNotice />
        <LibraryFilters onEnterList={() => listRef.current?.focus()} />
        {error && total !== null && (
          <div role="alert" className="inline-alert">
            <span>Some stories could not be loaded: {error.message}</span>
            <button type="button" className="button button-small" onClick={() => pager.retry()}>
              Retry
            </button>
          </div>
        )}
        {total !== null && total > 0 && (
          <div className="story-list-columns" data-view={view} aria-hidden="true">
            <span>Story</span>
            <span>Status</span>
            <span>Section</span>
            <span>{view === 'trash' ? 'Trashed' : 'Updated'}</span>
            <span>Length</span>
            {view === 'trash' && <span />}
          </div>
        )}
        {content}
      </main>
      <Toaster />
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      {purging && (
        <ConfirmDialog
          title="Delete this story forever?"
          message={`“${purging.headline || 'Untitled story'}” will be removed from this computer. This cannot be undone.`}
          confirmLabel="Delete forever"
          destructive
          onCancel={() => setPurging(null)}
          onConfirm={() => {
            const id = purging.id;
            setPurging(null);
            void purgeStory(id);
          }}
        />
      )}
    </div>
  );
}
