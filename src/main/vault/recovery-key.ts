import { randomBytes } from 'node:crypto';
import { base32crockford } from '@scure/base';

/**
 * The recovery key: 160 random bits, written in Crockford's base32 (no I, L, O or U to
 * misread) as eight groups of four characters.
 */
export const RECOVERY_KEY_BYTES = 20;

export function newRecoveryKey(): Buffer {
  return randomBytes(RECOVERY_KEY_BYTES);
}

export function formatRecoveryKey(bytes: Buffer): string {
  return (base32crockford.encode(bytes).match(/.{4}/g) ?? []).join('-');
}

/** The key's bytes from what the user typed, forgiving case, spaces, dashes and look-alikes. */
export function parseRecoveryKey(typed: string): Buffer | null {
  const compact = typed.replace(/[\s-]/g, '').toUpperCase();
  if (compact.length !== 32) return null;
  try {
    return Buffer.from(base32crockford.decode(compact));
  } catch {
    return null;
  }
}
