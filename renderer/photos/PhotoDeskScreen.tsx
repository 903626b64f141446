import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { MEDIA_BATCH_MAX, type EventPayloadOf, type ResultOf } from '../../shared/contract';
import { lede, ledeBridge } from '../api/client';
import { useApp } from '../state/app-store';
import { countLabel } from '../ui/format';
import { showToast } from '../ui/toast-store';
import { Toaster } from '../ui/Toaster';
import { useUndoToastShortcut } from '../ui/use-undo-toast-shortcut';
import { CodesDialog } from './CodesDialog';
import { filesFromDrop, hasFiles } from './drop-files';
import { ImportStatus } from './ImportStatus';
import { importFiles } from './media-import';
import { cullForKey, sendCull } from './culling';
import { Compare, COMPARE_MAX, COMPARE_MIN } from './Compare';
import { Loupe } from './Loupe';
import { createMediaPager, type MediaParams } from './media-pager';
import { MetadataEditor } from './MetadataEditor';
import { PhotoDeskFilters } from './PhotoDeskFilters';
import { deskParams, usePhotoDesk } from './photo-desk-store';
import { PhotoExportDialog } from './PhotoExportDialog';
import { PhotoGrid } from './PhotoGrid';
import { TemplatesDialog } from './TemplatesDialog';
import { useSelectedAssets } from './use-selected-assets';
import './photos.css';
import './culling.css';

type Progress = EventPayloadOf<'media.importProgress'>;
type DeskSettings = ResultOf<'photoDesk.get'>;

/**
 * The photo desk: import (files, folders, drag and drop), a grid of every
 * photo with filters, culling (stars, labels, tag, reject) and the loupe,
 * and the metadata editor for the selection, with templates, code
 * replacements, checks and export.
 */
