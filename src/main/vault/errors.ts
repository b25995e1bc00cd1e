import type { VaultErrorKind } from '../../shared/ipc/result';

export type { VaultErrorKind };
/**
 * The vault's failures, each a kind the UI can explain in plain words. Messages name files
 * and record ids, never anything decrypted.
 */

export class VaultError extends Error {
  readonly kind: VaultErrorKind;
  /** The record that could not be read, when the failure is one record's. */
  readonly recordId: string | undefined;

  constructor(kind: VaultErrorKind, message: string, recordId?: string) {
    super(message);
    this.name = 'VaultError';
    this.kind = kind;
    this.recordId = recordId;
  }
}

export const wrongPassphrase = () =>
  new VaultError('wrong-passphrase', 'The passphrase or recovery key does not open this vault');
/** Caught by the key's own check symbol or shape, before any key is derived. */
export const recoveryKeyTypo = () =>
  new VaultError('recovery-key-typo', 'The recovery key as typed has a mistake in it');
export const vaultCorrupt = (what: string, recordId?: string) =>
  new VaultError('vault-corrupt', `The vault is damaged: ${what}`, recordId);
export const vaultFromFuture = (version: number) =>
  new VaultError(
    'vault-from-future',
    `The vault was written by a newer Stillwater (format ${version})`,
  );
export const vaultLocked = () => new VaultError('vault-locked', 'The vault is locked');
export const vaultBusy = () =>
  new VaultError('vault-busy', 'Another Stillwater process has this vault open');

export function isVaultError(error: unknown, kind?: VaultErrorKind): error is VaultError {
  return error instanceof VaultError && (kind === undefined || error.kind === kind);
}

/** The file system's refusals that a person can act on, each with its own kind. */
const DISK_ERRORS: Readonly<Record<string, VaultErrorKind>> = {
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EROFS: 'disk-read-only',
  EACCES: 'disk-denied',
  EPERM: 'disk-denied',
};

/** Something planted where a vault file should be (a folder, a link loop). */
const IN_THE_WAY = new Set(['EISDIR', 'ENOTDIR', 'ELOOP']);

/**
 * A typed error for a full, read-only or forbidden disk, or for something planted in the
 * way of a vault file; anything else is returned as it is. The message names no path.
 */
export function asDiskError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && IN_THE_WAY.has(code)) return vaultCorrupt(`a vault file is not a file (${code})`);
  const kind = code ? DISK_ERRORS[code] : undefined;
  return kind ? new VaultError(kind, `The vault could not be written (${code})`) : error;
}
