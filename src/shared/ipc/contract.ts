import { z } from 'zod';
import { SectionIdSchema } from '../guide/model';
import { MENU_COMMANDS } from '../menu-commands';
import { MAX_PASSPHRASE_LENGTH, MIN_NEW_PASSPHRASE_LENGTH } from '../passphrase-rules';
import { TEXT_SCALES, THEMES, type ReaderPreferences } from '../preferences';
import type { ReadingState } from '../reading';
import type { EventMethod, InvokeMethod } from './channels';

export const ReaderPreferencesSchema = z.object({
  theme: z.enum(THEMES),
  textScale: z.literal(TEXT_SCALES),
}) satisfies z.ZodType<ReaderPreferences>;

const fraction = z.number().min(0).max(1);

export const SectionReadingSchema = z.object({ position: fraction, progress: fraction });

export const ReadingStateSchema = z.object({
  lastSectionId: SectionIdSchema.nullable(),
  sections: z.partialRecord(SectionIdSchema, SectionReadingSchema),
}) satisfies z.ZodType<ReadingState>;

const passphrase = z.string().max(MAX_PASSPHRASE_LENGTH);
const newPassphrase = passphrase.min(MIN_NEW_PASSPHRASE_LENGTH);

export const VaultStateSchema = z.enum(['none', 'locked', 'unlocked']);

/**
 * The schemas of every call's input and output. Inputs are parsed in main before any service
 * sees them; `.strict()` makes an unexpected field an error rather than something ignored.
 */
export const INVOKE_SCHEMAS = {
  getVaultState: { input: z.undefined(), output: VaultStateSchema },
  createVault: {
    input: z.object({ passphrase: newPassphrase }).strict(),
    output: z.object({ recoveryKey: z.string() }),
  },
  unlockVault: { input: z.object({ passphrase }).strict(), output: z.void() },
  recoverVault: {
    input: z.object({ recoveryKey: z.string().max(200), passphrase: newPassphrase }).strict(),
    output: z.void(),
  },
  lockVault: { input: z.undefined(), output: z.void() },
  changePassphrase: {
    input: z.object({ current: passphrase, next: newPassphrase }).strict(),
    output: z.void(),
  },
  getPreferences: { input: z.undefined(), output: ReaderPreferencesSchema },
  updatePreferences: {
    input: ReaderPreferencesSchema.partial().strict(),
    output: ReaderPreferencesSchema,
  },
  getReadingState: { input: z.undefined(), output: ReadingStateSchema },
  recordReadingPosition: {
    input: z.object({ sectionId: SectionIdSchema, position: fraction, seen: fraction }).strict(),
    output: z.void(),
  },
} satisfies Record<InvokeMethod, { input: z.ZodType; output: z.ZodType }>;

export const EVENT_SCHEMAS = {
  onMenuCommand: z.enum(MENU_COMMANDS),
} satisfies Record<EventMethod, z.ZodType>;

export type InputOf<M extends InvokeMethod> = z.input<(typeof INVOKE_SCHEMAS)[M]['input']>;
export type ParsedInputOf<M extends InvokeMethod> = z.output<(typeof INVOKE_SCHEMAS)[M]['input']>;
export type OutputOf<M extends InvokeMethod> = z.output<(typeof INVOKE_SCHEMAS)[M]['output']>;
export type PayloadOf<E extends EventMethod> = z.output<(typeof EVENT_SCHEMAS)[E]>;

/** "theme: Invalid option…; textScale: …": names each field that failed, never its value. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}
