/**
 * The Electron shell's own small channel to the page (ADR 0021). It carries
 * only what the window itself needs from the page (the open story's language,
 * for the spellchecker) and what the menu and updater tell the page (open
 * the shortcuts screen, an update is ready). No story content and no API
 * call ever travels here: those go through the contract to core. Both ends
 * parse every message with the functions below; anything else is dropped.
 * Plain checks, not zod: the sandboxed preload bundles no packages.
 */
export const SHELL_IPC = {
  /** page → main: the languages to spellcheck (BCP 47), the open story's first. */
  spellcheckLanguages: 'lede:shell:spellcheck-languages',
  /** main → page: a ShellCommand. */
  command: 'lede:shell:command',
} as const;

/** The shortcut that opens the keyboard shortcuts screen; the page and the Help menu both use it. */
export const SHOW_SHORTCUTS_KEYS = 'Mod-/';

/** At most a handful: every dictionary is loaded and checked against every word. */
export const MAX_SPELLCHECK_LANGUAGES = 6;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,6}$/;
const MAX_MESSAGE = 500;

export type ShellCommand = { type: 'show-shortcuts' } | { type: 'update-status'; state: 'downloaded' | 'failed'; message: string };

/** What the Electron preload gives the page as `window.ledeShell`; absent in the web shell. */
export interface LedeShellBridge {
  /** The open story's language first, then the newsroom's extra spellcheck languages. */
  setSpellcheckLanguages(tags: string[]): void;
  onCommand(listener: (command: ShellCommand) => void): () => void;
}

/** A list of 1 to 6 language tags, or null. */
export function parseSpellcheckLanguages(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SPELLCHECK_LANGUAGES) return null;
  for (const tag of value) if (typeof tag !== 'string' || tag.length > 35 || !LANGUAGE_TAG.test(tag)) return null;
  return [...(value as string[])];
}

export function parseShellCommand(value: unknown): ShellCommand | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const message = value as Record<string, unknown>;
  const keys = Object.keys(message).sort().join(',');
  if (message.type === 'show-shortcuts' && keys === 'type') return { type: 'show-shortcuts' };
  if (
    message.type === 'update-status' &&
    keys === 'message,state,type' &&
    (message.state === 'downloaded' || message.state === 'failed') &&
    typeof message.message === 'string' &&
    message.message.length <= MAX_MESSAGE
  ) {
    return { type: 'update-status', state: message.state, message: message.message };
  }
  return null;
}
