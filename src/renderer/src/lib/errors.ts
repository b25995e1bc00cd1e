import { StillwaterIpcError } from '../../../shared/ipc/result';
import { quantity } from './text';

/**
 * What the person was doing when something failed. The message names it, and what to do
 * next, in plain words, without blame.
 */
export type Attempt =
  | 'unlock'
  | 'recover'
  | 'set-up'
  | 'change-passphrase'
  | 'seal'
  | 'save-entry'
  | 'save-setting'
  | 'save-shortcut'
  | 'back-up'
  | 'open-backup'
  | 'restore'
  | 'export';

const DISK_PROBLEMS = {
  'disk-full': 'The disk is full. Nothing was lost. Free some space and try again.',
  'disk-read-only':
    'The disk can only be read just now, so nothing could be saved. Nothing was lost. Check the disk, then try again.',
  'disk-denied':
    'Stillwater is not allowed to write to its folder just now. Nothing was lost. Check the folder’s permissions, then try again.',
} as const;

/** Under a form whose draft main could not keep: the words are on screen, not yet on disk. */
export const DRAFT_NOT_KEPT =
  'Stillwater cannot keep a draft of this just now. Your words are still here; save them to keep them.';

/** For saves, whatever the cause: the words are still on screen. */
const SAVE_FAILED = {
  'save-entry': 'Your entry could not be saved. It is still here; please try again.',
  'save-setting': 'That setting could not be saved. Please check it and try again.',
} as const;

function kindOf(error: unknown): string {
  return error instanceof StillwaterIpcError ? error.kind : 'internal';
}

/** The one place an error becomes the message the person sees. */
export function handleError(error: unknown, attempt: Attempt): string {
  const kind = kindOf(error);
  if (kind in DISK_PROBLEMS) return DISK_PROBLEMS[kind as keyof typeof DISK_PROBLEMS];
  if (kind === 'shortcut-taken') {
    return 'Another program already uses that shortcut. Please choose another; the one before still works.';
  }
  if (attempt === 'save-shortcut') {
    return 'That shortcut could not be used. Please try a different one.';
  }
  if (attempt === 'save-entry' || attempt === 'save-setting') return SAVE_FAILED[attempt];
  if (attempt === 'open-backup' && kind === 'wrong-passphrase') {
    return 'That does not open this backup. It opens with the passphrase, or the recovery key, you had when it was made.';
  }
  switch (kind) {
    case 'backup-damaged':
      return 'This backup cannot be used: it is damaged, cut short, or was changed after it was made. Nothing has been changed.';
    case 'restore-incomplete':
      return 'Stillwater could not write to its folder part-way through, so only part of the backup was brought in. Nothing of yours was lost: your notebook as it was just before is kept in Stillwater’s own folder, under “backups”. Once there is room on the disk, and it can be written to, restore the backup again to bring in the rest.';
    case 'export-refused':
      return 'The export could not be written there: something is in its way. Please choose another folder.';
    case 'backup-from-future':
      return 'This backup was made by a newer version of Stillwater. Please update Stillwater to restore it. Nothing has been changed.';
    case 'wrong-passphrase':
      return attempt === 'change-passphrase'
        ? 'That is not your current passphrase. Please check it and try again.'
        : `That ${attempt === 'recover' ? 'recovery key' : 'passphrase'} did not open Stillwater. Please check it and try again.`;
    case 'recovery-key-typo':
      return 'That recovery key has a typing mistake in it. Check each group against the one you kept.';
    case 'try-later':
      return waitMessage(Math.ceil(((error as StillwaterIpcError).retryAfterMs ?? 1000) / 1000));
    case 'vault-busy':
      return 'Stillwater is already open in another window. Please close it there first. If it is not open anywhere, please try again in two minutes.';
    case 'vault-corrupt':
      return 'Stillwater could not read its saved data. Nothing has been changed or deleted.';
    case 'vault-from-future':
      return 'Your notes were saved by a newer version of Stillwater. Please update Stillwater to open them.';
    case 'invalid-input':
      return 'That did not look right. Please check what you typed and try again.';
    default:
      return 'Something went wrong. Nothing you wrote has been lost. Please try again.';
  }
}

/** How long is left before the vault takes another attempt, said calmly. */
export function waitMessage(seconds: number): string {
  return `Please wait ${quantity(seconds, 'second', 'seconds')} before trying again.`;
}

/** True when the refusal is about what was typed in the field itself, not a wait or a fault. */
export function isAboutTheKey(error: unknown): boolean {
  const kind = kindOf(error);
  return kind === 'recovery-key-typo' || kind === 'wrong-passphrase';
}

/** Milliseconds to wait before another attempt is allowed, if the vault asked for a pause. */
export function retryDelay(error: unknown): number {
  return error instanceof StillwaterIpcError && error.kind === 'try-later'
    ? (error.retryAfterMs ?? 0)
    : 0;
}

/** The plain reason a save failed, when the person can do something about it; else null. */
export function describeSaveProblem(error: unknown): string | null {
  const kind = kindOf(error);
  return kind in DISK_PROBLEMS ? DISK_PROBLEMS[kind as keyof typeof DISK_PROBLEMS] : null;
}
