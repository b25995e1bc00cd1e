/** Commands the application menu sends to the reader. */
export const MENU_COMMANDS = [
  'previous-section',
  'next-section',
  'text-larger',
  'text-smaller',
  'text-reset',
  'show-about',
  'lock',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
