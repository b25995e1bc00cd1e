import { AppError, type AppErrorKind } from '../app-error';

/**
 * The vault's failures, each an AppError of a kind the UI can explain in plain words.
 * Messages name files and record ids, never anything decrypted.
 */

export const wrongPassphrase = () =>
  new AppError('wrong-passphrase', 'The passphrase or recovery key does not open this vault');
/** Caught by the key's own check symbol or shape, before any key is derived. */
export const recoveryKeyTypo = () =>
  new AppError('recovery-key-typo', 'The recovery key as typed has a mistake in it');
export const vaultCorrupt = (what: string, recordId?: string) =>
  new AppError('vault-corrupt', `The vault is damaged: ${what}`, { recordId });
export const vaultFromFuture = (version: number) =>
  new AppError(
    'vault-from-future',
    `The vault was written by a newer Stillwater (format ${version})`,
  );
export const vaultLocked = () => new AppError('vault-locked', 'The vault is locked');
export const vaultBusy = () =>
  new AppError('vault-busy', 'Another Stillwater process has this vault open');
export const vaultMissing = () => new AppError('vault-missing', 'There is no vault here yet');
export const vaultExistsAlready = () => new AppError('vault-exists', 'A vault already exists here');
/** A record that would be larger than any record Stillwater reads back: never written. */
export const recordTooLarge = (recordId: string) =>
  new AppError('too-large', `Record ${recordId} would be larger than a record may be`, {
    recordId,
  });
/** Repeated wrong passphrases: the next attempt waits. */
export const tryLater = (retryAfterMs: number) =>
  new AppError('try-later', 'Too many attempts; wait before trying again', { retryAfterMs });

/** The file system's refusals that a person can act on, each with its own kind. */
const DISK_ERRORS: Readonly<Record<string, AppErrorKind>> = {
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
 * way of a vault file; anything else is returned as it is. The message names no path, only
 * `what` was being written: the vault unless another writer (an export) says otherwise.
 */
export function asDiskError(error: unknown, what = 'The vault'): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && IN_THE_WAY.has(code)) return vaultCorrupt(`a vault file is not a file (${code})`);
  const kind = code ? DISK_ERRORS[code] : undefined;
  return kind ? new AppError(kind, `${what} could not be written (${code})`) : error;
}
