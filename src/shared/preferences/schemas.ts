import { z } from 'zod';
import { LINE_SPACINGS, LINE_WIDTHS, READING_FONTS, TEXT_SCALES, THEMES } from './model';

export const ReaderPreferencesSchema = z.object({
  theme: z.enum(THEMES),
  textScale: z.literal(TEXT_SCALES),
  readingFont: z.enum(READING_FONTS),
  lineSpacing: z.enum(LINE_SPACINGS),
  lineWidth: z.enum(LINE_WIDTHS),
  focusMode: z.boolean(),
});
export type ReaderPreferences = z.infer<typeof ReaderPreferencesSchema>;

export const ReaderPreferencesPatchSchema = ReaderPreferencesSchema.partial().strict();
