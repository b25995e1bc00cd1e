import { lstat, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
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
 * few. It runs only while the vault is unlocked (the backup is of what the vault holds), one at a
 * time, and never throws: a failure is kept for status() and logged as its kind alone (the
 * folder's path names a person as often as not), and the next check tries again.
 */
export function createAutomaticBackup(ports: AutomaticBackupPorts) {
  const { settings, logger } = ports;
  let lastError: AutomaticBackupError | null = null;
  let running: Promise<AutomaticBackupOutcome> | null = null;
  let queued: Promise<AutomaticBackupOutcome> | null = null;
  let started = false;

  async function attempt(): Promise<AutomaticBackupOutcome> {
    const { every, folder, keep, lastAutomaticAt } = settings.get();
    if (every === 'off') {
      lastError = null;
      return 'off';
    }
    const now = ports.now();
    const lastAt = lastAutomaticAt === null ? null : new Date(lastAutomaticAt);
    if (!isDue(lastAt, every, now)) return 'not-due';
    if (!(await ports.isUnlocked())) return 'locked';
    if (folder === null || !(await isRealFolder(folder))) {
      throw new AutomaticBackupFailure('folder-missing');
    }
    const name = automaticBackupName(now);
    try {
      await ports.backUp(path.join(folder, name));
    } catch (error) {
      // A folder taken away while the backup was written says so, rather than 'failed'.
      if (!(await isRealFolder(folder))) throw new AutomaticBackupFailure('folder-missing');
      throw error;
    }
    settings.set({ lastAutomaticAt: now.toISOString() });
    lastError = null;
    await prune(folder, keep, name);
    return 'backed-up';
  }

  /** Old backups go only after a new one is safely written, and only regular files of ours. */
  async function prune(folder: string, keep: number, justWritten: string): Promise<void> {
    try {
      // Checked again: a folder swapped for a link since the backup must not be listed.
      if (!(await isRealFolder(folder))) return;
      const ours: string[] = [];
      for (const name of await readdir(folder)) {
        if (isAutomaticBackupName(name) && (await lstat(path.join(folder, name))).isFile()) {
          ours.push(name);
        }
      }
      // unlink removes a link itself, never what it points to, should one be planted meanwhile.
      for (const name of namesToPrune(ours, keep, justWritten)) {
        await unlink(path.join(folder, name));
      }
    } catch (error) {
      // The backup is written; the old ones wait for the next run.
      logger.warn(`automatic backup: old backups not removed (${reasonFor(error)})`);
    }
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
    const current = settings.get();
    return { ...current, lastError: current.every === 'off' ? null : lastError };
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
      settings.set(patch);
      // What went wrong with another folder says nothing of this one.
      if (patch.folder !== undefined) lastError = null;
      await runIfDue();
      return status();
    },
  };
}
export type AutomaticBackup = ReturnType<typeof createAutomaticBackup>;

/** A folder itself, not a file, and not a link to one somewhere else. */
async function isRealFolder(folder: string): Promise<boolean> {
  try {
    return (await lstat(folder)).isDirectory();
  } catch {
    return false;
  }
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
