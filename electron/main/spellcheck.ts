import { Menu, type BrowserWindow, type MenuItemConstructorOptions, type Session } from 'electron';
import type { Logger } from '../core/log';
import { contextMenuEntries, entryLabel, type ContextMenuEntry } from './context-menu';
import { dictionariesFor } from './spellcheck-languages';

/**
 * Electron glue for spellchecking: where dictionaries come from, which ones
 * the open story needs, and the context menu with suggestions. The decisions
 * live in spellcheck-languages.ts and context-menu.ts.
 */
export function applySpellcheckSource(session: Session, dictionaryUrl: string | null, log: Logger): void {
  // macOS checks with the system's spellchecker; the download URL is Hunspell's (Windows, Linux).
  if (dictionaryUrl && process.platform !== 'darwin') {
    session.setSpellCheckerDictionaryDownloadURL(dictionaryUrl);
    log.info('spellcheck dictionaries from the newsroom', { host: new URL(dictionaryUrl).host });
  }
  session.on('spellcheck-dictionary-download-failure', (_event, language) => log.warn('spellcheck dictionary could not be downloaded', { language }));
}

/** The story's language (then the newsroom's extras) → the session's dictionaries. */
export function applySpellcheckLanguages(session: Session, tags: readonly string[], log: Logger): void {
  if (process.platform === 'darwin') return;
  const available = session.availableSpellCheckerLanguages;
  const dictionaries = dictionariesFor(tags, available && available.length > 0 ? available : undefined);
  // No dictionary for the story's language (Arabic, Japanese…): check nothing rather than mark every word.
  session.setSpellCheckerEnabled(dictionaries.length > 0);
  if (dictionaries.length > 0) session.setSpellCheckerLanguages(dictionaries);
  log.debug('spellcheck languages', { tags, dictionaries });
}

export function attachContextMenu(window: BrowserWindow, openExternal: (url: string) => void): void {
  const contents = window.webContents;
  contents.on('context-menu', (_event, params) => {
    const entries = contextMenuEntries(params);
    if (entries.length === 0) return;
    const items = entries.map((entry) => toMenuItem(entry, window, openExternal));
    Menu.buildFromTemplate(items).popup({ window });
  });
}

function toMenuItem(entry: ContextMenuEntry, window: BrowserWindow, openExternal: (url: string) => void): MenuItemConstructorOptions {
  const contents = window.webContents;
  switch (entry.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      return { role: entry.role, enabled: entry.enabled };
    case 'no-suggestions':
      return { label: entryLabel(entry), enabled: false };
    case 'suggestion':
      return { label: entryLabel(entry), click: () => contents.replaceMisspelling(entry.word) };
    case 'add-to-dictionary':
      return { label: entryLabel(entry), click: () => contents.session.addWordToSpellCheckerDictionary(entry.word) };
    case 'open-link':
      return { label: entryLabel(entry), click: () => openExternal(entry.url) };
  }
}
