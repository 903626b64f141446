import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { TextStats } from '../../shared/text-stats';
import { articleNotes, describeNotKept } from '../../shared/web-article/web-article';
import { DEFAULT_STORY_WORD_LIMIT } from '../../shared/story-size';
import { useApp } from '../state/app-store';
import { showToast } from '../ui/toast-store';
import { fillEmptyFields, offeredFields, type PastedHtml } from './article-paste';
import { pasteAsText, storyEditorExtensions } from './editor-extensions';
import { FindReplaceBar } from './FindReplaceBar';
import { PasteArticleBar } from './PasteArticleBar';
import { PasteNotice } from './PasteNotice';
import { StoryStatusLine } from './StoryStatusLine';
import { Toolbar } from './Toolbar';
import { SuggestionPopover } from './SuggestionPopover';
import { refreshCommentHighlights } from './comment-anchors';
import './editor.css';
import './editor-controls.css';
import './review.css';

export interface StoryEditorProps {
  /** The article's Yjs document, already seeded by core (never filled here). */
  doc: Y.Doc;
  /** BCP 47 tag of the story: drives spellcheck and hyphenation. */
  language: string;
  dir: 'ltr' | 'rtl';
  readOnly?: boolean;
  /** Called with fresh counts, at most about twice a second while typing. */
  onStats?(stats: TextStats): void;
  /** Called once the editor exists (and again if `doc` changes). */
  onReady?(editor: Editor): void;
  placeholder?: string;
  /** Typed " and ' become the language's quotation marks (Settings › Editing). */
  typographicQuotes?: boolean;
  /** The toolbar's "Comment": start a comment on the selected text. */
  onComment?(): void;
  /** Resolved comment threads are highlighted too (the Comments panel's "Show resolved"). */
  showResolvedComments?: boolean;
}

const NO_SECTIONS: readonly string[] = [];

function bodyAttributes(language: string, dir: 'ltr' | 'rtl'): Record<string, string> {
  return {
    class: 'story-body',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': 'Body',
    lang: language,
    dir,
    spellcheck: 'true',
  };
}

/**
 * The story body editor with its toolbar, find and replace bar and length
 * line. The editor never re-renders React per keystroke
 * (`shouldRerenderOnTransaction: false`): the toolbar and find bar each
 * subscribe to just the state they show.
 */