export function PhotoDeskScreen() {
  const navigate = useApp((s) => s.navigate);
  const desk = usePhotoDesk();
  const { query, filter, selected, focusIndex, setSelection } = desk;
  const { minRating, label, taggedOnly } = desk;
  const [loupeOpen, setLoupeOpen] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [rejectedHidden, setRejectedHidden] = useState(0);
  const [pager] = useState(() => createMediaPager(lede()));
  const snapshot = useSyncExternalStore(pager.subscribe, pager.getSnapshot);
  const [ids, setIds] = useState<string[] | null>(null);
  const [debouncedQuery, setDebouncedQuery] = useState(query);
  const [imports, setImports] = useState<Map<string, Progress>>(new Map());
  const [settings, setSettings] = useState<DeskSettings>({ templates: [], codes: [], templateMode: 'empty' });
  const [dialog, setDialog] = useState<'templates' | 'codes' | 'export' | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  // The desk has no undo history of its own: Mod+Z takes back what the newest notice offers to undo (a template).
  useUndoToastShortcut();

  useEffect(() => {
    const previous = document.title;
    document.title = 'Photo desk — Lede';
    return () => {
      document.title = previous;
    };
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => setDebouncedQuery(query), 150);
    return () => clearTimeout(timer);
  }, [query]);

  const paramsKey = JSON.stringify(deskParams({ ...desk, query: debouncedQuery }));
  const params = JSON.parse(paramsKey) as MediaParams;
  // Only the newest answer counts: an older query's ids (another sort) arriving late would map grid positions to the wrong photos.
  const idsAsked = useRef(0);
  const refreshIds = useCallback(() => {
    const asked = ++idsAsked.current;
    void lede()
      .invoke('media.ids', params)
      .then((result) => {
        if (!result.ok || asked !== idsAsked.current) return;
        setIds(result.value.ids);
        setRejectedHidden(result.value.rejectedHidden);
      });
  }, [paramsKey]);

  useEffect(() => {
    idsAsked.current++;
    setIds(null);
    pager.setParams(params);
    // Every id (for ranges and select all) after the first page has painted, not before it.
    const timer = setTimeout(refreshIds, 300);
    return () => clearTimeout(timer);
  }, [pager, paramsKey, refreshIds]);

  // New and changed photos: the grid refetches what is on screen, a few times a second at most.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = lede().on('media.changed', () => {
      timer ??= setTimeout(() => {
        timer = null;
        pager.invalidate();
        refreshIds();
      }, 250);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [pager, refreshIds]);

  useEffect(() => {
    void lede()
      .invoke('photoDesk.get', {})
      .then((result) => result.ok && setSettings(result.value));
    const offSettings = lede().on('photoDesk.changed', setSettings);
    const offProgress = lede().on('media.importProgress', (progress) => setImports((all) => new Map(all).set(progress.importId, progress)));
    return () => {
      offSettings();
      offProgress();
    };
  }, []);

  const total = snapshot.total;
  const idAt = (index: number) => ids?.[index] ?? pager.item(index)?.sha256;
  const selectedList = [...selected];
  const { assets } = useSelectedAssets(selectedList);
  const focusedSha = idAt(focusIndex);
  const focused = assets?.find((asset) => asset.sha256 === focusedSha);

  // A photo that leaves the list (rejected while rejected ones are hidden,
  // re-rated under a stars filter) leaves the selection; the photo that took
  // its place is selected instead, so culling goes on with the next one.
  useEffect(() => {
    if (!ids) return;
    const state = usePhotoDesk.getState();
    const listed = new Set(ids);
    const kept = [...state.selected].filter((sha) => listed.has(sha));
    if (kept.length === state.selected.size) return;
    if (ids.length === 0) {
      setLoupeOpen(false);
      return state.setSelection(new Set(), 0, 0);
    }
    const index = Math.min(state.focusIndex, ids.length - 1);
    state.setSelection(kept.length > 0 ? new Set(kept) : new Set([ids[index]!]), index, index);
  }, [ids]);

  const refreshNow = () => {
    pager.invalidate();
    refreshIds();
  };

  const openLoupe = (index: number) => {
    const id = idAt(index);
    if (id === undefined) return;
    setSelection(new Set([id]), index, index);
    setLoupeOpen(true);
  };

  /** A culling key: the loupe's photo, or the grid's selection. */
  const cullKey = (key: string) => {
    const sha256s = loupeOpen ? (focusedSha ? [focusedSha] : []) : selectedList;
    if (sha256s.length === 0) return;
    void (async () => {
      // A key pressed right after a click comes before the selection's fields have loaded: they are asked for then.
      const wanted = new Set(sha256s);
      let targets = (assets ?? []).filter((asset) => wanted.has(asset.sha256));
      if (targets.length !== wanted.size) {
        const result = await lede().invoke('media.get', { sha256s: sha256s.slice(0, MEDIA_BATCH_MAX) });
        if (!result.ok) return showToast({ message: `Not saved: ${result.error.message}`, tone: 'error' });
        targets = result.value.items;
      }
      const set = cullForKey(key, targets.map((asset) => asset.cull));
      if (set) await sendCull(targets, set, refreshNow);
    })();
  };

  // Side by side in the grid's order, whatever order they were picked in.
  const compared = (assets ?? []).filter((asset) => selected.has(asset.sha256));
  if (ids) compared.sort((a, b) => ids.indexOf(a.sha256) - ids.indexOf(b.sha256));
  const canCompare = selected.size >= COMPARE_MIN && selected.size <= COMPARE_MAX && compared.length === selected.size;
  // Compare closes when its photos are no longer a comparison (one rejected out of two).
  useEffect(() => {
    if (selected.size < COMPARE_MIN || selected.size > COMPARE_MAX) setComparing(false);
  }, [selected.size]);
  const openCompare = () => {
    if (canCompare) setComparing(true);
    else showToast({ message: `Select ${COMPARE_MIN} to ${COMPARE_MAX} photos to compare them.` });
  };

  const selectionKey = selectedList.length <= 50 ? selectedList.join(',') : `${selectedList.length}:${selectedList.slice(0, 50).join(',')}`;

  const startImport = async (files: File[], fromFolder: boolean) => {
    if (files.length === 0) return;
    try {
      await importFiles(files, { folderPick: fromFolder });
    } catch (error) {
      showToast({ message: `Import could not start: ${(error as Error).message}`, tone: 'error' });
    }
  };

  const pick = (mode: 'files' | 'folder') => {
    const desktop = ledeBridge().desktop;
    if (desktop) void desktop.pickMedia(mode);
    else (mode === 'folder' ? folderInput : fileInput).current?.click();
  };

  const running = [...imports.values()].reverse();
  const narrowed = query !== '' || filter !== 'all' || minRating > 0 || label !== 'any' || taggedOnly;
  return (
    <div
      className={`screen photo-desk ${dragging ? 'is-dropping' : ''}`}
      onDragOver={(event) => {
        if (!hasFiles(event.dataTransfer)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event.dataTransfer)) return;
        event.preventDefault();
        setDragging(false);
        void filesFromDrop(event.dataTransfer).then(({ files, fromFolder }) => startImport(files, fromFolder));
      }}
    >
      <header className="topbar">
        <button type="button" className="button button-quiet" onClick={() => navigate({ screen: 'library' })}>
          ← Stories
        </button>
        <span className="brand">Photo desk</span>
        <span className="topbar-spacer" />
        <button type="button" className="button" onClick={() => setDialog('codes')}>
          Codes…
        </button>
        <button type="button" className="button" onClick={() => pick('folder')}>
          Import folder…
        </button>
        <button type="button" className="button button-primary" onClick={() => pick('files')}>
          Import photos…
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept="image/*,.jpg,.jpeg,.png,.tif,.tiff,.heic,.webp"
          className="visually-hidden"
          aria-label="Photos to import"
          tabIndex={-1}
          onChange={(event) => {
            void startImport(Array.from(event.target.files ?? []), false);
            event.target.value = '';
          }}
        />
        <input
          ref={folderInput}
          type="file"
          className="visually-hidden"
          aria-label="Folder to import"
          tabIndex={-1}
          {...{ webkitdirectory: '', directory: '' }}
          onChange={(event) => {
            void startImport(Array.from(event.target.files ?? []), true);
            event.target.value = '';
          }}
        />
      </header>
      {running.map((progress) => (
        <ImportStatus key={progress.importId} progress={progress} onDismiss={() => setImports((all) => { const next = new Map(all); next.delete(progress.importId); return next; })} />
      ))}
      <div className="photo-desk-body">
        <main className="photo-desk-main" aria-labelledby="photos-title">
          <div className="library-heading">
            <h1 id="photos-title" className="screen-title">
              Photos
            </h1>
            <p className="library-count" aria-live="polite">
              {total !== null && countLabel(total, 'photo', 'photos')}
              {selected.size > 0 && ` · ${countLabel(selected.size, 'selected', 'selected')}`}
              {rejectedHidden > 0 && ` · ${countLabel(rejectedHidden, 'rejected photo hidden', 'rejected photos hidden')}`}
            </p>
            <span className="topbar-spacer" />
            <button
              type="button"
              className="button button-small"
              disabled={!canCompare}
              aria-keyshortcuts="C"
              title={canCompare ? 'The selected photos side by side (C)' : `Select ${COMPARE_MIN} to ${COMPARE_MAX} photos to compare them (C)`}
              onClick={openCompare}
            >
              Compare
            </button>
          </div>
          <PhotoDeskFilters />
          {snapshot.error && total === null ? (
            <div role="alert" className="error-state">
              <h2 className="empty-title">The photos could not be loaded</h2>
              <p>{snapshot.error.message}</p>
              <button type="button" className="button" onClick={() => pager.retry()}>
                Retry
              </button>
            </div>
          ) : total === null ? (
            <p role="status" className="muted">
              Loading photos…
            </p>
          ) : total === 0 ? (
            <div className="empty-state">
              <h2 className="empty-title">{narrowed ? 'No photo matches' : rejectedHidden > 0 ? 'Every photo is rejected' : 'No photos yet'}</h2>
              <p>
                {narrowed
                  ? 'Try another search or filter.'
                  : rejectedHidden > 0
                    ? 'Rejected photos are hidden: tick Show rejected to see them.'
                    : 'Drop photos or a folder here, or use Import photos.'}
              </p>
            </div>
          ) : (
            <PhotoGrid
              pager={pager}
              total={total}
              idAt={idAt}
              resetKey={paramsKey}
              onSelectAll={() => ids && setSelection(new Set(ids), focusIndex, 0)}
              onOpen={openLoupe}
              onCullKey={cullKey}
              onCompare={openCompare}
            />
          )}
        </main>
        <aside className="photo-desk-side" aria-label="Photo details">
          {loupeOpen || comparing ? (
            <p className="metadata-empty muted">{loupeOpen ? 'The caption is in the loupe.' : 'Comparing the selected photos.'}</p>
          ) : selected.size === 0 ? (
            <p className="metadata-empty muted">
              Select photos to see and edit their captions. Shift-click or Shift+arrows select a range; Ctrl+A selects all. Space opens the loupe; 0–5 set stars, 6–9 a label, T tags, X rejects.
            </p>
          ) : assets === null ? (
            <p role="status" className="muted">
              Loading…
            </p>
          ) : (
            <MetadataEditor key={selectionKey} assets={assets} codes={settings.codes} focused={focused} onOpenTemplates={() => setDialog('templates')} onExport={() => setDialog('export')} />
          )}
        </aside>
      </div>
      {loupeOpen && total !== null && total > 0 && (
        <Loupe
          index={Math.min(focusIndex, total - 1)}
          total={total}
          idAt={idAt}
          asset={focused ?? null}
          peek={(index) => pager.item(index)}
          codes={settings.codes}
          onMove={(index) => {
            const id = idAt(index);
            if (id !== undefined) setSelection(new Set([id]), index, index);
          }}
          onCullKey={cullKey}
          onOpenTemplates={() => setDialog('templates')}
          onExport={() => setDialog('export')}
          onClose={() => setLoupeOpen(false)}
        />
      )}
      {comparing && compared.length >= COMPARE_MIN && (
        <Compare
          assets={compared}
          onCullKey={(key, asset) => {
            const set = cullForKey(key, [asset.cull]);
            if (set) void sendCull([asset], set, refreshNow);
          }}
          onClose={() => setComparing(false)}
        />
      )}
      {dialog === 'templates' && assets && <TemplatesDialog templates={settings.templates} assets={assets} mode={settings.templateMode} onClose={() => setDialog(null)} />}
      {dialog === 'codes' && <CodesDialog codes={settings.codes} onClose={() => setDialog(null)} />}
      {dialog === 'export' && assets && <PhotoExportDialog assets={assets} onClose={() => setDialog(null)} />}
      <Toaster />
    </div>
  );
}
