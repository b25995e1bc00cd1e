import { StillwaterIpcError } from '../../../shared/ipc/result';

/**
 * What to tell the person when the vault says no: what happened and what to do next, in
 * plain words, without blame.
 */
export function describeVaultError(
  error: unknown,
  attempted: 'passphrase' | 'recovery key' = 'passphrase',
): string {
  const kind = error instanceof StillwaterIpcError ? error.kind : 'internal';
  switch (kind) {
    case 'wrong-passphrase':
      return `That ${attempted} did not open Stillwater. Please check it and try again.`;
    case 'recovery-key-typo':
      return 'That recovery key has a typing mistake in it. Check each group against the one you kept.';
    case 'try-later': {
      const seconds = Math.ceil(((error as StillwaterIpcError).retryAfterMs ?? 1000) / 1000);
      return `Please wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'} before trying again.`;
    }
    case 'vault-busy':
      return 'Stillwater is already open in another window. Please close it there first.';
    case 'vault-corrupt':
      return 'Stillwater could not read its saved data. Nothing has been changed or deleted.';
    case 'vault-from-future':
      return 'Your notes were saved by a newer version of Stillwater. Please update Stillwater to open them.';
    case 'disk-full':
    case 'disk-read-only':
    case 'disk-denied':
      return DISK_PROBLEMS[kind];
    case 'invalid-input':
      return 'That did not look right. Please check what you typed and try again.';
    default:
      return 'Something went wrong. Nothing you wrote has been lost. Please try again.';
  }
}

/** True when the refusal is about what was typed in the field itself, not a wait or a fault. */
export function isAboutTheKey(error: unknown): boolean {
  return (
    error instanceof StillwaterIpcError &&
    (error.kind === 'recovery-key-typo' || error.kind === 'wrong-passphrase')
  );
}

/** Milliseconds to wait before another attempt is allowed, if the vault asked for a pause. */
export function retryDelay(error: unknown): number {
  return error instanceof StillwaterIpcError && error.kind === 'try-later'
    ? (error.retryAfterMs ?? 0)
    : 0;
}

const DISK_PROBLEMS = {
  'disk-full': 'The disk is full. Nothing was lost. Free some space and try again.',
  'disk-read-only':
    'The disk can only be read just now, so nothing could be saved. Nothing was lost. Check the disk, then try again.',
  'disk-denied':
    'Stillwater is not allowed to write to its folder just now. Nothing was lost. Check the folder’s permissions, then try again.',
} as const;

/** The plain reason a save failed, when the person can do something about it. */
export function describeSaveProblem(error: unknown): string | null {
  const kind = error instanceof StillwaterIpcError ? error.kind : null;
  return kind && kind in DISK_PROBLEMS ? DISK_PROBLEMS[kind as keyof typeof DISK_PROBLEMS] : null;
}
