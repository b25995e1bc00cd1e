import { z } from 'zod';
import { MAX_TEXT_LENGTH } from '../notebook/model';
import { AUTO_LOCK_MINUTES } from './model';
import { shortcutProblem } from './shortcut-rules';

export const PrivacySettingsSchema = z.object({
  /** 0 means never. */
  autoLockMinutes: z.literal(AUTO_LOCK_MINUTES),
  lockOnMinimise: z.boolean(),
  /** An Electron accelerator: modifiers and one key joined by "+", as shortcut-rules allow. */
  panicShortcut: z
    .string()
    .max(80)
    .refine((accelerator) => shortcutProblem(accelerator) === null, {
      message: 'not a shortcut the quick hide can take',
    }),
  /** Keeps the window out of screenshots and screen sharing, where the OS allows it. */
  contentProtection: z.boolean(),
  clearClipboard: z.boolean(),
});
export type PrivacySettings = z.infer<typeof PrivacySettingsSchema>;

export const PrivacyStatusSchema = z.object({
  settings: PrivacySettingsSchema,
  /** False on Linux, where windows cannot be kept out of screen capture. */
  contentProtectionAvailable: z.boolean(),
  /**
   * True only on macOS, whose own spell checker works on the computer. Elsewhere Chromium
   * would download dictionaries from a server, so checking spelling is not offered.
   */
  spellCheckAvailable: z.boolean(),
  /** Requests that tried to leave the app and were cancelled, since it started. */
  blockedRequests: z.number().int().min(0),
});
export type PrivacyStatus = z.infer<typeof PrivacyStatusSchema>;

export const PrivacySettingsPatchSchema = PrivacySettingsSchema.partial().strict();
/** Text copied from the person's own writing, to be cleared from the clipboard later. */
export const ClearClipboardInputSchema = z
  .object({ text: z.string().max(MAX_TEXT_LENGTH) })
  .strict();
