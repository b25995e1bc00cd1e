import { lstat, realpath, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  AUTOMATIC_BACKUP_KEEP_MAX,
  type AutomaticBackupError,
  type AutomaticBackupSettings,
  type AutomaticBackupStatus,
} from '../../shared/backup/automatic-backup';
import { isAppError } from '../app-error';
import type { Logger } from '../logger';
import { asDiskError } from '../vault/errors';
import {
  automaticBackupName,
  isAutomaticBackupName,
  isDue,
  namesToPrune,
} from './automatic-backup-policy';

export interface AutomaticBackupPorts {
  settings: {
    get(): AutomaticBackupSettings;
    set(patch: Partial<AutomaticBackupSettings>): void;
  };
  isUnlocked(): Promise<boolean>;
  /** Writes a whole backup of the vault to `target`, atomically. */
  backUp(target: string): Promise<{ bytes: number }>;
  now(): Date;
  setInterval(callback: () => void, ms: number): unknown;
  logger: Logger;
}

/** What one check came to; the reason, if any, is in status(). */
export type AutomaticBackupOutcome = 'off' | 'not-due' | 'locked' | 'backed-up' | 'failed';

/** A backup is at most this late; a check when none is due reads only the settings. */
export const AUTOMATIC_BACKUP_POLL_MS = 10 * 60 * 1000;

class AutomaticBackupFailure extends Error {
  constructor(readonly reason: AutomaticBackupError) {
    super(`automatic backup: ${reason}`);
  }
}

/**
 * Writes a backup into the folder the person picked, each day or week, and keeps the newest
 * few of those it wrote itself. It runs only while the vault is unlocked (the backup is of what
 * the vault holds), one at a time, and never throws: a failure is kept for status() and logged
 * as its kind alone (the folder's path names a person as often as not), and the next check
 * tries again.
 */
