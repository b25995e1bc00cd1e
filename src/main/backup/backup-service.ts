import { lstat, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type {
  BackupKey,
  BackupSaved,
  MergeCount,
  RestoreChoice,
  RestoreDone,
  RestorePreview,
  TaskProgress,
} from '../../shared/backup/schemas';
import { AppError, isAppError } from '../app-error';
import type { NotebookService } from '../notebook/notebook-service';
import type { ReadingService } from '../reading/reading-service';
import { asDiskError, vaultLocked } from '../vault/errors';
import { Vault } from '../vault/vault';
import type { VaultSession } from '../vault/vault-session';
import { previewBackup, openBackup, type OpenedBackup } from './backup-reader';
import { writeBackup } from './backup-writer';
import {
  BACKUP_EXTENSION,
  calendarDay,
  clockTime,
  type FileDialogs,
  type FolderPurpose,
} from './file-dialogs';
import { installBackup } from './install-backup';
import { itemCounts, planMerge, type MergePlan } from './merge-plan';
import { ensureRoom, vaultBytes, writtenBytes } from './room';

export interface BackupServicePorts {
  session: VaultSession;
  notebook: NotebookService;
  reading: ReadingService;
  dialogs: FileDialogs;
  /** The vault's own folder, where a backup restored on a new computer becomes the vault. */
  vaultDir: string;
  /** Where the vault is backed up before a restore changes it. */
  safetyCopiesDir: string;
  /** Tells the page how far a long backup or restore has come. */
  progress(progress: TaskProgress): void;
  now?: () => Date;
}

/** The start of the names of the safety copies, in `<userData>/backups`. */
export const SAFETY_COPY_PREFIX = 'Before restoring ';

const DISK_KINDS: ReadonlySet<string> = new Set(['disk-full', 'disk-read-only', 'disk-denied']);

/** The merge of `opened` into the vault as `listed` found it; see merge-plan.ts. */
function mergePlan(vault: Vault, listed: Awaited<ReturnType<Vault['list']>>, opened: OpenedBackup) {
  // What the vault could not read, or disowns, is never written over by a restore.
  const unreadableHere = new Set([
    ...listed.unreadable.map((record) => record.recordId),
    ...listed.integrity.stale,
    ...listed.integrity.replayed,
  ]);
  return planMerge(
    listed.records,
    opened.records,
    { idHere: (name) => vault.singletonId(name) },
    { newRecordId: () => Vault.newRecordId(), unreadableHere },
  );
}

/** `<stem>.stillwater-backup` in `dir`, or `<stem> (2)…` when taken: a copy never replaces one. */
async function unusedName(dir: string, stem: string): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const name = attempt === 1 ? stem : `${stem} (${attempt})`;
    const file = path.join(dir, `${name}.${BACKUP_EXTENSION}`);
    if (!(await lstat(file).catch(() => null))) return file;
  }
}

/** A restore between choosing the file and confirming it; dropped on lock. */
interface PendingRestore {
  file: string;
  opened?: OpenedBackup;
  key?: BackupKey;
  /** What the opened backup holds, as a person counts it. */
  holds?: MergeCount;
  plan?: MergePlan;
}

/**
 * "Back up now", and restoring a backup: into this computer's vault by merging (the newest
 * version of each record wins), or, on a computer with no vault yet, as the vault itself.
 * A restore goes in three steps the page drives (choose the file, prove its key, confirm),
 * and nothing changes before the last: by then the whole backup has been verified.
 */
export class BackupService {
  readonly #ports: BackupServicePorts;
  readonly #now: () => Date;
  #pending: PendingRestore | null = null;
  /** Backups run one at a time: "Back up now", an automatic one and a restore's safety copy. */
  #backups: Promise<unknown> = Promise.resolve();

