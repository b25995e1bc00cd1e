import { z } from 'zod';
import { TEXT_SCALES, THEMES } from './model';

export const ReaderPreferencesSchema = z.object({
  theme: z.enum(THEMES),
  textScale: z.literal(TEXT_SCALES),
});
export type ReaderPreferences = z.infer<typeof ReaderPreferencesSchema>;

export const ReaderPreferencesPatchSchema = ReaderPreferencesSchema.partial().strict();
