import type { Editor } from '@tiptap/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { articleParts, readStatus, type ArticleParts } from '../../shared/article-doc';
import { languageDirection } from '../../shared/language';
import { shellBridge } from '../api/shell';
import { STATUS_LABELS } from '../../shared/model';
import { isReadOnlyStatus } from '../../shared/status';
import type { OpenArticle } from './open-article';
import { useIsSuggesting } from '../editor/use-suggesting';
import { StoryField } from './StoryField';
import { StoryEditor } from '../editor/StoryEditor';
import { insertFigure } from '../editor/figure-insert';
import { PhotoPicker } from '../photos/PhotoPicker';
import '../photos/photos.css';
import { moveToTrash, restoreStory } from '../library/library-actions';
import { useApp } from '../state/app-store';
import { Toaster } from '../ui/Toaster';
import { StoryExportDialog } from './StoryExportDialog';
import { HistoryPanel } from './history/HistoryPanel';
import { Inspector } from './inspector/Inspector';
import { SaveIndicator } from './SaveIndicator';
import { PresenceList } from '../sync/PresenceList';
import { SyncStatusButton } from '../sync/SyncStatusButton';
import { StoryHeader } from './StoryHeader';
import { useYMapValue, useYText } from './use-y';
import { ChecklistPanel } from './workflow/ChecklistPanel';
import { SuggestionsPanel, useSuggestionCount } from './review/SuggestionsPanel';
import { CommentsPanel, type PendingComment } from './review/CommentsPanel';
import { COMMENTS_MAP, fieldAnchor, openThreadSummary } from '../../shared/review/comments';
import { bodyAnchor } from '../editor/comment-anchors';
import { matchesShortcut } from '../editor/shortcut-label';
import { SHORTCUTS } from '../help/shortcuts';
import { showToast } from '../ui/toast-store';
import type * as Y from 'yjs';
import { RefusedChanges } from '../sync/RefusedChanges';
import { useIsDeskEditor } from './workflow/use-workflow-role';
import { useStatusMove } from './workflow/use-status-move';
import { useReadyEditNotice } from './workflow/use-ready-edit-notice';

/**
 * An open story: its fields and body in a writing column, everything else in
 * the inspector beside it. `focusFirstField`: a story just created opens with
 * the caret in the first field of the form (the kicker), as a new document does
 * in any editor.
 */
const FIELD_PLACEHOLDERS = { kicker: 'Topic line above the headline', headline: 'Headline', teaser: 'The lead: what happened, and why it matters' } as const;

