/**
 * What the quick-hide shortcut may be. It is registered for the whole system while
 * Stillwater runs, so whatever it is, every other program loses: it must be a combination
 * no one types by chance and no program or system counts on. One set of rules for the
 * field that takes it, for main, and for a settings file written by hand.
 */

const MODIFIER_NAMES: Record<string, string> = {
  CmdOrCtrl: 'CommandOrControl',
  CommandOrControl: 'CommandOrControl',
  Control: 'CommandOrControl',
  Ctrl: 'CommandOrControl',
  Command: 'CommandOrControl',
  Cmd: 'CommandOrControl',
  Alt: 'Alt',
  Option: 'Alt',
  Shift: 'Shift',
  Super: 'Super',
  Meta: 'Super',
};

/**
 * Combinations the systems keep for themselves (Windows' security screen and task manager,
 * switching windows and tabs) and the everyday redo: two modifiers, yet still taken.
 */
const RESERVED = [
  'CommandOrControl+Alt+Delete',
  'CommandOrControl+Shift+Escape',
  'CommandOrControl+Alt+Tab',
  'Alt+Shift+Tab',
  'CommandOrControl+Shift+Tab',
  'CommandOrControl+Shift+Z',
].map((accelerator) => canonical(accelerator));

/** Modifiers in one order and one spelling, then the key, upper-cased: comparable. */
function canonical(accelerator: string): string {
  const parts = accelerator.split('+');
  const key = (parts.at(-1) ?? '').toUpperCase();
  const modifiers = parts.slice(0, -1).map((part) => MODIFIER_NAMES[part] ?? part);
  return [...new Set(modifiers)].sort().concat(key).join('+');
}

export type ShortcutProblem =
  /** Fewer than two modifiers, or Shift as the only one beside another: typing could press it. */
  | 'too-plain'
  /** Its key is not a letter, a digit or a named key. */
  | 'not-a-key'
  /** The system or everyday editing uses it. */
  | 'reserved';

/** What is wrong with `accelerator` as the quick-hide shortcut; null when it will do. */
export function shortcutProblem(accelerator: string): ShortcutProblem | null {
  const parts = accelerator.split('+');
  const key = parts.at(-1) ?? '';
  const modifiers = new Set(parts.slice(0, -1).map((part) => MODIFIER_NAMES[part]));
  if (modifiers.has(undefined)) return 'not-a-key';
  if (!/^[A-Za-z0-9]+$/.test(key) || key in MODIFIER_NAMES) return 'not-a-key';
  const beyondShift = [...modifiers].filter((modifier) => modifier !== 'Shift');
  if (modifiers.size < 2 || beyondShift.length === 0) return 'too-plain';
  if (RESERVED.includes(canonical(accelerator))) return 'reserved';
  return null;
}
