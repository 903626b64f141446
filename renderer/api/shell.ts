import type { LedeShellBridge } from '../../shared/shell';

declare global {
  interface Window {
    /** Set by the Electron preload (spellcheck language, menu commands); absent in the web shell. */
    ledeShell?: LedeShellBridge;
  }
}

/** The Electron shell's UI channel, or null in the web shell (where the browser spellchecks by itself). */
export function shellBridge(): LedeShellBridge | null {
  return typeof window !== 'undefined' && window.ledeShell ? window.ledeShell : null;
}
