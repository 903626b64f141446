import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../electron/main/app-menu';

function roles(items: MenuItemConstructorOptions[] | undefined): string[] {
  return (items ?? []).flatMap((item) => (item.role ? [item.role] : item.type === 'separator' ? ['-'] : []));
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label === label);
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('application menu', () => {
  const dev = appMenuTemplate({ appName: 'Lede', platform: 'linux', isPackaged: false });
  const packaged = appMenuTemplate({ appName: 'Lede', platform: 'linux', isPackaged: true });

  it('has the standard Edit roles so shortcuts and the OS clipboard work', () => {
    expect(roles(submenu(dev, 'Edit'))).toEqual(['undo', 'redo', '-', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', '-', 'selectAll']);
  });

  it('offers developer tools only in development builds', () => {
    expect(roles(submenu(dev, 'View'))).toContain('toggleDevTools');
    expect(roles(submenu(packaged, 'View'))).not.toContain('toggleDevTools');
    expect(roles(submenu(packaged, 'View'))).toEqual(['reload', '-', 'resetZoom', 'zoomIn', 'zoomOut', '-', 'togglefullscreen']);
  });

  it('adds the app menu on macOS only, and a Window menu everywhere', () => {
    expect(roles(dev)).toEqual(['fileMenu', 'windowMenu']);
    expect(roles(appMenuTemplate({ appName: 'Lede', platform: 'darwin', isPackaged: true }))).toEqual(['appMenu', 'fileMenu', 'windowMenu']);
  });
});
