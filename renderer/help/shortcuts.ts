/**
 * Every keyboard shortcut Lede has, in one list. The editor binds its keys
 * from here, the toolbar's tooltips name them from here, and the "Keyboard
 * shortcuts" help screen lists exactly this, so the help can never drift from
 * what the keys do. Keys use Tiptap's names: "Mod" is Ctrl (⌘ on a Mac).
 */
import { SHOW_SHORTCUTS_KEYS } from '../../shared/shell';

export interface Shortcut {
  label: string;
  keys: string;
  /** Another key that does the same, listed beside the first. */
  alternative?: string;
  /** The last key of a row of keys that each do their own step (0 through 5: the stars). */
  through?: string;
  group: ShortcutGroup;
}

export const SHORTCUT_GROUPS = ['Text', 'Paragraphs', 'Editing', 'Stories and the library', 'Photo desk'] as const;
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number];

export const SHORTCUTS = {
  bold: { label: 'Bold', keys: 'Mod-b', group: 'Text' },
  italic: { label: 'Italic', keys: 'Mod-i', group: 'Text' },
  underline: { label: 'Underline', keys: 'Mod-u', group: 'Text' },
  strike: { label: 'Strikethrough', keys: 'Mod-Shift-s', alternative: 'Mod-Shift-x', group: 'Text' },
  link: { label: 'Link', keys: 'Mod-k', group: 'Text' },
  lineBreak: { label: 'Line break within a paragraph', keys: 'Shift-Enter', group: 'Text' },
  paragraph: { label: 'Paragraph', keys: 'Mod-Alt-0', group: 'Paragraphs' },
  subhead: { label: 'Subhead', keys: 'Mod-Alt-2', group: 'Paragraphs' },
  minorSubhead: { label: 'Minor subhead', keys: 'Mod-Alt-3', group: 'Paragraphs' },
  bulletList: { label: 'Bulleted list', keys: 'Mod-Shift-8', group: 'Paragraphs' },
  orderedList: { label: 'Numbered list', keys: 'Mod-Shift-7', group: 'Paragraphs' },
  quote: { label: 'Quote', keys: 'Mod-Shift-b', group: 'Paragraphs' },
  // Mod-Alt like the paragraph styles; Mod-Shift-v is the browser's "paste as plain text" (ADR 0063).
  video: { label: 'Insert a video', keys: 'Mod-Alt-v', group: 'Paragraphs' },
  undo: { label: 'Undo your last change (on the photo desk: the template its notice reports)', keys: 'Mod-z', group: 'Editing' },
  redo: { label: 'Redo', keys: 'Mod-Shift-z', alternative: 'Mod-y', group: 'Editing' },
  find: { label: 'Find and replace', keys: 'Mod-f', group: 'Editing' },
  suggestChanges: { label: 'Suggest changes (on and off)', keys: 'Mod-Shift-e', group: 'Editing' },
  comment: { label: 'Comment on the selected text', keys: 'Mod-Alt-m', group: 'Editing' },
  findNext: { label: 'Next match (in Find)', keys: 'Enter', group: 'Editing' },
  findPrevious: { label: 'Previous match (in Find)', keys: 'Shift-Enter', group: 'Editing' },
  newStory: { label: 'New story (in the library)', keys: 'Alt-n', group: 'Stories and the library' },
  backToLibrary: { label: 'Back to the library', keys: 'Alt-ArrowLeft', group: 'Stories and the library' },
  showShortcuts: { label: 'Keyboard shortcuts (this list)', keys: SHOW_SHORTCUTS_KEYS, group: 'Stories and the library' },
  // The photo desk's culling and loupe (ADR 0070); the grid and the loupe read their keys in renderer/photos/culling.ts.
  openLoupe: { label: 'Open the selected photo in the loupe', keys: 'Space', alternative: 'Enter', group: 'Photo desk' },
  toggleInSelection: { label: 'Add the photo to the selection, or take it out', keys: 'Mod-Space', group: 'Photo desk' },
  stars: { label: 'Stars (0 takes them off)', keys: '0', through: '5', group: 'Photo desk' },
  colourLabel: { label: 'Colour label: red, yellow, green, blue (the same key again takes it off)', keys: '6', through: '9', group: 'Photo desk' },
  tag: { label: 'Tag or untag (Photo Mechanic’s pick)', keys: 't', group: 'Photo desk' },
  reject: { label: 'Reject, or take the rejection back', keys: 'x', group: 'Photo desk' },
  loupeMove: { label: 'Previous or next photo (in the loupe)', keys: 'ArrowLeft', alternative: 'ArrowRight', group: 'Photo desk' },
  loupeZoom: { label: 'Zoom to 100% and back to fit (in the loupe and Compare)', keys: 'z', group: 'Photo desk' },
  closeLoupe: { label: 'Close the loupe', keys: 'Escape', group: 'Photo desk' },
  compare: { label: 'Compare 2 to 4 selected photos side by side', keys: 'c', group: 'Photo desk' },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof SHORTCUTS;
