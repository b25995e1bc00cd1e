import { z } from 'zod';
import { ReaderPreferencesSchema } from '../preferences/schemas';
import { ReadingStateSchema } from '../reading/schemas';
import { VaultStateSchema } from '../vault/schemas';

/**
 * Everything the first screen needs, in the one answer the page waits for before it paints.
 * The reading place comes only while the vault is open (a reload after unlocking): behind the
 * lock it is as private as the notebook. The notebook itself is not here; it fills in after
 * the guide shows.
 */
export const StartupSchema = z.discriminatedUnion('vault', [
  z.object({
    vault: VaultStateSchema.exclude(['unlocked']),
    preferences: ReaderPreferencesSchema,
  }),
  z.object({
    vault: VaultStateSchema.extract(['unlocked']),
    preferences: ReaderPreferencesSchema,
    reading: ReadingStateSchema,
  }),
]);
export type Startup = z.infer<typeof StartupSchema>;
