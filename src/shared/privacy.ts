/**
 * Settings that keep Stillwater discreet on a shared computer. Neutral, like the reader's
 * preferences: they say nothing about what the person reads or writes.
 */
export const AUTO_LOCK_MINUTES = [0, 1, 5, 15, 60] as const;
export type AutoLockMinutes = (typeof AUTO_LOCK_MINUTES)[number];

/** Rarely used by anything else: three modifiers and a letter. */
export const DEFAULT_PANIC_SHORTCUT = 'CommandOrControl+Alt+Shift+H';

/** How long copied text stays on the clipboard when the person asks for it to be cleared. */
export const CLIPBOARD_CLEAR_SECONDS = 30;

export interface PrivacySettings {
  /** 0 means never. */
  autoLockMinutes: AutoLockMinutes;
  lockOnMinimise: boolean;
  panicShortcut: string;
  /** Keeps the window out of screenshots and screen sharing, where the OS allows it. */
  contentProtection: boolean;
  clearClipboard: boolean;
}

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = {
  autoLockMinutes: 5,
  lockOnMinimise: false,
  panicShortcut: DEFAULT_PANIC_SHORTCUT,
  contentProtection: true,
  clearClipboard: true,
};

export interface PrivacyStatus {
  settings: PrivacySettings;
  /** False on Linux, where windows cannot be kept out of screen capture. */
  contentProtectionAvailable: boolean;
  /** Requests that tried to leave the app and were cancelled, since it started. */
  blockedRequests: number;
}
