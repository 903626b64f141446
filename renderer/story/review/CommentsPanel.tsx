import type { Editor } from '@tiptap/core';
import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { articleParts } from '../../../shared/article-doc';
import { authorHue } from '../../../shared/review/author-hue';
import { COMMENTS_MAP, readThreads, reply, resolveFieldAnchor, setResolved, startThread, type CommentAuthor, type CommentField, type CommentThread } from '../../../shared/review/comments';
import { resolveBodyAnchor } from '../../editor/comment-anchors';
import { showToast } from '../../ui/toast-store';
import { countLabel, exactTime, relativeTime } from '../../ui/format';
import { CommentBox } from './CommentBox';

/** A comment about to be posted: where, and the text it is about. */
export interface PendingComment {
  field: CommentField;
  start: Uint8Array;
  end: Uint8Array;
  quote: string;
}

const FIELD_ORDER: Record<CommentField, number> = { kicker: 0, headline: 1, teaser: 2, body: 3 };
const FIELD_LABELS: Record<CommentField, string> = { kicker: 'Kicker', headline: 'Headline', teaser: 'Teaser', body: 'Text' };

interface PlacedThread {
  thread: CommentThread;
  /** Where its text is now; null once that text was deleted. */
  range: { from: number; to: number } | null;
}

function useThreads(doc: Y.Doc): CommentThread[] {
  const [threads, setThreads] = useState(() => readThreads(doc));
  useEffect(() => {
    const map = doc.getMap(COMMENTS_MAP);
    const read = () => setThreads(readThreads(doc));
    map.observeDeep(read);
    read();
    return () => map.unobserveDeep(read);
  }, [doc]);
  return threads;
}

/** Threads in story order: the fields first, then the body by position; threads whose text is gone last. */
function placed(threads: readonly CommentThread[], doc: Y.Doc, editor: Editor | null): PlacedThread[] {
  const items = threads.map((thread): PlacedThread => ({
    thread,
    range: thread.field === 'body' ? (editor ? resolveBodyAnchor(editor.state, thread) : null) : resolveFieldAnchor(doc, thread),
  }));
  return items.sort(
    (a, b) =>
      Number(a.range === null) - Number(b.range === null) ||
      FIELD_ORDER[a.thread.field] - FIELD_ORDER[b.thread.field] ||
      (a.range?.from ?? 0) - (b.range?.from ?? 0) ||
      a.thread.createdAt.localeCompare(b.thread.createdAt),
  );
}

export interface CommentsPanelProps {
  doc: Y.Doc;
  editor: Editor | null;
  me: CommentAuthor;
  readOnly: boolean;
  pending: PendingComment | null;
  onPendingDone(): void;
  /** Resolved threads are listed (and highlighted in the text) too. */
  showResolved: boolean;
  onShowResolvedChange(show: boolean): void;
  onClose(): void;
}

/**
 * The story's comment threads in story order (ADR 0072): replies, @mentions,
 * Resolve and Reopen; resolved threads hidden unless "Show resolved" is on;
 * a thread whose text was deleted stays, marked "text removed".
 */
