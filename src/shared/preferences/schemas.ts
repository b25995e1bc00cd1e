import { z } from 'zod';
import {
  LINE_SPACINGS,
  LINE_WIDTHS,
  READING_FONTS,
  TEXT_SCALES,
  THEMES,
  UNLOCK_OPENS,
} from './model';

export const ReaderPreferencesSchema = z.object({
  theme: z.enum(THEMES),
  textScale: z.literal(TEXT_SCALES),
  readingFont: z.enum(READING_FONTS),
  lineSpacing: z.enum(LINE_SPACINGS),
  lineWidth: z.enum(LINE_WIDTHS),
  focusMode: z.boolean(),
  unlockOpens: z.enum(UNLOCK_OPENS),
  /** Neutral labels in the contents and the window title, instead of the section titles. */
  discreetTitles: z.boolean(),
  /**
   * The person's choice. Main checks spelling only where that sends nothing out (macOS), so
   * elsewhere this stays as chosen but has no effect.
   */
  spellCheck: z.boolean(),
});
export type ReaderPreferences = z.infer<typeof ReaderPreferencesSchema>;

export const ReaderPreferencesPatchSchema = ReaderPreferencesSchema.partial().strict();