  constructor(ports: BackupServicePorts) {
    this.#ports = ports;
    this.#now = ports.now ?? (() => new Date());
    // What was decrypted from a backup, and the key that opened it, go with the lock.
    ports.session.onLock({ forget: () => (this.#pending = null) });
    ports.session.onKeysChange(() => this.forgetSafetyCopies());
  }

  /** Asks where to save, then writes the backup there; null when the person cancels. */
  async backUpNow(): Promise<BackupSaved> {
    this.#ports.session.current();
    const target = await this.#ports.dialogs.chooseSaveFile({
      kind: 'backup',
      defaultName: `Stillwater ${calendarDay(this.#now())}.${BACKUP_EXTENSION}`,
    });
    if (!target) return { outcome: 'cancelled' };
    const written = await this.backUpTo(target);
    return { outcome: 'saved', name: path.basename(target), ...written };
  }

  /** Writes a backup of the open vault to `target`, with the place in the guide saved first. */
  backUpTo(target: string): Promise<{ records: number; leftOut: number; bytes: number }> {
    const run = async () => {
      const vault = this.#ports.session.current();
      await this.#ports.reading.flush();
      const written = await writeBackup(vault, target, {
        now: this.#now,
        onProgress: (done, total) => this.#ports.progress({ task: 'backup', done, total }),
      });
      return { records: written.records, leftOut: written.leftOut, bytes: written.bytes };
    };
    const next = this.#backups.then(run, run);
    this.#backups = next.catch(() => undefined);
    return next;
  }

  /** Step one: the file, and what it says of itself before any key is asked for. */
  async chooseRestoreFile(): Promise<RestoreChoice> {
    await this.#refuseWhileLocked();
    this.#pending = null;
    const file = await this.#ports.dialogs.chooseBackupFile();
    if (!file) return { outcome: 'cancelled' };
    const preview = await previewBackup(file);
    this.#pending = { file };
    return { outcome: 'chosen', name: path.basename(file), ...preview };
  }

  /**
   * Step two: the passphrase or recovery key of the backup, and every byte of it verified.
   * Says what restoring would do; changes nothing.
   */
  async openRestore(key: BackupKey): Promise<RestorePreview> {
    const pending = this.#chosen();
    await this.#refuseWhileLocked();
    const opened = await openBackup(pending.file, key, {
      onProgress: (done, total) => this.#ports.progress({ task: 'restore', done, total }),
    });
    // A lock while the backup was being verified drops it: nothing decrypted outlives a lock.
    if (this.#pending !== pending) throw vaultLocked();
    pending.opened = opened;
    pending.key = key;
    pending.holds = itemCounts(opened.records);
    const base = {
      created: opened.created,
      records: opened.records.length,
      leftOut: opened.leftOut,
      holds: pending.holds,
    };
    if ((await this.#ports.session.state()) === 'none') {
      return {
        mode: 'new-vault',
        ...base,
        summary: null,
        needsNewPassphrase: 'recoveryKey' in key,
      };
    }
    const vault = this.#ports.session.current();
    pending.plan = mergePlan(vault, await vault.list(), opened);
    return { mode: 'merge', ...base, summary: pending.plan.summary, needsNewPassphrase: false };
  }

  /**
   * Step three. Merging first backs up the vault as it is, beside the app's settings; a
   * backup restored on a computer with no vault becomes the vault, and is opened with the
   * key that proved it (and, for a recovery key, the new passphrase chosen for it).
   */
  async confirmRestore({ newPassphrase }: { newPassphrase?: string }): Promise<RestoreDone> {
    const pending = this.#chosen();
    const { opened, key, holds } = pending;
    if (!opened || !key || !holds) {
      throw new AppError('not-found', 'No backup has been opened yet');
    }
    // The page asks for one before it confirms; without it, the restore waits for it.
    if (!pending.plan && 'recoveryKey' in key && !newPassphrase) {
      throw new AppError('not-found', 'A new passphrase is needed with the recovery key');
    }
    this.#pending = null;
    if (!pending.plan) {
      await installBackup(opened, this.#ports.vaultDir);
      if ('passphrase' in key) await this.#ports.session.unlock(key.passphrase);
      else await this.#ports.session.recover(key.recoveryKey, newPassphrase ?? '');
      return {
        mode: 'new-vault',
        holds,
        summary: null,
        safetyCopyMadeAt: null,
      };
    }
    const vault = this.#ports.session.current();
    // Room for the safety copy and for what the merge writes, or nothing starts at all.
    await ensureRoom(
      this.#ports.vaultDir,
      (await vaultBytes(this.#ports.vaultDir)) + writtenBytes(pending.plan),
    );
    await mkdir(this.#ports.safetyCopiesDir, { recursive: true, mode: 0o700 });
    const madeAt = this.#now();
    await this.backUpTo(
      await unusedName(
        this.#ports.safetyCopiesDir,
        `${SAFETY_COPY_PREFIX}${calendarDay(madeAt)} ${clockTime(madeAt)}`,
      ),
    );
    await this.#ports.reading.flush();
    try {
      // Planned again in the notebook's turn: whatever was saved, or went unreadable, since
      // the preview is weighed too, and nothing saves in between.
      const summary = await this.#ports.notebook.applyRestore(
        (listed) => mergePlan(vault, listed, opened),
        (done, total) => this.#ports.progress({ task: 'restore', done, total }),
      );
      return {
        mode: 'merge',
        holds,
        summary,
        safetyCopyMadeAt: madeAt.toISOString(),
      };
    } catch (error) {
      const disk = asDiskError(error);
      if (!isAppError(disk) || !DISK_KINDS.has(disk.kind)) throw error;
      throw new AppError(
        'restore-incomplete',
        `Only part of the backup was restored before the disk refused (${disk.kind})`,
      );
    } finally {
      this.#ports.reading.reread();
    }
  }

  /**
   * Stillwater's own safety copies are sealed under the passphrase of their day: once that
   * changes, they go, so that nothing Stillwater keeps opens with the old one.
   */
  async forgetSafetyCopies(): Promise<void> {
    const names = await readdir(this.#ports.safetyCopiesDir).catch(() => [] as string[]);
    for (const name of names.filter((candidate) => candidate.startsWith(SAFETY_COPY_PREFIX))) {
      const file = path.join(this.#ports.safetyCopiesDir, name);
      if ((await lstat(file).catch(() => null))?.isFile()) await rm(file, { force: true });
    }
  }

  cancelRestore(): void {
    this.#pending = null;
  }

  /** A folder the person picks in the system's dialog, or null; its path stays in main. */
  chooseFolder(purpose: FolderPurpose): Promise<string | null> {
    return this.#ports.dialogs.chooseFolder(purpose);
  }

  #chosen(): PendingRestore {
    if (!this.#pending) throw new AppError('not-found', 'No backup has been chosen');
    return this.#pending;
  }

  /** A restore works on an open vault, or on a computer with none yet; not behind the lock. */
  async #refuseWhileLocked(): Promise<void> {
    if ((await this.#ports.session.state()) === 'locked') throw vaultLocked();
  }
}
