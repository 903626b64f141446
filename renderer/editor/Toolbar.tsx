import type { Editor, JSONContent } from '@tiptap/core';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { LinkPopover } from './LinkPopover';
import { SHORTCUTS } from '../help/shortcuts';
import { withShortcut } from './shortcut-label';
import { handleToolbarKeyDown, syncRovingTabIndex } from './toolbar-focus';
import { ToolbarButton } from './ToolbarButton';
import { VideoEmbedForm } from './VideoEmbedForm';
import { INTERFACE_DIR } from '../ui/InterfaceText';
import { PhotoPickerDialog } from './PhotoPickerDialog';
import { insertFigure } from './figure-insert';
import { useDeferredEditorState } from './use-deferred-editor-state';
import { isSuggesting } from './suggestion-mode';
import { REVIEW_MARK } from '../../shared/review/review-mark-names';
import { useApp } from '../state/app-store';

export interface ToolbarProps {
  editor: Editor;
  linkPanelOpen: boolean;
  onLinkPanelChange(open: boolean): void;
  /** The "Insert video" form: its button here, its key (Mod-Alt-v) in the editor. */
  videoPanelOpen: boolean;
  onVideoPanelChange(open: boolean): void;
  onOpenFind(): void;
  /** "Comment": start a comment on the selected text (absent: no button). */
  onComment?(): void;
  /** Shown under the toolbar and sticking with it while the body scrolls (what a paste asks or did). */
  children?: ReactNode;
}

type BlockStyle = 'paragraph' | 'h2' | 'h3' | 'other';

/**
 * Inserts a block at the cursor, or, where the schema does not allow it there
 * (a video inside a factbox or list), right after the top-level block around the cursor.
 */
function insertBlock(editor: Editor, content: JSONContent): void {
  if (editor.chain().focus().insertContent(content).run()) return;
  const { $to } = editor.state.selection;
  const after = $to.depth > 0 ? $to.after(1) : $to.pos;
  editor.chain().focus().insertContentAt(after, content).run();
}

/** What the toolbar shows; recomputed after each frame with changes, re-rendering only when it changes. */
function toolbarState(editor: Editor) {
  const blockStyle: BlockStyle = editor.isActive('heading', { level: 2 })
    ? 'h2'
    : editor.isActive('heading', { level: 3 })
      ? 'h3'
      : editor.isActive('paragraph') && !editor.isActive('pullQuote')
        ? 'paragraph'
        : 'other';
  return {
    editable: editor.isEditable,
    blockStyle,
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    underline: editor.isActive('underline'),
    strike: editor.isActive('strike'),
    link: editor.isActive('link'),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    blockquote: editor.isActive('blockquote'),
    pullQuote: editor.isActive('pullQuote'),
    factbox: editor.isActive('factbox'),
    suggesting: isSuggesting(editor),
    note: editor.isActive(REVIEW_MARK.note),
    legalFlag: editor.isActive(REVIEW_MARK.legalFlag),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  };
}

const BLOCK_SHORTCUTS = [SHORTCUTS.paragraph, SHORTCUTS.subhead, SHORTCUTS.minorSubhead].map((s) => withShortcut(s.label, s.keys)).join(', ');

