import { externalLinkDecision } from './url-policy';

/**
 * The page's context menu as data: spelling suggestions and "Add to
 * dictionary" for a misspelled word, then the usual edit commands. Built from
 * the parts of Electron's ContextMenuParams that matter, so it is tested
 * under Node; main turns each entry into a MenuItem.
 */
export interface ContextMenuInput {
  misspelledWord: string;
  dictionarySuggestions: readonly string[];
  isEditable: boolean;
  selectionText: string;
  linkURL: string;
  editFlags: { canUndo: boolean; canRedo: boolean; canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export type EditRole = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'selectAll';

export type ContextMenuEntry =
  | { kind: 'suggestion'; word: string }
  | { kind: 'no-suggestions' }
  | { kind: 'add-to-dictionary'; word: string }
  | { kind: 'open-link'; url: string }
  | { kind: 'role'; role: EditRole; enabled: boolean }
  | { kind: 'separator' };

export const MAX_SUGGESTIONS = 5;
/** Longer "words" are not words (a pasted URL, a hash): no dictionary entry for them. */
const MAX_DICTIONARY_WORD = 64;

export function contextMenuEntries(params: ContextMenuInput): ContextMenuEntry[] {
  const entries: ContextMenuEntry[] = [];
  const word = params.misspelledWord.trim();
  if (params.isEditable && word) {
    const suggestions = params.dictionarySuggestions.filter((s) => s.trim() !== '').slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) entries.push({ kind: 'no-suggestions' });
    for (const suggestion of suggestions) entries.push({ kind: 'suggestion', word: suggestion });
    if (word.length <= MAX_DICTIONARY_WORD && !/\s/.test(word)) entries.push({ kind: 'add-to-dictionary', word });
    entries.push({ kind: 'separator' });
  }
  if (params.linkURL) {
    const decision = externalLinkDecision(params.linkURL);
    if (decision.allowed) entries.push({ kind: 'open-link', url: decision.url }, { kind: 'separator' });
  }
  const flags = params.editFlags;
  if (params.isEditable) {
    entries.push(
      { kind: 'role', role: 'undo', enabled: flags.canUndo },
      { kind: 'role', role: 'redo', enabled: flags.canRedo },
      { kind: 'separator' },
      { kind: 'role', role: 'cut', enabled: flags.canCut },
      { kind: 'role', role: 'copy', enabled: flags.canCopy },
      { kind: 'role', role: 'paste', enabled: flags.canPaste },
      { kind: 'role', role: 'pasteAndMatchStyle', enabled: flags.canPaste },
      { kind: 'separator' },
      { kind: 'role', role: 'selectAll', enabled: flags.canSelectAll },
    );
  } else if (params.selectionText.trim() !== '') {
    entries.push({ kind: 'role', role: 'copy', enabled: flags.canCopy }, { kind: 'separator' }, { kind: 'role', role: 'selectAll', enabled: flags.canSelectAll });
  }
  while (entries.at(-1)?.kind === 'separator') entries.pop();
  return entries;
}

/** What a menu entry says. */
export function entryLabel(entry: Exclude<ContextMenuEntry, { kind: 'role' } | { kind: 'separator' }>): string {
  switch (entry.kind) {
    case 'suggestion':
      return entry.word;
    case 'no-suggestions':
      return 'No spelling suggestions';
    case 'add-to-dictionary':
      return `Add “${entry.word}” to dictionary`;
    case 'open-link':
      return 'Open link in browser';
  }
}