export function StoryEditor({ doc, language, dir, readOnly = false, onStats, onReady, placeholder, typographicQuotes = true, onComment, showResolvedComments = false }: StoryEditorProps) {
  const [linkPanelOpen, setLinkPanelOpen] = useState(false);
  const [videoPanelOpen, setVideoPanelOpen] = useState(false);
  const [findOpen, setFindOpen] = useState(false);
  const [findFocusRequest, setFindFocusRequest] = useState(0);
  const readOnlyRef = useRef(readOnly);
  readOnlyRef.current = readOnly;
  const typingRef = useRef({ language, typographicQuotes });
  typingRef.current = { language, typographicQuotes };
  const sections = useApp((s) => s.config?.sections ?? NO_SECTIONS);
  const sectionsRef = useRef<readonly string[]>(sections);
  sectionsRef.current = sections;
  const wordLimit = useApp((s) => s.config?.storyWordLimit ?? DEFAULT_STORY_WORD_LIMIT);
  const wordLimitRef = useRef(wordLimit);
  wordLimitRef.current = wordLimit;
  const [pastedArticle, setPastedArticle] = useState<Extract<PastedHtml, { kind: 'article' }> | null>(null);
  const [pasteNotice, setPasteNotice] = useState<string[] | null>(null);
  // Suggestions carry the person's name: the account's when signed in (it replaces the profile's name).
  const personName = useApp((s) => s.profile?.name ?? '');
  const personRef = useRef(personName);
  personRef.current = personName;
  const showResolvedRef = useRef(showResolvedComments);
  showResolvedRef.current = showResolvedComments;

  const extensions = useMemo(
    () =>
      storyEditorExtensions({
        doc,
        placeholder,
        language: () => typingRef.current.language,
        typographicQuotes: () => typingRef.current.typographicQuotes,
        onOpenLink: () => {
          if (readOnlyRef.current) return false;
          setLinkPanelOpen(true);
          return true;
        },
        onOpenFind: () => {
          setFindOpen(true);
          setFindFocusRequest((request) => request + 1);
          return true;
        },
        onOpenVideo: () => {
          if (readOnlyRef.current) return false;
          setVideoPanelOpen(true);
          return true;
        },
        paste: {
          sections: () => sectionsRef.current,
          onArticle: (paste) => {
            setPasteNotice(null);
            setPastedArticle(paste);
          },
          onMediaNotKept: (media) => setPasteNotice([`Not kept: ${describeNotKept(media)}.`]),
        },
        suggestions: { author: () => ({ authorId: personRef.current, authorName: personRef.current }) },
        showResolvedComments: () => showResolvedRef.current,
        sizeLimit: {
          limit: () => wordLimitRef.current,
          onRefused: (message) => {
            setPastedArticle(null);
            showToast({ message, tone: 'error' });
          },
        },
      }),
    // The extensions are the editor's identity: a new document means a new editor;
    // the callbacks read refs and setters, so they never go stale.
    [doc],
  );

  const editor = useEditor(
    {
      extensions,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editable: !readOnly,
      editorProps: { attributes: bodyAttributes(language, dir) },
    },
    [doc],
  );

  useEffect(() => {
    if (editor.isEditable !== !readOnly) editor.setEditable(!readOnly);
  }, [editor, readOnly]);

  useEffect(() => {
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: bodyAttributes(language, dir) } });
  }, [editor, language, dir]);

  useEffect(() => {
    refreshCommentHighlights(editor.view);
  }, [editor, showResolvedComments]);

  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;
  useEffect(() => {
    onReadyRef.current?.(editor);
  }, [editor]);

  return (
    <div className="story-editor">
      <Toolbar
        editor={editor}
        linkPanelOpen={linkPanelOpen}
        onLinkPanelChange={setLinkPanelOpen}
        videoPanelOpen={videoPanelOpen}
        onVideoPanelChange={setVideoPanelOpen}
        onOpenFind={() => {
          setFindOpen(true);
          setFindFocusRequest((request) => request + 1);
        }}
        onComment={onComment}
      >
        {pastedArticle && (
          <PasteArticleBar
            article={pastedArticle.article}
            offers={offeredFields(doc, pastedArticle.article)}
            onFill={() => {
              const { filled, kept } = fillEmptyFields(doc, pastedArticle.article);
              setPastedArticle(null);
              editor.commands.focus();
              if (pastedArticle.bodyHtml.trim()) pasteAsText(editor.view, pastedArticle.bodyHtml);
              setPasteNotice([
                filled.length > 0 ? `Filled from the article: ${filled.join(', ')}.` : 'No field was empty; the article went into the text.',
                ...(kept.length > 0 ? [`Left as you typed: ${kept.join(', ')}.`] : []),
                ...articleNotes(pastedArticle.article),
              ]);
            }}
            onPasteText={() => {
              setPastedArticle(null);
              editor.commands.focus();
              pasteAsText(editor.view, pastedArticle.html);
            }}
            onCancel={() => {
              setPastedArticle(null);
              editor.commands.focus();
            }}
          />
        )}
        {pasteNotice && <PasteNotice lines={pasteNotice} onDismiss={() => setPasteNotice(null)} />}
      </Toolbar>
      {findOpen ? <FindReplaceBar editor={editor} focusRequest={findFocusRequest} onClose={() => setFindOpen(false)} /> : null}
      <EditorContent editor={editor} className="story-editor-content" />
      <SuggestionPopover editor={editor} />
      <StoryStatusLine editor={editor} onStats={onStats} />
    </div>
  );
}
