import { randomBytes } from 'node:crypto';
import { base32crockford } from '@scure/base';
import { groupRecoveryKey, recoveryKeySymbols } from '../../shared/recovery-key';

/**
 * The recovery key: 160 random bits, written in Crockford's base32 as eight groups of four
 * characters and a check symbol (see src/shared/recovery-key.ts). Only the 160 bits are the
 * key; the check symbol catches typing mistakes and is never fed to a key derivation.
 */
export const RECOVERY_KEY_BYTES = 20;

export function newRecoveryKey(): Buffer {
  return randomBytes(RECOVERY_KEY_BYTES);
}

export function formatRecoveryKey(bytes: Buffer): string {
  return groupRecoveryKey(base32crockford.encode(bytes));
}

/**
 * True when what was typed cannot be any recovery key: a typing mistake, which costs the
 * person nothing, as opposed to a well-formed key that turns out to be the wrong one.
 */
export function recoveryKeyHasTypo(typed: string): boolean {
  return recoveryKeySymbols(typed) === null;
}

/** The key's bytes from what the person typed, or null if it has a typing mistake in it. */
export function parseRecoveryKey(typed: string): Buffer | null {
  const symbols = recoveryKeySymbols(typed);
  return symbols === null ? null : Buffer.from(base32crockford.decode(symbols));
}
