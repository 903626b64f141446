import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ConnectionState, LedeBridge } from '../../shared/contract';
import { IPC } from '../main/ipc-channels';
import { createPortBridge, type PagePortLike } from './port-bridge';
import { createShellBridge } from './shell-bridge';

/**
 * The sandboxed preload (bundled to dist/electron/preload.cjs; the only module
 * it may require is 'electron'). It asks main for a MessagePort to core and
 * gives the page `window.lede`: three functions, nothing else. Beside it,
 * `window.ledeShell` carries UI-shell concerns only (spellcheck language,
 * menu commands; ADR 0021). Neither ipcRenderer nor the port is ever handed
 * to the page.
 */
const { bridge, usePort, coreLost } = createPortBridge();

ipcRenderer.on(IPC.port, (event) => {
  const [port] = event.ports;
  if (port) usePort(port as unknown as PagePortLike);
});
ipcRenderer.on(IPC.coreLost, () => coreLost());

// Everything but the web shell's sign-in in place: Electron has no sessions to lose.
const api: Required<Omit<LedeBridge, 'signInAgain'>> = {
  invoke: (channel: string, payload: unknown) => bridge.invoke(String(channel), payload),
  on: (event: string, listener: (payload: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError('lede.on needs a listener function.');
    return bridge.on(String(event), listener);
  },
  onConnection: (listener: (state: ConnectionState) => void) => {
    if (typeof listener !== 'function') throw new TypeError('lede.onConnection needs a listener function.');
    return bridge.onConnection(listener);
  },
  desktop: {
    pickMedia: async (mode: 'files' | 'folder') => Boolean(await ipcRenderer.invoke(IPC.pickMedia, mode === 'folder' ? 'folder' : 'files')),
    importDropped: (files: readonly unknown[]) => {
      // The page hands File objects; their paths are read here, in the preload's own world, and go to main only.
      const paths = Array.from(files).flatMap((file) => {
        try {
          const found = webUtils.getPathForFile(file as File);
          return found ? [found] : [];
        } catch {
          return [];
        }
      });
      if (paths.length) ipcRenderer.send(IPC.importDropped, paths);
      return paths.length;
    },
    pickFolder: async () => {
      const folder: unknown = await ipcRenderer.invoke(IPC.pickFolder);
      return typeof folder === 'string' ? folder : null;
    },
  },
};

contextBridge.exposeInMainWorld('lede', api);
contextBridge.exposeInMainWorld('ledeShell', createShellBridge(ipcRenderer));
ipcRenderer.send(IPC.requestPort);
