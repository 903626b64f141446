import { describe, expect, it } from 'vitest';
import { createShellBridge, type ShellIpcLike } from '../../../electron/preload/shell-bridge';
import { parseShellCommand, parseSpellcheckLanguages, SHELL_IPC, type ShellCommand } from '../../../shared/shell';

function fakeIpc() {
  const sent: Array<[string, unknown]> = [];
  const listeners = new Map<string, Set<(event: unknown, value: unknown) => void>>();
  const ipc: ShellIpcLike = {
    send: (channel, value) => sent.push([channel, value]),
    on: (channel, listener) => listeners.set(channel, new Set([...(listeners.get(channel) ?? []), listener])),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const fromMain = (value: unknown) => {
    for (const listener of listeners.get(SHELL_IPC.command) ?? []) listener({}, value);
  };
  return { ipc, sent, fromMain, count: () => listeners.get(SHELL_IPC.command)?.size ?? 0 };
}

describe('the shell channel', () => {
  it('sends only well-formed language lists to main', () => {
    const { ipc, sent } = fakeIpc();
    const bridge = createShellBridge(ipc);
    bridge.setSpellcheckLanguages(['pt-BR', 'en']);
    for (const bad of [[], ['<script>'], ['en', 'de', 'fr', 'es', 'it', 'nl', 'pl'], 'en', [42], ['a'.repeat(40)], null]) {
      bridge.setSpellcheckLanguages(bad as string[]);
    }
    expect(sent).toEqual([[SHELL_IPC.spellcheckLanguages, ['pt-BR', 'en']]]);
  });

  it('passes on only known commands from main, and a throwing listener does not break it', () => {
    const { ipc, fromMain, count } = fakeIpc();
    const heard: ShellCommand[] = [];
    const stop = createShellBridge(ipc).onCommand((command) => {
      heard.push(command);
      throw new Error('page bug');
    });
    fromMain({ type: 'show-shortcuts' });
    fromMain({ type: 'show-shortcuts', extra: 'x' });
    fromMain({ type: 'update-status', state: 'downloaded', message: 'Lede 0.2.0 is ready' });
    fromMain({ type: 'update-status', state: 'installing', message: 'x' });
    fromMain({ type: 'run', code: 'alert(1)' });
    fromMain('show-shortcuts');
    expect(heard).toEqual([{ type: 'show-shortcuts' }, { type: 'update-status', state: 'downloaded', message: 'Lede 0.2.0 is ready' }]);
    stop();
    expect(count()).toBe(0);
  });

  it('parses what main receives the same way', () => {
    expect(parseSpellcheckLanguages(['ar'])).toEqual(['ar']);
    expect(parseSpellcheckLanguages(['en; rm -rf'])).toBeNull();
    expect(parseSpellcheckLanguages({ 0: 'en', length: 1 })).toBeNull();
    expect(parseShellCommand({ type: 'update-status', state: 'failed', message: 'x'.repeat(501) })).toBeNull();
  });
});
