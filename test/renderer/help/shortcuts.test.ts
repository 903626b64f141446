import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedArticle } from '../../../shared/article-doc';
import { storyEditorExtensions } from '../../../renderer/editor/editor-extensions';
import { isApplePlatform, matchesShortcut, shortcutKeys, shortcutLabel } from '../../../renderer/editor/shortcut-label';
import { SHORTCUT_GROUPS, SHORTCUTS, type ShortcutId } from '../../../renderer/help/shortcuts';
import { isSuggesting } from '../../../renderer/editor/suggestion-mode';

/**
 * The help screen lists renderer/help/shortcuts.ts. These tests press each
 * listed key in a real story editor (or against the app's key matcher) and
 * check that it does what the list says, so the list cannot lie.
 */
const editors: Editor[] = [];
afterEach(() => {
  while (editors.length > 0) editors.pop()!.destroy();
});

const apple = isApplePlatform();
const KEY_CODES: Record<string, number> = { Enter: 13, '/': 191, ArrowLeft: 37 };
const SHIFTED_DIGITS: Record<string, string> = { '7': '&', '8': '*' };

/** A keydown as a US keyboard sends it for a Tiptap key name. */
function keyEvent(keys: string): KeyboardEvent {
  const parts = keys.split(/-(?!$)/);
  const key = parts.pop()!;
  const shift = parts.includes('Shift');
  const mod = parts.includes('Mod');
  let typed = key;
  if (/^[a-z]$/.test(key) && shift) typed = key.toUpperCase();
  if (/^[0-9]$/.test(key) && shift) typed = SHIFTED_DIGITS[key] ?? key;
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^[0-9]$/.test(key) ? `Digit${key}` : key === '/' ? 'Slash' : key;
  const keyCode = /^[a-z]$/i.test(key) ? key.toUpperCase().charCodeAt(0) : /^[0-9]$/.test(key) ? 48 + Number(key) : (KEY_CODES[key] ?? 0);
  return new KeyboardEvent('keydown', {
    key: typed,
    code,
    keyCode,
    ctrlKey: (mod && !apple) || parts.includes('Ctrl'),
    metaKey: mod && apple,
    altKey: parts.includes('Alt'),
    shiftKey: shift,
    bubbles: true,
    cancelable: true,
  } as KeyboardEventInit);
}

type Calls = { link: number; find: number; video: number };

function storyEditor(calls: Calls): Editor {
  const doc = new Y.Doc();
  seedArticle(doc, { createdAt: '2025-10-15T09:00:00+02:00', language: 'en', headline: 'Syria' });
  const editor = new Editor({
    extensions: storyEditorExtensions({
      doc,
      onOpenLink: () => {
        calls.link += 1;
        return true;
      },
      onOpenFind: () => {
        calls.find += 1;
        return true;
      },
      onOpenVideo: () => {
        calls.video += 1;
        return true;
      },
    }),
  });
  editors.push(editor);
  editor.commands.insertContent('Syria’s new leader visits Moscow');
  editor.commands.selectAll();
  return editor;
}

function press(editor: Editor, keys: string): boolean {
  const event = keyEvent(keys);
  return editor.view.someProp('handleKeyDown', (handler) => handler(editor.view, event)) ?? false;
}

type Check = (editor: Editor, calls: Calls) => void;
const mark = (name: string): Check => (editor) => expect(editor.isActive(name)).toBe(true);
const block = (name: string, attrs?: Record<string, unknown>): Check => (editor) => expect(editor.isActive(name, attrs)).toBe(true);

const EDITOR_CHECKS: Partial<Record<ShortcutId, Check>> = {
  bold: mark('bold'),
  italic: mark('italic'),
  underline: mark('underline'),
  strike: mark('strike'),
  link: (_editor, calls) => expect(calls.link).toBe(1),
  subhead: block('heading', { level: 2 }),
  minorSubhead: block('heading', { level: 3 }),
  bulletList: block('bulletList'),
  orderedList: block('orderedList'),
  quote: block('blockquote'),
  find: (_editor, calls) => expect(calls.find).toBe(1),
  video: (_editor, calls) => expect(calls.video).toBe(1),
  suggestChanges: (editor) => expect(isSuggesting(editor)).toBe(true),
};