/** The story editor's formatting toolbar: one Tab stop, arrow keys move between controls. */
export function Toolbar({ editor, linkPanelOpen, onLinkPanelChange, videoPanelOpen, onVideoPanelChange, onOpenFind, onComment, children }: ToolbarProps) {
  const styleId = useId();
  const toolbarRef = useRef<HTMLDivElement>(null);
  const [photoPickerOpen, setPhotoPickerOpen] = useState(false);
  const state = useDeferredEditorState(editor, toolbarState);
  const person = useApp((s) => s.profile?.name ?? '');
  const personName = () => person;

  useEffect(() => {
    if (toolbarRef.current) syncRovingTabIndex(toolbarRef.current, document.activeElement as HTMLElement | null);
  });

  const run = () => editor.chain().focus();
  const readOnly = !state.editable;

  const setBlockStyle = (style: string) => {
    if (style === 'paragraph') run().setParagraph().run();
    else if (style === 'h2') run().setHeading({ level: 2 }).run();
    else if (style === 'h3') run().setHeading({ level: 3 }).run();
  };
  const togglePullQuote = () => {
    if (state.pullQuote) run().setParagraph().run();
    else run().setNode('pullQuote').run();
  };
  const toggleFactbox = () => {
    if (state.factbox) run().lift('factbox').run();
    else if (!run().wrapIn('factbox').run()) insertBlock(editor, { type: 'factbox', content: [{ type: 'paragraph' }] });
  };

  // Notes and flags are the person's own marks, applied as they are (not suggestions).
  const toggleReviewMark = (name: string) => run().toggleMark(name, { authorId: personName(), authorName: personName(), at: new Date().toISOString() }).run();

  const addRule = () => {
    if (!run().setHorizontalRule().run()) insertBlock(editor, { type: 'horizontalRule' });
  };

  return (
    // Interface, not story: left to right in an Arabic story too (its popovers with it).
    <div className="toolbar-area" dir={INTERFACE_DIR}>
      <div ref={toolbarRef} className="toolbar" role="toolbar" aria-label="Formatting" onKeyDown={handleToolbarKeyDown}>
        <div className="toolbar-group">
          <label className="toolbar-select-label" htmlFor={styleId}>
            Style
          </label>
          <select
            id={styleId}
            className="toolbar-select"
            title={BLOCK_SHORTCUTS}
            value={state.blockStyle}
            disabled={readOnly}
            onChange={(event) => setBlockStyle(event.target.value)}
          >
            <option value="paragraph">Paragraph</option>
            <option value="h2">Subhead</option>
            <option value="h3">Minor subhead</option>
            <option value="other" disabled>
              —
            </option>
          </select>
        </div>
        <div className="toolbar-group">
          <ToolbarButton label="Bold" shortcut={SHORTCUTS.bold.keys} pressed={state.bold} disabled={readOnly} onClick={() => run().toggleBold().run()}>
            <b aria-hidden="true">B</b>
          </ToolbarButton>
          <ToolbarButton label="Italic" shortcut={SHORTCUTS.italic.keys} pressed={state.italic} disabled={readOnly} onClick={() => run().toggleItalic().run()}>
            <i aria-hidden="true">I</i>
          </ToolbarButton>
          <ToolbarButton label="Underline" shortcut={SHORTCUTS.underline.keys} pressed={state.underline} disabled={readOnly} onClick={() => run().toggleUnderline().run()}>
            <u aria-hidden="true">U</u>
          </ToolbarButton>
          <ToolbarButton label="Strikethrough" shortcut={SHORTCUTS.strike.keys} pressed={state.strike} disabled={readOnly} onClick={() => run().toggleStrike().run()}>
            <s aria-hidden="true">S</s>
          </ToolbarButton>
          <ToolbarButton
            label="Link"
            shortcut={SHORTCUTS.link.keys}
            pressed={state.link}
            opensDialog
            expanded={linkPanelOpen}
            disabled={readOnly}
            onClick={() => onLinkPanelChange(!linkPanelOpen)}
          >
            Link
          </ToolbarButton>
        </div>
        <div className="toolbar-group">
          <ToolbarButton label="Bulleted list" shortcut={SHORTCUTS.bulletList.keys} pressed={state.bulletList} disabled={readOnly} onClick={() => run().toggleBulletList().run()}>
            <span aria-hidden="true">• List</span>
          </ToolbarButton>
          <ToolbarButton label="Numbered list" shortcut={SHORTCUTS.orderedList.keys} pressed={state.orderedList} disabled={readOnly} onClick={() => run().toggleOrderedList().run()}>
            <span aria-hidden="true">1. List</span>
          </ToolbarButton>
          <ToolbarButton label="Quote" shortcut={SHORTCUTS.quote.keys} pressed={state.blockquote} disabled={readOnly} onClick={() => run().toggleBlockquote().run()}>
            Quote
          </ToolbarButton>
          <ToolbarButton label="Pull quote" pressed={state.pullQuote} disabled={readOnly} onClick={togglePullQuote}>
            Pull quote
          </ToolbarButton>
          <ToolbarButton label="Factbox" pressed={state.factbox} disabled={readOnly} onClick={toggleFactbox}>
            Factbox
          </ToolbarButton>
        </div>
        <div className="toolbar-group">
          <ToolbarButton label="Horizontal rule" disabled={readOnly} onClick={addRule}>
            Rule
          </ToolbarButton>
          <ToolbarButton label="Photo" opensDialog expanded={photoPickerOpen} disabled={readOnly} onClick={() => setPhotoPickerOpen(true)}>
            Photo
          </ToolbarButton>
          <ToolbarButton label="Video" shortcut={SHORTCUTS.video.keys} opensDialog expanded={videoPanelOpen} disabled={readOnly} onClick={() => onVideoPanelChange(!videoPanelOpen)}>
            Video
          </ToolbarButton>
        </div>
        <div className="toolbar-group" role="group" aria-label="Review">
          <ToolbarButton
            label="Suggest changes"
            shortcut={SHORTCUTS.suggestChanges.keys}
            pressed={state.suggesting}
            disabled={readOnly}
            onClick={() => run().toggleSuggesting().run()}
          >
            Suggest changes
          </ToolbarButton>
          <ToolbarButton label="Note" pressed={state.note} disabled={readOnly} onClick={() => toggleReviewMark(REVIEW_MARK.note)}>
            Note
          </ToolbarButton>
          <ToolbarButton label="Flag for legal" pressed={state.legalFlag} disabled={readOnly} onClick={() => toggleReviewMark(REVIEW_MARK.legalFlag)}>
            Flag for legal
          </ToolbarButton>
          {onComment && (
            <ToolbarButton label="Comment" shortcut={SHORTCUTS.comment.keys} opensDialog disabled={readOnly} onClick={onComment}>
              Comment
            </ToolbarButton>
          )}
        </div>
        <div className="toolbar-group">
          <ToolbarButton label="Undo" shortcut={SHORTCUTS.undo.keys} disabled={readOnly || !state.canUndo} onClick={() => run().undo().run()}>
            Undo
          </ToolbarButton>
          <ToolbarButton label="Redo" shortcut={SHORTCUTS.redo.keys} disabled={readOnly || !state.canRedo} onClick={() => run().redo().run()}>
            Redo
          </ToolbarButton>
          <ToolbarButton label="Find" shortcut={SHORTCUTS.find.keys} onClick={onOpenFind}>
            Find
          </ToolbarButton>
        </div>
      </div>
      {linkPanelOpen && !readOnly ? <LinkPopover editor={editor} onClose={() => onLinkPanelChange(false)} /> : null}
      {photoPickerOpen && !readOnly ? (
        <PhotoPickerDialog
          onClose={() => {
            setPhotoPickerOpen(false);
            editor.commands.focus();
          }}
          onInsert={(asset) => {
            setPhotoPickerOpen(false);
            insertFigure(editor, asset);
          }}
        />
      ) : null}
      {videoPanelOpen && !readOnly ? (
        <div className="editor-popover video-popover" role="dialog" aria-label="Insert video">
          <VideoEmbedForm
            submitLabel="Insert video"
            onSubmit={(attrs) => {
              insertBlock(editor, { type: 'videoEmbed', attrs });
              onVideoPanelChange(false);
            }}
            onCancel={() => {
              onVideoPanelChange(false);
              editor.commands.focus();
            }}
          />
        </div>
      ) : null}
      {children}
    </div>
  );
}
