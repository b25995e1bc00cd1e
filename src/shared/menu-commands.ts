/**
 * Commands main sends to the page: from the application menu, and 'save-and-close', sent
 * as the window closes so that every unsaved word is saved first.
 */
export const MENU_COMMANDS = [
  'previous-section',
  'next-section',
  'text-larger',
  'text-smaller',
  'text-reset',
  'show-about',
  'back-up-now',
  'print-notebook',
  'print-journal',
  'lock',
  'save-and-close',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
