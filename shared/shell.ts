import { z } from 'zod';

/**
 * The Electron shell's own small channel to the page (ADR 0021). It carries
 * only what the window itself needs from the page (the open story's language,
 * for the spellchecker) and what the menu and updater tell the page (open
 * the shortcuts screen, an update is ready). No story content and no API
 * call ever travels here: those go through the contract to core. Both ends
 * parse every message with these schemas; anything else is dropped.
 */
export const SHELL_IPC = {
  /** page → main: the language of the text being edited (BCP 47). */
  spellcheckLanguage: 'lede:shell:spellcheck-language',
  /** main → page: a ShellCommand. */
  command: 'lede:shell:command',
} as const;

export const spellcheckLanguageSchema = z.string().min(2).max(35).regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag');

export const shellCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('show-shortcuts') }).strict(),
  z
    .object({
      type: z.literal('update-status'),
      state: z.enum(['downloaded', 'failed']),
      message: z.string().max(500),
    })
    .strict(),
]);
export type ShellCommand = z.infer<typeof shellCommandSchema>;

/** What the Electron preload gives the page as `window.ledeShell`; absent in the web shell. */
export interface LedeShellBridge {
  setSpellcheckLanguage(tag: string): void;
  onCommand(listener: (command: ShellCommand) => void): () => void;
}
