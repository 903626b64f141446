import { describe, expect, it } from 'vitest';
import { contextMenuEntries, entryLabel, type ContextMenuInput } from '../../../electron/main/context-menu';

const allFlags = { canUndo: true, canRedo: false, canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
const input = (overrides: Partial<ContextMenuInput>): ContextMenuInput => ({
  misspelledWord: '',
  dictionarySuggestions: [],
  isEditable: true,
  selectionText: '',
  linkURL: '',
  editFlags: allFlags,
  ...overrides,
});
const kinds = (entries: ReturnType<typeof contextMenuEntries>) =>
  entries.map((entry) => (entry.kind === 'role' ? `${entry.role}${entry.enabled ? '' : '(off)'}` : entry.kind === 'separator' ? '-' : entry.kind));

describe('context menu', () => {
  it('offers suggestions and "Add to dictionary" for a misspelled word, then the edit commands', () => {
    const entries = contextMenuEntries(input({ misspelledWord: 'Moskow', dictionarySuggestions: ['Moscow', 'Mosco', 'Moskva', 'Mos', 'Most', 'Mosque'] }));
    expect(entries.slice(0, 5)).toEqual(['Moscow', 'Mosco', 'Moskva', 'Mos', 'Most'].map((word) => ({ kind: 'suggestion', word })));
    expect(entries[5]).toEqual({ kind: 'add-to-dictionary', word: 'Moskow' });
    expect(entryLabel({ kind: 'add-to-dictionary', word: 'Moskow' })).toBe('Add “Moskow” to dictionary');
    expect(kinds(entries.slice(6))).toEqual(['-', 'undo', 'redo(off)', '-', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', '-', 'selectAll']);
  });

  it('says when there are no suggestions, and still offers to add the word', () => {
    const entries = contextMenuEntries(input({ misspelledWord: 'Al-Sharaa' }));
    expect(kinds(entries).slice(0, 3)).toEqual(['no-suggestions', 'add-to-dictionary', '-']);
    expect(entryLabel({ kind: 'no-suggestions' })).toBe('No spelling suggestions');
  });

  it('adds nothing that is not a word to the dictionary', () => {
    expect(kinds(contextMenuEntries(input({ misspelledWord: 'x'.repeat(80) })))).not.toContain('add-to-dictionary');
  });

  it('outside editable text: copy when something is selected, otherwise no menu', () => {
    expect(kinds(contextMenuEntries(input({ isEditable: false, selectionText: 'Putin' })))).toEqual(['copy', '-', 'selectAll']);
    expect(contextMenuEntries(input({ isEditable: false }))).toEqual([]);
    // A misspelling is only offered where it can be replaced.
    expect(contextMenuEntries(input({ isEditable: false, misspelledWord: 'Moskow', dictionarySuggestions: ['Moscow'] }))).toEqual([]);
  });

  it('opens only parsed http(s) links in the browser', () => {
    expect(contextMenuEntries(input({ isEditable: false, linkURL: 'https://www.reuters.com/a b' }))).toEqual([{ kind: 'open-link', url: 'https://www.reuters.com/a%20b' }]);
    for (const linkURL of ['javascript:alert(1)', 'file:///etc/passwd', 'lede-media://abc/thumb', 'https://user:pw@evil.example/']) {
      expect(contextMenuEntries(input({ isEditable: false, linkURL })), linkURL).toEqual([]);
    }
  });
});