export function StoryWorkspace({ article, onBack, focusFirstField = false }: { article: OpenArticle; onBack(): void; focusFirstField?: boolean }) {
  const parts = useMemo(() => articleParts(article.doc), [article]);
  const limits = useApp((s) => s.config?.limits);
  const typographicQuotes = useApp((s) => s.config?.typographicQuotes ?? true);
  const navigate = useApp((s) => s.navigate);
  const language = useYMapValue(parts.meta, 'language') || 'en';
  const dir = languageDirection(language);
  const trashedAt = useYMapValue(parts.meta, 'trashedAt');
  // Subscribes to the status; readStatus falls back to Draft for a value it does not know.
  const status = useYMapValue(parts.meta, 'status') === null ? 'draft' : readStatus(parts.meta);
  const headline = useYText(parts.headline);
  const updatedAt = useLastChange(article);
  const inTrash = Boolean(trashedAt);
  // Published and spiked stories are read-only until an editor moves them back to Draft (core refuses edits too).
  const locked = isReadOnlyStatus(status);
  const readOnly = inTrash || locked;
  const desk = useYMapValue(parts.meta, 'desk') || null;
  const isEditor = useIsDeskEditor(desk);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const statusMove = useStatusMove(article.id, parts.meta, desk);
  const readyEditNotice = useReadyEditNotice(article, status, desk);
  const [photosOpen, setPhotosOpen] = useState(false);
  const [suggestionsOpen, setSuggestionsOpen] = useState(false);
  const [commentsOpen, setCommentsOpen] = useState(false);
  const [pendingComment, setPendingComment] = useState<PendingComment | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const person = useApp((s) => s.profile?.name ?? '');
  const suggesting = useIsSuggesting(editor);
  const openOnly = (panel: 'history' | 'photos' | 'suggestions' | 'comments' | null) => {
    setHistoryOpen(panel === 'history');
    setPhotosOpen(panel === 'photos');
    setSuggestionsOpen(panel === 'suggestions');
    setCommentsOpen(panel === 'comments');
  };
  const startComment = () => {
    if (readOnly) return;
    const comment = commentOnSelection(parts, editor);
    if (!comment) {
      showToast({ message: 'Select the text you want to comment on first.', tone: 'error' });
      return;
    }
    setPendingComment(comment);
    openOnly('comments');
  };
  const startCommentRef = useRef(startComment);
  startCommentRef.current = startComment;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!matchesShortcut(event, SHORTCUTS.comment.keys)) return;
      event.preventDefault();
      startCommentRef.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  const columnRef = useRef<HTMLElement>(null);

  // Once, on opening: whichever field comes first in the column, so a reordered form still gets it right.
  useEffect(() => {
    if (focusFirstField) columnRef.current?.querySelector<HTMLElement>('textarea:not([readonly]), [contenteditable="true"]')?.focus();
    // Only when the story opens, not each time the flag is passed again.
  }, [article]);

  useEffect(() => {
    const previous = document.title;
    document.title = `${headline.trim() || 'Untitled story'} — Lede`;
    return () => {
      document.title = previous;
    };
  }, [headline]);

  // The desktop app's spellchecker follows the story's language (the web shell's browser has its own).
  const extraSpellcheck = useApp((s) => s.config?.spellcheckLanguages);
  const spellcheckKey = [language, ...(extraSpellcheck ?? [])].join(' ');
  useEffect(() => {
    shellBridge()?.setSpellcheckLanguages(spellcheckKey.split(' ').slice(0, 6));
  }, [spellcheckKey]);

  const trash = async () => {
    if (await moveToTrash(article.id)) navigate({ screen: 'library' });
  };

  return (
    <div className="screen story-screen">
      <StoryHeader
        onBack={onBack}
        title={headline.trim() || 'Untitled story'}
        status={
          <>
            <PresenceList id={article.id} />
            <SaveIndicator article={article} />
            <SyncStatusButton />
          </>
        }
        actions={
          <>
            <button
              type="button"
              className="button button-quiet"
              aria-pressed={historyOpen}
              onClick={() => openOnly(historyOpen ? null : 'history')}
            >
              History
            </button>
            {editor && <SuggestionsButton editor={editor} doc={article.doc} pressed={suggestionsOpen} onClick={() => openOnly(suggestionsOpen ? null : 'suggestions')} />}
            <CommentsButton doc={article.doc} pressed={commentsOpen} onClick={() => openOnly(commentsOpen ? null : 'comments')} />
            <button type="button" className="button button-quiet" onClick={() => setExportOpen(true)}>
              Export…
            </button>
            {!readOnly && (
              <button
                type="button"
                className="button button-quiet"
                aria-pressed={photosOpen}
                onClick={() => openOnly(photosOpen ? null : 'photos')}
              >
                Photos
              </button>
            )}
            {!inTrash && (
              <button type="button" className="button button-quiet" onClick={() => void trash()}>
                Move to trash
              </button>
            )}
          </>
        }
      />
      <RefusedChanges articleId={article.id} />
      {locked && !inTrash && (
        <div className="notice" role="note">
          <span>
            This story is {STATUS_LABELS[status].toLowerCase()} and read-only.{' '}
            {isEditor ? 'Move it back to Draft to change it.' : 'An editor can move it back to Draft to change it.'}
          </span>
          {isEditor && (
            <button type="button" className="button button-small" onClick={() => void statusMove.choose('draft')}>
              Move back to Draft
            </button>
          )}
        </div>
      )}
      {readyEditNotice && (
        // role=status: announced when it appears, without taking the caret from the text.
        <div className="notice" role="status" data-notice="ready-edit">
          <span>{readyEditNotice}</span>
        </div>
      )}
      {inTrash && (
        <div className="notice" role="note">
          <span>This story is in the trash. Restore it to edit it.</span>
          <button type="button" className="button button-small" onClick={() => void restoreStory(article.id)}>
            Restore
          </button>
        </div>
      )}
      <div className="story-layout">
        <main ref={columnRef} className="story-column" lang={language} dir={dir} aria-label="Story">
          {(['kicker', 'headline', 'teaser'] as const).map((field) => (
            <StoryField
              key={field}
              doc={article.doc}
              field={field}
              limit={limits?.[field]}
              multiline={field === 'teaser'}
              dir={dir}
              lang={language}
              placeholder={FIELD_PLACEHOLDERS[field]}
              readOnly={readOnly}
              typographicQuotes={typographicQuotes}
              suggestingAs={suggesting ? person : null}
            />
          ))}
          <StoryEditor
            doc={article.doc}
            language={language}
            dir={dir}
            readOnly={readOnly}
            onReady={setEditor}
            typographicQuotes={typographicQuotes}
            onComment={startComment}
            showResolvedComments={commentsOpen && showResolved}
          />
        </main>
        {historyOpen ? (
          <HistoryPanel id={article.id} status={status} readOnly={readOnly} onClose={() => setHistoryOpen(false)} />
        ) : commentsOpen ? (
          <CommentsPanel
            doc={article.doc}
            editor={editor}
            me={{ authorId: person, authorName: person }}
            readOnly={readOnly}
            pending={pendingComment}
            onPendingDone={() => setPendingComment(null)}
            showResolved={showResolved}
            onShowResolvedChange={setShowResolved}
            onClose={() => {
              setCommentsOpen(false);
              setPendingComment(null);
            }}
          />
        ) : suggestionsOpen && editor ? (
          <SuggestionsPanel editor={editor} doc={article.doc} onClose={() => setSuggestionsOpen(false)} />
        ) : photosOpen && !readOnly ? (
          <aside className="inspector story-photos-panel" aria-label="Photos for this story">
            <PhotoPicker onInsert={(asset) => editor && insertFigure(editor, asset)} />
          </aside>
        ) : (
          <Inspector
            id={article.id}
            doc={article.doc}
            parts={parts}
            language={language}
            dir={dir}
            updatedAt={updatedAt}
            readOnly={readOnly}
            onChooseStatus={statusMove.choose}
            panel={
              statusMove.checklistFor ? (
                <ChecklistPanel doc={article.doc} target={statusMove.checklistFor} editor={editor} onMove={statusMove.move} onCancel={statusMove.cancel} />
              ) : null
            }
          />
        )}
      </div>
      {exportOpen && <StoryExportDialog id={article.id} onClose={() => setExportOpen(false)} />}
      <Toaster />
    </div>
  );
}