const APP_SHORTCUTS: ShortcutId[] = ['newStory', 'backToLibrary', 'showShortcuts', 'findNext', 'findPrevious', 'comment'];

describe('the keyboard shortcuts list', () => {
  it('covers every shortcut in a group the help screen shows, each with a label', () => {
    for (const [id, shortcut] of Object.entries(SHORTCUTS)) {
      expect(SHORTCUT_GROUPS, id).toContain(shortcut.group);
      expect(shortcut.label.length, id).toBeGreaterThan(2);
    }
    const keys = Object.values(SHORTCUTS).flatMap((s) => [s.keys, ...('alternative' in s ? [s.alternative] : [])]);
    // Find's Enter and Shift-Enter work inside its bar only; everything else must be unique.
    const global = keys.filter((k) => k !== 'Enter' && k !== 'Shift-Enter');
    expect(new Set(global).size).toBe(global.length);
  });

  for (const [id, check] of Object.entries(EDITOR_CHECKS) as Array<[ShortcutId, Check]>) {
    const shortcut = SHORTCUTS[id];
    const variants = [shortcut.keys, ...('alternative' in shortcut ? [shortcut.alternative] : [])];
    for (const keys of variants) {
      it(`${keys} in the story editor: ${shortcut.label}`, () => {
        const calls = { link: 0, find: 0, video: 0 };
        const editor = storyEditor(calls);
        expect(press(editor, keys)).toBe(true);
        check(editor, calls);
      });
    }
  }

  it(`${SHORTCUTS.paragraph.keys} turns a subhead back into a paragraph`, () => {
    const editor = storyEditor({ link: 0, find: 0, video: 0 });
    editor.commands.setHeading({ level: 2 });
    expect(press(editor, SHORTCUTS.paragraph.keys)).toBe(true);
    expect(editor.isActive('paragraph')).toBe(true);
  });

  it(`${SHORTCUTS.lineBreak.keys} breaks the line inside the paragraph`, () => {
    const editor = storyEditor({ link: 0, find: 0, video: 0 });
    editor.commands.setTextSelection(5);
    expect(press(editor, SHORTCUTS.lineBreak.keys)).toBe(true);
    expect(JSON.stringify(editor.getJSON())).toContain('hardBreak');
    expect(editor.getJSON().content).toHaveLength(1);
  });

  it(`${SHORTCUTS.undo.keys} undoes your own typing and ${SHORTCUTS.redo.keys} / ${SHORTCUTS.redo.alternative} bring it back`, () => {
    const editor = storyEditor({ link: 0, find: 0, video: 0 });
    const typed = editor.getText();
    expect(press(editor, SHORTCUTS.undo.keys)).toBe(true);
    expect(editor.getText()).toBe('');
    expect(press(editor, SHORTCUTS.redo.keys)).toBe(true);
    expect(editor.getText()).toBe(typed);
    press(editor, SHORTCUTS.undo.keys);
    expect(press(editor, SHORTCUTS.redo.alternative)).toBe(true);
    expect(editor.getText()).toBe(typed);
  });

  it('matches the app-wide shortcuts with exactly their modifiers', () => {
    for (const id of APP_SHORTCUTS) {
      const keys = SHORTCUTS[id].keys;
      expect(matchesShortcut(keyEvent(keys), keys, apple), keys).toBe(true);
      const extra = keyEvent(keys);
      expect(matchesShortcut({ key: extra.key, code: extra.code, ctrlKey: !extra.ctrlKey, metaKey: extra.metaKey, altKey: extra.altKey, shiftKey: extra.shiftKey }, keys, apple)).toBe(false);
    }
    // Alt+N on a Mac types "˜": the key's place decides, not the character.
    expect(matchesShortcut({ key: '˜', code: 'KeyN', ctrlKey: false, metaKey: false, altKey: true, shiftKey: false }, 'Alt-n', true)).toBe(true);
  });

  it('names keys as people see them on each system', () => {
    expect(shortcutLabel('Mod-Shift-8', false)).toBe('Ctrl+Shift+8');
    expect(shortcutLabel('Mod-Shift-8', true)).toBe('⌘⇧8');
    expect(shortcutLabel('Mod-/', false)).toBe('Ctrl+/');
    expect(shortcutKeys('Alt-ArrowLeft', false)).toEqual(['Alt', '←']);
  });
});
