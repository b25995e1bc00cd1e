import { SHORTCUTS } from '../../../shared/shortcuts';

/** Elements where the arrow keys already mean something: typing, choosing, adjusting. */
const OWNS_ARROW_KEYS = 'input, textarea, select, [contenteditable], [role="radiogroup"]';

/** On macOS, Command stands where Ctrl does elsewhere, and keys are shown as symbols. */
const IS_MAC = typeof navigator !== 'undefined' && /Mac/i.test(navigator.userAgent);

/** Accelerator names for the keys whose `KeyboardEvent.key` is spelled differently. */
const ACCELERATOR_KEYS: Record<string, string> = {
  ArrowRight: 'Right',
  ArrowLeft: 'Left',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ' ': 'Space',
};

/** How each part of an accelerator is shown to a person, on macOS and elsewhere. */
const KEY_NAMES: Record<string, { mac: string; other: string }> = {
  CmdOrCtrl: { mac: '⌘', other: 'Ctrl' },
  CommandOrControl: { mac: '⌘', other: 'Ctrl' },
  Control: { mac: '⌃', other: 'Ctrl' },
  Alt: { mac: '⌥', other: 'Alt' },
  Shift: { mac: '⇧', other: 'Shift' },
  Super: { mac: '⌘', other: 'Super' },
  Right: { mac: '→', other: '→' },
  Left: { mac: '←', other: '←' },
  Up: { mac: '↑', other: '↑' },
  Down: { mac: '↓', other: '↓' },
  Escape: { mac: 'Esc', other: 'Esc' },
};

/** What stands between the keys of a shortcut as shown: nothing on macOS, "+" elsewhere. */
export const KEY_JOINER = IS_MAC ? '' : '+';

/** An accelerator split into its keys, as they are to be shown: ["Ctrl", "Alt", "H"]. */
export function acceleratorKeys(accelerator: string): string[] {
  return accelerator.split('+').map((part, index, parts) => {
    // "CmdOrCtrl+-" and "CmdOrCtrl+=" split cleanly; a "+" key itself would end in "".
    const key = part === '' && index === parts.length - 1 ? '+' : part;
    const named = KEY_NAMES[key];
    return named ? (IS_MAC ? named.mac : named.other) : key;
  });
}

/** An accelerator as a person reads it: "Ctrl+Alt+Shift+H", or "⌘⌥⇧H" on macOS. */
export function describeAccelerator(accelerator: string): string {
  return acceleratorKeys(accelerator).join(KEY_JOINER);
}

/** The accelerator key a key press names, or null for a modifier on its own. */
function acceleratorKey(event: KeyboardEvent): string | null {
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'OS'].includes(event.key)) return null;
  // The physical key, so that Alt or Shift changing the character does not change the name.
  const letterOrDigit = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(event.code);
  if (letterOrDigit) return letterOrDigit[1] ?? letterOrDigit[2] ?? null;
  return (
    ACCELERATOR_KEYS[event.key] ?? (event.key.length === 1 ? event.key.toUpperCase() : event.key)
  );
}

/** The accelerator a key press makes, with its modifiers in Electron's order. */
export function acceleratorFromEvent(event: KeyboardEvent): string | null {
  const key = acceleratorKey(event);
  if (key === null) return null;
  const commandOrControl = IS_MAC ? event.metaKey : event.ctrlKey;
  const other = IS_MAC ? event.ctrlKey : event.metaKey;
  return [
    ...(commandOrControl ? ['CommandOrControl'] : []),
    ...(other ? [IS_MAC ? 'Control' : 'Super'] : []),
    ...(event.altKey ? ['Alt'] : []),
    ...(event.shiftKey ? ['Shift'] : []),
    key,
  ].join('+');
}

/** Whether a key press is exactly `accelerator`: the same key, with no other modifier held. */
export function matchesAccelerator(event: KeyboardEvent, accelerator: string): boolean {
  const pressed = acceleratorFromEvent(event);
  return pressed !== null && normalise(pressed) === normalise(accelerator);
}

function normalise(accelerator: string): string {
  return accelerator
    .split('+')
    .map((part) => (part === 'CmdOrCtrl' ? 'CommandOrControl' : part).toUpperCase())
    .join('+');
}

/**
 * The section step a key press asks for: →/← move through the guide, unless a modifier is
 * held or focus is somewhere the arrows already do something.
 */
export function sectionStepForKey(event: KeyboardEvent): 1 | -1 | null {
  if (event.defaultPrevented) return null;
  const target = event.target;
  if (target instanceof Element && target.closest(OWNS_ARROW_KEYS)) return null;
  if (matchesAccelerator(event, SHORTCUTS.nextSection.keys)) return 1;
  if (matchesAccelerator(event, SHORTCUTS.previousSection.keys)) return -1;
  return null;
}