/** "Comments" in the header, with how many threads are open. */
function CommentsButton({ doc, pressed, onClick }: { doc: Y.Doc; pressed: boolean; onClick(): void }) {
  const [open, setOpen] = useState(() => openThreadSummary(doc).open);
  useEffect(() => {
    const map = doc.getMap(COMMENTS_MAP);
    const read = () => setOpen(openThreadSummary(doc).open);
    map.observeDeep(read);
    read();
    return () => map.unobserveDeep(read);
  }, [doc]);
  return (
    <button type="button" className="button button-quiet" aria-pressed={pressed} onClick={onClick}>
      Comments
      {open > 0 && <span className="count-badge">{open}</span>}
    </button>
  );
}

/** The comment about to be started on what is selected: in a field's text (the focused one), else in the body. */
function commentOnSelection(parts: ArticleParts, editor: Editor | null): PendingComment | null {
  const active = document.activeElement;
  const field = active instanceof HTMLTextAreaElement ? active.closest('[data-field]')?.getAttribute('data-field') : null;
  if (active instanceof HTMLTextAreaElement && (field === 'headline' || field === 'kicker' || field === 'teaser')) {
    const from = Math.min(active.selectionStart, active.selectionEnd);
    const to = Math.max(active.selectionStart, active.selectionEnd);
    if (from === to) return null;
    return { field, ...fieldAnchor(parts[field], from, to), quote: parts[field].toString().slice(from, to) };
  }
  if (!editor) return null;
  const { from, to, empty } = editor.state.selection;
  if (empty) return null;
  const anchor = bodyAnchor(editor.state, from, to);
  return anchor ? { field: 'body', ...anchor, quote: editor.state.doc.textBetween(from, to, ' ', ' ') } : null;
}

/** "Suggestions" in the header, with how many wait ("Suggestions 3"). */
function SuggestionsButton({ editor, doc, pressed, onClick }: { editor: Editor; doc: Y.Doc; pressed: boolean; onClick(): void }) {
  const count = useSuggestionCount(editor, doc);
  return (
    <button type="button" className="button button-quiet" aria-pressed={pressed} onClick={onClick}>
      Suggestions
      {count > 0 && (
        <span className="count-badge">
          {count}
        </span>
      )}
    </button>
  );
}

/**
 * When the story last changed: as core said on opening, then the time of the
 * latest change seen here. Shown to the minute, so it is refreshed at most
 * every few seconds — re-rendering the story screen on every keystroke would
 * cost typing latency for nothing.
 */
function useLastChange(article: OpenArticle): string | null {
  const [updatedAt, setUpdatedAt] = useState<string | null>(() => article.updatedAtOnOpen || null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let latest = '';
    const onUpdate = () => {
      latest = new Date().toISOString();
      timer ??= setTimeout(() => {
        timer = null;
        setUpdatedAt(latest);
      }, LAST_CHANGE_REFRESH_MS);
    };
    article.doc.on('update', onUpdate);
    return () => {
      article.doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [article]);
  return updatedAt;
}

const LAST_CHANGE_REFRESH_MS = 5000;
