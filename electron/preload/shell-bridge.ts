import { parseShellCommand, parseSpellcheckLanguages, SHELL_IPC, type LedeShellBridge, type ShellCommand } from '../../shared/shell';

/** The parts of ipcRenderer the shell bridge uses, so it is tested without Electron. */
export interface ShellIpcLike {
  send(channel: string, value: unknown): void;
  on(channel: string, listener: (event: unknown, value: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, value: unknown) => void): unknown;
}

/**
 * `window.ledeShell`: UI-shell concerns only (ADR 0021). What the page sends
 * is checked here and again in main; what main sends is checked before the
 * page hears it. A page listener that throws does not reach ipcRenderer.
 */
export function createShellBridge(ipc: ShellIpcLike): LedeShellBridge {
  return {
    setSpellcheckLanguages(tags) {
      const parsed = parseSpellcheckLanguages(tags);
      if (parsed) ipc.send(SHELL_IPC.spellcheckLanguages, parsed);
    },
    onCommand(listener) {
      if (typeof listener !== 'function') throw new TypeError('ledeShell.onCommand needs a listener function.');
      const handler = (_event: unknown, value: unknown) => {
        const command: ShellCommand | null = parseShellCommand(value);
        if (!command) return;
        try {
          listener(command);
        } catch {
          // The page's problem; the channel stays up.
        }
      };
      ipc.on(SHELL_IPC.command, handler);
      return () => {
        ipc.removeListener(SHELL_IPC.command, handler);
      };
    },
  };
}