export function createAutomaticBackup(ports: AutomaticBackupPorts) {
  const { settings, logger } = ports;
  let lastError: AutomaticBackupError | null = null;
  let running: Promise<AutomaticBackupOutcome> | null = null;
  let queued: Promise<AutomaticBackupOutcome> | null = null;
  let started = false;

  async function attempt(): Promise<AutomaticBackupOutcome> {
    const { every, folder, keep, lastAutomaticAt, written } = settings.get();
    if (every === 'off') {
      lastError = null;
      return 'off';
    }
    const now = ports.now();
    const lastAt = lastAutomaticAt === null ? null : new Date(lastAutomaticAt);
    if (!isDue(lastAt, every, now)) return 'not-due';
    if (!(await ports.isUnlocked())) return 'locked';
    if (folder === null || !(await isFolderAsPicked(folder))) {
      throw new AutomaticBackupFailure('folder-missing');
    }
    const name = automaticBackupName(now);
    try {
      await ports.backUp(path.join(folder, name));
    } catch (error) {
      // A folder taken away while the backup was written says so, rather than 'failed'.
      if (!(await isFolderAsPicked(folder))) throw new AutomaticBackupFailure('folder-missing');
      throw error;
    }
    const stillThere = await prune(folder, keep, written, name);
    // A folder chosen while this ran starts a list of its own: these names mean nothing there.
    const sameFolder = settings.get().folder === folder;
    settings.set({
      lastAutomaticAt: now.toISOString(),
      ...(sameFolder && { written: stillThere }),
    });
    lastError = null;
    return 'backed-up';
  }

  /**
   * Old backups go only after a new one is safely written, and only those Stillwater wrote
   * itself, still regular files: a name in the list whose file is gone, or is now a link, a
   * folder or anything else, is forgotten and left alone. Answers with the names to remember.
   */
  async function prune(
    folder: string,
    keep: number,
    written: readonly string[],
    justWritten: string,
  ): Promise<string[]> {
    const remembered = new Set([...written.filter(isAutomaticBackupName), justWritten]);
    try {
      // Checked again: a folder, or one above it, swapped for a link since must not be pruned.
      if (!(await isFolderAsPicked(folder))) return keepable(remembered, justWritten);
      for (const name of remembered) {
        if (name !== justWritten && !(await isRegularFile(path.join(folder, name)))) {
          remembered.delete(name);
        }
      }
      // unlink removes a link itself, never what it points to, should one be planted meanwhile.
      for (const name of namesToPrune([...remembered], keep, justWritten)) {
        await unlink(path.join(folder, name)).catch((error: unknown) => {
          if (!isGone(error)) throw error;
        });
        remembered.delete(name);
      }
    } catch (error) {
      // The backup is written; the old ones wait for the next run.
      logger.warn(`automatic backup: old backups not removed (${reasonFor(error)})`);
    }
    return keepable(remembered, justWritten);
  }

  async function run(): Promise<AutomaticBackupOutcome> {
    try {
      return await attempt();
    } catch (error) {
      lastError = reasonFor(error);
      logger.warn(`automatic backup not written: ${lastError}`);
      return 'failed';
    }
  }

  function startRun(): Promise<AutomaticBackupOutcome> {
    running = run().finally(() => {
      running = null;
    });
    return running;
  }

  /**
   * Writes a backup if one is due. A call while one runs waits for it, then checks again (which
   * finds the backup just written): a check that began while the vault was still locked must
   * not swallow the one asked for right after unlocking. Calls that wait share one check.
   */
  function runIfDue(): Promise<AutomaticBackupOutcome> {
    if (!running) return startRun();
    queued ??= running.then(() => {
      queued = null;
      return startRun();
    });
    return queued;
  }

  function status(): AutomaticBackupStatus {
    // The names written stay in main: the page has no use for them.
    const { written: _written, ...shown } = settings.get();
    return { ...shown, lastError: shown.every === 'off' ? null : lastError };
  }

  return {
    runIfDue,
    /** Checks every `pollMs` from now on; the app also calls runIfDue after each unlock. */
    start({ pollMs = AUTOMATIC_BACKUP_POLL_MS }: { pollMs?: number } = {}): void {
      if (started) return;
      started = true;
      ports.setInterval(() => void runIfDue(), pollMs);
    },
    status,
    /**
     * Changes what the person chose (the folder only ever from main's own dialog), then backs
     * up at once if that makes one due, so a folder just picked is known to work, or not.
     */
    async update(
      patch: Partial<Pick<AutomaticBackupSettings, 'folder' | 'every' | 'keep'>>,
    ): Promise<AutomaticBackupStatus> {
      const changes: Partial<AutomaticBackupSettings> = { ...patch };
      if (patch.folder !== undefined) {
        // Kept as it is on disk: each run then refuses the folder if a link appears on the way.
        changes.folder = patch.folder === null ? null : await canonical(patch.folder);
        // The names of backups written in another folder mean nothing in this one.
        if (changes.folder !== settings.get().folder) changes.written = [];
        // Nor does what went wrong there.
        lastError = null;
      }
      settings.set(changes);
      await runIfDue();
      return status();
    },
  };
}
export type AutomaticBackup = ReturnType<typeof createAutomaticBackup>;

/**
 * The folder as it was picked: a folder, reached through no link at all. A link put in place of
 * it, or of any folder above it, by someone who may write there would send the backup, and the
 * pruning, into another folder; `folder` was kept canonical, so any link on the way shows.
 */
async function isFolderAsPicked(folder: string): Promise<boolean> {
  try {
    return (await realpath(folder)) === folder && (await lstat(folder)).isDirectory();
  } catch {
    return false;
  }
}

/** `folder` with every link on the way resolved; as given when it cannot be, so no run uses it. */
async function canonical(folder: string): Promise<string> {
  try {
    return await realpath(folder);
  } catch {
    return folder;
  }
}

/** Whether `file` is a regular file; false when it is gone, or is a link, a folder or a pipe. */
async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isFile();
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}

function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * The names to remember, at most as many as the settings hold. More are left only when old
 * backups could not be removed with `keep` at its most; those forgotten stay on disk, since a
 * backup left behind is better than one deleted that was not meant to be.
 */
function keepable(names: Set<string>, justWritten: string): string[] {
  const forgotten = new Set(namesToPrune([...names], AUTOMATIC_BACKUP_KEEP_MAX, justWritten));
  return [...names].filter((name) => !forgotten.has(name)).sort();
}

/** The disk's refusals a person can act on, kept as their own kinds. */
const DISK_REASONS: readonly AutomaticBackupError[] = [
  'disk-full',
  'disk-read-only',
  'disk-denied',
];

function reasonFor(error: unknown): AutomaticBackupError {
  if (error instanceof AutomaticBackupFailure) return error.reason;
  const typed = asDiskError(error);
  const reason = isAppError(typed) && DISK_REASONS.find((kind) => kind === typed.kind);
  return reason || 'failed';
}
