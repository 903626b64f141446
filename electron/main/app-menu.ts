import type { MenuItemConstructorOptions } from 'electron';
import { SHOW_SHORTCUTS_KEYS } from '../../shared/shell';

export interface AppMenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Developer tools only in development builds. */
  isPackaged: boolean;
  /** Help › Keyboard Shortcuts: the page shows its shortcuts screen. */
  onShowShortcuts(): void;
}

/** Tiptap's key names ("Mod-/") as an Electron accelerator ("CmdOrCtrl+/"). */
export function acceleratorFor(keys: string): string {
  return keys
    .split(/-(?!$)/)
    .map((part) => (part === 'Mod' ? 'CmdOrCtrl' : part.length === 1 ? part.toUpperCase() : part))
    .join('+');
}

/**
 * The application menu: standard roles only, so the operating system's
 * shortcuts and accessibility work as people expect (the Edit roles also make
 * copy and paste work in the editor on macOS). Nothing here calls into core.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const menu: MenuItemConstructorOptions[] = [];
  if (isMac) menu.push({ label: options.appName, role: 'appMenu' });
  menu.push({ role: 'fileMenu' });
  menu.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  menu.push({
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(options.isPackaged ? [] : ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  menu.push({ role: 'windowMenu' });
  menu.push({
    role: 'help',
    submenu: [{ label: 'Keyboard Shortcuts', accelerator: acceleratorFor(SHOW_SHORTCUTS_KEYS), click: () => options.onShowShortcuts() }],
  });
  return menu;
}
