import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../shared/menu-commands';
import { buildMenuTemplate } from './menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu) : []),
  ]);
}

describe('buildMenuTemplate', () => {
  it('sends the reader commands, each with its shortcut', () => {
    const sent: MenuCommand[] = [];
    const items = flatten(
      buildMenuTemplate({
        platform: 'linux',
        isDevelopment: false,
        send: (c) => sent.push(c),
        lock: () => sent.push('lock' as MenuCommand),
      }),
    );
    const byId = (id: string) => items.find((item) => item.id === id);
    expect(byId('next-section')?.accelerator).toBe('CmdOrCtrl+]');
    expect(byId('text-larger')?.accelerator).toBe('CmdOrCtrl+=');
    // Every command but the one main sends by itself as the window closes.
    const fromMenu = MENU_COMMANDS.filter((command) => command !== 'save-and-close');
    for (const id of fromMenu) {
      const click = byId(id)?.click as (() => void) | undefined;
      click?.();
    }
    expect(sent).toEqual(fromMenu);
  });

  it('locks from File, Lock Now, with Ctrl or Cmd+L', () => {
    let locked = 0;
    const items = flatten(
      buildMenuTemplate({
        platform: 'linux',
        isDevelopment: false,
        send: () => {},
        lock: () => (locked += 1),
      }),
    );
    const lockItem = items.find((item) => item.id === 'lock');
    expect(lockItem?.accelerator).toBe('CmdOrCtrl+L');
    (lockItem?.click as () => void)();
    expect(locked).toBe(1);
  });

  it('has the standard menus, with the app menu on macOS only', () => {
    const roles = (platform: NodeJS.Platform) =>
      buildMenuTemplate({ platform, isDevelopment: false, send: () => {}, lock: () => {} }).map(
        (item) => item.role ?? item.label,
      );
    expect(roles('darwin')).toEqual(['appMenu', 'File', 'editMenu', 'View', 'windowMenu', 'help']);
    expect(roles('win32')).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (isDevelopment: boolean) =>
      flatten(
        buildMenuTemplate({ platform: 'linux', isDevelopment, send: () => {}, lock: () => {} }),
      ).map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
