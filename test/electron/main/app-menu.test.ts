import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { acceleratorFor, appMenuTemplate } from '../../../electron/main/app-menu';

function roles(items: MenuItemConstructorOptions[] | undefined): string[] {
  return (items ?? []).flatMap((item) => (item.role ? [item.role] : item.type === 'separator' ? ['-'] : []));
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label === label);
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('application menu', () => {
  let shown = 0;
  const onShowShortcuts = () => (shown += 1);
  const dev = appMenuTemplate({ appName: 'Lede', platform: 'linux', isPackaged: false, onShowShortcuts });
  const packaged = appMenuTemplate({ appName: 'Lede', platform: 'linux', isPackaged: true, onShowShortcuts });

  it('has the standard Edit roles so shortcuts and the OS clipboard work', () => {
    expect(roles(submenu(dev, 'Edit'))).toEqual(['undo', 'redo', '-', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', '-', 'selectAll']);
  });

  it('offers developer tools only in development builds', () => {
    expect(roles(submenu(dev, 'View'))).toContain('toggleDevTools');
    expect(roles(submenu(packaged, 'View'))).not.toContain('toggleDevTools');
    expect(roles(submenu(packaged, 'View'))).toEqual(['reload', '-', 'resetZoom', 'zoomIn', 'zoomOut', '-', 'togglefullscreen']);
  });

  it('adds the app menu on macOS only, and a Window menu everywhere', () => {
    expect(roles(dev)).toEqual(['fileMenu', 'windowMenu', 'help']);
    expect(roles(appMenuTemplate({ appName: 'Lede', platform: 'darwin', isPackaged: true, onShowShortcuts }))).toEqual(['appMenu', 'fileMenu', 'windowMenu', 'help']);
  });

  it('opens the keyboard shortcuts screen from Help, with the same key as the page (Mod-/)', () => {
    const help = dev.find((item) => item.role === 'help');
    const [item] = (help?.submenu ?? []) as MenuItemConstructorOptions[];
    expect(item).toMatchObject({ label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/' });
    (item!.click as () => void)();
    expect(shown).toBe(1);
    expect(acceleratorFor('Mod-Shift-k')).toBe('CmdOrCtrl+Shift+K');
  });
});
