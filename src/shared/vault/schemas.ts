import { z } from 'zod';
import { MAX_PASSPHRASE_LENGTH, MIN_NEW_PASSPHRASE_LENGTH } from '../passphrase-rules';

/**
 * A record id: 128 random bits in lowercase hex, which also names the record's file. As a
 * pattern's source, so that patterns holding an id (a draft's key) are built from this one.
 */
export const RECORD_ID_SOURCE = '[0-9a-f]{32}';
export const RECORD_ID_PATTERN = new RegExp(`^${RECORD_ID_SOURCE}$`);
/** The one schema of a record id, in main's vault format and on the IPC channels alike. */
export const RecordIdSchema = z.string().regex(RECORD_ID_PATTERN);

export const VaultStateSchema = z.enum(['none', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof VaultStateSchema>;

/** An existing passphrase is never refused for its length, only for a flood. */
export const PassphraseSchema = z.string().max(MAX_PASSPHRASE_LENGTH);
export const NewPassphraseSchema = PassphraseSchema.min(MIN_NEW_PASSPHRASE_LENGTH).refine(
  (value) => value.trim() !== '',
  'must be more than spaces',
);

export const CreateVaultInputSchema = z.object({ passphrase: NewPassphraseSchema }).strict();
export const UnlockVaultInputSchema = z.object({ passphrase: PassphraseSchema }).strict();
export const RecoverVaultInputSchema = z
  .object({ recoveryKey: z.string().max(200), passphrase: NewPassphraseSchema })
  .strict();
/** A change of passphrase, and a re-key, which also makes a new recovery key. */
export const ChangePassphraseInputSchema = z
  .object({ current: PassphraseSchema, next: NewPassphraseSchema })
  .strict();
export const RecoveryKeyOutputSchema = z.object({ recoveryKey: z.string() });
