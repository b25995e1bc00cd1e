import type { PrivacySettings, PrivacyStatus } from './schemas';

/**
 * Settings that keep Stillwater discreet on a shared computer. Neutral, like the reader's
 * preferences: they say nothing about what the person reads or writes. Plain values, so the
 * renderer can use them without bundling a validator; the schemas are in ./schemas.
 */
export const AUTO_LOCK_MINUTES = [0, 1, 5, 15, 60] as const;
export type AutoLockMinutes = (typeof AUTO_LOCK_MINUTES)[number];

/** Rarely used by anything else: three modifiers and a letter. */
export const DEFAULT_PANIC_SHORTCUT = 'CommandOrControl+Alt+Shift+H';

/** How long copied text stays on the clipboard when the person asks for it to be cleared. */
export const CLIPBOARD_CLEAR_SECONDS = 30;

export type { PrivacySettings, PrivacyStatus };

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = {
  autoLockMinutes: 5,
  lockOnMinimise: false,
  panicShortcut: DEFAULT_PANIC_SHORTCUT,
  contentProtection: true,
  clearClipboard: true,
};