export function CommentsPanel({ doc, editor, me, readOnly, pending, onPendingDone, showResolved, onShowResolvedChange, onClose }: CommentsPanelProps) {
  const threads = useThreads(doc);
  const [version, setVersion] = useState(0);
  // Positions move as the text changes: re-read them when the body changes.
  useEffect(() => {
    if (!editor) return;
    let frame: number | null = null;
    const onChange = () => {
      frame ??= requestAnimationFrame(() => {
        frame = null;
        setVersion((n) => n + 1);
      });
    };
    editor.on('update', onChange);
    return () => {
      editor.off('update', onChange);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [editor]);
  const items = useMemo(() => placed(threads, doc, editor), [threads, doc, editor, version]);
  const visible = items.filter((item) => showResolved || !item.thread.resolved);
  const resolvedCount = items.length - items.filter((item) => !item.thread.resolved).length;
  const now = () => new Date().toISOString();

  const guarded = (action: () => void) => {
    try {
      action();
    } catch (error) {
      showToast({ message: error instanceof Error ? error.message : String(error), tone: 'error' });
    }
  };

  const post = (text: string, mentions: string[]) =>
    guarded(() => {
      if (!pending) return;
      startThread(doc, { id: crypto.randomUUID(), ...pending, author: me, at: now(), text, mentions });
      onPendingDone();
    });

  return (
    <aside className="inspector review-panel" aria-labelledby="comments-title">
      <div className="history-header">
        <h2 id="comments-title" className="history-title">
          Comments
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close comments
        </button>
      </div>
      {pending && !readOnly && (
        <div className="comment-new">
          <blockquote className="comment-quote">{pending.quote}</blockquote>
          <CommentBox label="Comment" submitLabel="Post" autoFocus onSubmit={post} onCancel={onPendingDone} />
        </div>
      )}
      <p className="field-hint" role="status">
        {items.length === 0
          ? 'No comments. Select text and press “Comment” (or Ctrl+Alt+M) to start one.'
          : `${countLabel(items.length - resolvedCount, 'open thread', 'open threads')}${resolvedCount ? `, ${countLabel(resolvedCount, 'resolved', 'resolved')}` : ''}.`}
      </p>
      <label className="review-check">
        <input
          type="checkbox"
          checked={showResolved}
          onChange={(event) => onShowResolvedChange(event.target.checked)}
        />{' '}
        Show resolved
      </label>
      <ol className="review-list" aria-label="Comment threads in story order">
        {visible.map(({ thread, range }) => (
          <li key={thread.id} className={thread.resolved ? 'review-item comment-thread resolved' : 'review-item comment-thread'} aria-label={`Thread by ${thread.authorName || 'someone'}`} style={{ ['--author-hue' as string]: authorHue(thread.authorId) }}>
            <button
              type="button"
              className="review-item-show"
              disabled={range === null}
              onClick={() => range && showThread(editor, doc, thread.field, range)}
            >
              <span className="comment-where">{FIELD_LABELS[thread.field]}</span>
              {range === null ? <span className="comment-removed"> — text removed</span> : null}
              <span className="comment-quote-inline">“{thread.quote}”</span>
            </button>
            <ol className="comment-messages">
              {thread.messages.map((message) => (
                <li key={message.id} className="comment-message">
                  <span className="review-author">{message.authorName || 'Someone'}</span>{' '}
                  <time dateTime={message.at} title={exactTime(message.at)}>
                    {relativeTime(message.at)}
                  </time>
                  <p className="comment-text">{withMentions(message.text, message.mentions)}</p>
                </li>
              ))}
            </ol>
            {thread.resolved && <p className="muted comment-resolved-by">Resolved by {thread.resolvedBy ?? 'someone'}</p>}
            {!readOnly && !thread.resolved && <CommentBox label="Reply" submitLabel="Reply" onSubmit={(text, mentions) => guarded(() => reply(doc, thread.id, me, text, mentions, now(), crypto.randomUUID()))} />}
            {!readOnly && (
              <div className="review-item-actions">
                <button type="button" className="button button-small button-quiet" onClick={() => guarded(() => setResolved(doc, thread.id, !thread.resolved, me, now()))}>
                  {thread.resolved ? 'Reopen' : 'Resolve'}
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
    </aside>
  );
}

function showThread(editor: Editor | null, doc: Y.Doc, field: CommentField, range: { from: number; to: number }): void {
  if (field === 'body') {
    editor?.chain().focus().setTextSelection(range).scrollIntoView().run();
    return;
  }
  // A field: its textarea, with the commented characters selected.
  const input = document.querySelector<HTMLTextAreaElement>(`[data-field="${field}"] textarea`);
  if (!input) return;
  input.focus();
  input.setSelectionRange(range.from, Math.min(range.to, articleParts(doc)[field].length));
  input.scrollIntoView({ block: 'center' });
}

/** The message with its mentions in bold. */
function withMentions(text: string, mentions: readonly string[]) {
  if (mentions.length === 0) return text;
  const names = [...mentions].sort((a, b) => b.length - a.length).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = text.split(new RegExp(`(@(?:${names.join('|')}))`, 'giu'));
  return parts.map((part, index) => (index % 2 === 1 ? <strong key={index}>{part}</strong> : part));
}
