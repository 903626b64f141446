import { Extension, type AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { Dropcursor, Gapcursor, Placeholder } from '@tiptap/extensions';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import { ARTICLE_BODY } from '../../shared/article-doc';
import { newsroomExtensions } from '../../shared/editor/extensions';
import { FindReplace } from './find-replace';
import { LeadFigureRule } from './lead-figure-rule';
import { MediaDrop } from './media-drop';
import { withNodeViews } from './node-views';
import { readPastedHtml, type PastedHtml } from './article-paste';
import { transformPastedHTML } from './paste-clean';
import { StorySizeLimit, type StorySizeLimitOptions } from './story-size-limit';
import type { NotKeptMedia } from '../../shared/web-article/web-article';
import { StoryShortcuts } from './story-shortcuts';
import { TypographicQuotes } from './typographic-quotes';
import { UndoSteps } from './undo-steps';
import { SuggestionMode, type SuggestionModeOptions } from './suggestion-mode';
import { CommentHighlights } from './comment-anchors';
import { DomSelectionSync } from './dom-selection-sync';

export interface StoryEditorExtensionOptions {
  /** The article's Yjs document; the editor binds to its `body` fragment. */
  doc: Y.Doc;
  /** Shown in an empty story. */
  placeholder?: string;
  /** Mod-k: open the link panel. Return false to let the key through. */
  onOpenLink?: () => boolean;
  /** Mod-f: open find and replace. Return false to let the browser's find run. */
  onOpenFind?: () => boolean;
  /** Mod-Alt-v: open the "Insert video" form. Return false to let the key through. */
  onOpenVideo?: () => boolean;
  /** The story's language now, for its quotation marks (default English). */
  language?: () => string;
  /** Whether typed quotes become typographic ones now (default yes). */
  typographicQuotes?: () => boolean;
  /** What a paste of a whole article or of media the story cannot keep tells the person. */
  paste?: PasteCleaningOptions;
  /** The newsroom's story word limit for pastes and drops (shared/story-size.ts). */
  sizeLimit?: StorySizeLimitOptions;
  /** "Suggest changes": who suggests, and a call when it is turned on or off. */
  suggestions?: SuggestionModeOptions;
  /** Whether resolved comment threads are highlighted in the text too. */
  showResolvedComments?: () => boolean;
}

export interface PasteCleaningOptions {
  /** The newsroom's sections, read at paste time (a page's kicker line may name one). */
  sections(): readonly string[];
  /** A whole article was pasted: nothing is inserted until the person chooses. Without it, it pastes as text. */
  onArticle?(paste: Extract<PastedHtml, { kind: 'article' }>): void;
  /** A paste into the text left pictures or videos out. */
  onMediaNotKept?(media: NotKeptMedia[]): void;
}

/**
 * Every paste (and HTML drop) is rebuilt from the schema's allow-list before
 * ProseMirror parses it. A paste of a whole web article is held back and
 * offered to the person (ADR 0066); `pasteAsText` pastes it into the body
 * after all.
 */
export const PasteCleaning = Extension.create<PasteCleaningOptions>({
  name: 'pasteCleaning',
  addOptions() {
    return { sections: () => [] };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin({
        key: pasteCleaningKey,
        props: {
          transformPastedHTML: (html) => transformPastedHTML(html),
          handlePaste: (view, event) => {
            const html = event.clipboardData?.getData('text/html') ?? '';
            if (!html || !view.editable) return false;
            const asText = pasteAsTextPending.has(view);
            pasteAsTextPending.delete(view);
            const pasted = readPastedHtml(html, options.sections());
            if (pasted.kind === 'article' && !asText && options.onArticle) {
              options.onArticle(pasted);
              return true;
            }
            const notKept = pasted.kind === 'article' ? pasted.article.notKept : pasted.notKept;
            if (notKept.length > 0) options.onMediaNotKept?.(notKept);
            return false;
          },
        },
      }),
    ];
  },
});

const pasteCleaningKey = new PluginKey('pasteCleaning');
const pasteAsTextPending = new WeakSet<EditorView>();

/** Pastes HTML into the body at the selection as an ordinary paste would, without asking about a whole article. */
export function pasteAsText(view: EditorView, html: string): void {
  pasteAsTextPending.add(view);
  view.pasteHTML(html, new ClipboardEvent('paste', { clipboardData: clipboardWith(html) }));
  pasteAsTextPending.delete(view);
}

function clipboardWith(html: string): DataTransfer {
  const data = new DataTransfer();
  data.setData('text/html', html);
  return data;
}

/**
 * Undo from outside the keyboard (Edit menu, context menu) reaches a
 * contenteditable as a `historyUndo` input event; it must run the shared undo
 * (your own changes only), never the browser's, which knows nothing of Yjs.
 */
export const HistoryInputEvents = Extension.create({
  name: 'historyInputEvents',
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey('historyInputEvents'),
        props: {
          handleDOMEvents: {
            beforeinput: (_view, event) => {
              if (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo') return false;
              event.preventDefault();
              if (!editor.isEditable) return true;
              if (event.inputType === 'historyUndo') editor.commands.undo();
              else editor.commands.redo();
              return true;
            },
          },
        },
      }),
    ];
  },
});

const BLOCK_PLACEHOLDERS: Record<string, string> = {
  pullQuote: 'Quote',
  figure: 'Caption',
  heading: 'Subhead',
};

/**
 * The story body editor: the newsroom schema, bound to the article's shared
 * document. The editor never fills the document itself (no `content:`): core
 * seeds each new story once, and filling it again here would duplicate text
 * when copies merge. Collaboration brings undo/redo of your own changes only;
 * UndoSteps decides where one undo step ends.
 */
export function storyEditorExtensions(options: StoryEditorExtensionOptions): AnyExtension[] {
  const placeholder = options.placeholder ?? 'Write the story…';
  return [
    ...withNodeViews(newsroomExtensions()),
    Collaboration.configure({ document: options.doc, field: ARTICLE_BODY }),
    Dropcursor.configure({ color: 'var(--focus)', width: 2, class: 'drop-cursor' }),
    Gapcursor,
    DomSelectionSync,
    Placeholder.configure({
      placeholder: ({ node }) => BLOCK_PLACEHOLDERS[node.type.name] ?? placeholder,
    }),
    FindReplace,
    options.sizeLimit ? StorySizeLimit.configure(options.sizeLimit) : StorySizeLimit,
    options.paste ? PasteCleaning.configure(options.paste) : PasteCleaning,
    MediaDrop,
    LeadFigureRule,
    HistoryInputEvents,
    UndoSteps,
    TypographicQuotes.configure({ language: options.language ?? (() => 'en'), enabled: options.typographicQuotes ?? (() => true) }),
    options.suggestions ? SuggestionMode.configure(options.suggestions) : SuggestionMode,
    CommentHighlights.configure({ doc: options.doc, showResolved: options.showResolvedComments ?? (() => false) }),
    StoryShortcuts.configure({
      onOpenLink: options.onOpenLink ?? (() => false),
      onOpenFind: options.onOpenFind ?? (() => false),
      onOpenVideo: options.onOpenVideo ?? (() => false),
    }),
  ];
}
