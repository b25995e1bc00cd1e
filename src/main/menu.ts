import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/menu-commands';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Development builds add reload and the developer tools. */
  isDevelopment: boolean;
  send(command: MenuCommand): void;
  /** Locks the vault, after the page has had a moment to save what is pending. */
  lock(): void;
}

/** The standard menus of a desktop app, plus the reader's own commands with shortcuts. */
export function buildMenuTemplate({
  platform,
  isDevelopment,
  send,
  lock,
}: MenuOptions): MenuItemConstructorOptions[] {
  const command = (label: string, id: MenuCommand, accelerator?: string) => ({
    label,
    id,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(id),
  });
  const isMac = platform === 'darwin';

  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Lock Now', id: 'lock', accelerator: 'CmdOrCtrl+L', click: lock },
        { type: 'separator' },
        isMac ? { role: 'close' as const } : { role: 'quit' as const },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        command('Previous Section', 'previous-section', 'CmdOrCtrl+['),
        command('Next Section', 'next-section', 'CmdOrCtrl+]'),
        { type: 'separator' },
        command('Larger Text', 'text-larger', 'CmdOrCtrl+='),
        command('Smaller Text', 'text-smaller', 'CmdOrCtrl+-'),
        command('Default Text Size', 'text-reset', 'CmdOrCtrl+0'),
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isDevelopment
          ? [
              { type: 'separator' as const },
              { role: 'reload' as const },
              { role: 'toggleDevTools' as const },
            ]
          : []),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [command('About This Guide', 'show-about')] },
  ];
}
