import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/menu-commands';
import { SHORTCUTS } from '../shared/shortcuts';

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
        command('Print Notebook…', 'print-notebook'),
        command('Print Journal…', 'print-journal'),
        { type: 'separator' },
        { label: 'Lock Now', id: 'lock', accelerator: SHORTCUTS.lock.keys, click: lock },
        { type: 'separator' },
        command('Back Up Now…', 'back-up-now'),
        { type: 'separator' },
        isMac ? { role: 'close' as const } : { role: 'quit' as const },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        command('Previous Section', 'previous-section', SHORTCUTS.previousSectionFromMenu.keys),
        command('Next Section', 'next-section', SHORTCUTS.nextSectionFromMenu.keys),
        { type: 'separator' },
        command('Larger Text', 'text-larger', SHORTCUTS.textLarger.keys),
        command('Smaller Text', 'text-smaller', SHORTCUTS.textSmaller.keys),
        command('Default Text Size', 'text-reset', SHORTCUTS.textReset.keys),
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
