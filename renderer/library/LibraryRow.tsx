import type { CSSProperties } from 'react';
import type { ArticleSummary } from '../../shared/model';
import { SyncBadge } from '../sync/SyncBadge';
import { useSync } from '../sync/sync-state';
import { StatusBadge } from '../ui/StatusBadge';
import { countLabel, exactTime, relativeTime } from '../ui/format';
import { optionAttributes } from '../ui/listbox';
import type { LibraryView } from './library-store';

interface LibraryRowProps {
  id: string;
  index: number;
  total: number;
  summary: ArticleSummary | undefined;
  selected: boolean;
  /** Its latest publication did not reach an output (refused, or still retrying). */
  transmissionFailed: boolean;
  /** When the embargo the server holds it by ends, or null. */
  embargoUntil: string | null;
  view: LibraryView;
  now: number;
  style: CSSProperties;
  onOpen(summary: ArticleSummary): void;
  onSelect(index: number): void;
  onRestore(summary: ArticleSummary): void;
  onPurge(summary: ArticleSummary): void;
}

/** One story in the library list; a grey placeholder while its page is on its way. */
export function LibraryRow({ id, index, total, summary, selected, transmissionFailed, embargoUntil, view, now, style, onOpen, onSelect, onRestore, onPurge }: LibraryRowProps) {
  const syncing = useSync((s) => s.status !== null && s.status.state !== 'signed_out');
  if (!summary) {
    return (
      <div {...optionAttributes(id, index, total, selected)} aria-busy="true" className="story-row story-row-loading" style={style}>
        <span className="visually-hidden">Loading…</span>
        <span className="skeleton skeleton-line skeleton-short" aria-hidden="true" />
        <span className="skeleton skeleton-line" aria-hidden="true" />
      </div>
    );
  }
  const inTrash = view === 'trash';
  const when = inTrash && summary.trashedAt ? summary.trashedAt : summary.updatedAt;
  return (
    <div
      {...optionAttributes(id, index, total, selected)}
      className="story-row"
      data-story-id={summary.id}
      style={style}
      onMouseDown={() => onSelect(index)}
      onClick={(event) => {
        // The row's own buttons act on their own.
        if ((event.target as HTMLElement).closest('button')) return;
        onOpen(summary);
      }}
    >
      <div className="story-row-main" lang={summary.language} dir="auto">
        <div className="story-row-title">
          {summary.kicker && <span className="story-row-kicker">{summary.kicker}</span>}
          {summary.headline ? (
            <span className="story-row-headline">{summary.headline}</span>
          ) : (
            <span className="story-row-headline untitled">Untitled story</span>
          )}
        </div>
        <div className="story-row-meta">
          {summary.bylines.length > 0 ? <span className="story-row-bylines">{summary.bylines.join(', ')}</span> : <span className="muted">No byline</span>}
          {syncing && <SyncBadge sync={summary.sync} />}
          {summary.openSuggestions > 0 && <span className="review-count">{countLabel(summary.openSuggestions, 'suggestion', 'suggestions')}</span>}
          {summary.openComments > 0 && <span className="review-count">{countLabel(summary.openComments, 'open comment', 'open comments')}</span>}
        </div>
      </div>
      <div className="story-row-status">
        <StatusBadge status={summary.status} />
        {transmissionFailed && (
          <span className="publishing-failed-badge" title="The newsroom server could not send the latest version to every output: open the story to see why.">
            Not sent
          </span>
        )}
        {embargoUntil && (
          <span className="publishing-embargo-badge" title={`Embargoed until ${exactTime(embargoUntil)}: the newsroom server sends it then.`}>
            Embargo ends {relativeTime(embargoUntil, now)}
          </span>
        )}
      </div>
      <div className="story-row-section">{summary.section || <span className="muted">—</span>}</div>
      <div className="story-row-time">
        <time dateTime={when} title={`${inTrash ? 'Moved to trash' : 'Updated'} ${exactTime(when)}`}>
          {relativeTime(when, now)}
        </time>
      </div>
      <div className="story-row-words">{countLabel(summary.wordCount, 'word', 'words')}</div>
      {inTrash && (
        <div className="story-row-actions">
          <button type="button" className="button button-small" tabIndex={selected ? 0 : -1} onClick={() => onRestore(summary)}>
            Restore
          </button>
          <button type="button" className="button button-small button-danger-quiet" tabIndex={selected ? 0 : -1} onClick={() => onPurge(summary)}>
            Delete forever
          </button>
        </div>
      )}
    </div>
  );
}
