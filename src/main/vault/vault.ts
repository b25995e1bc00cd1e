import { randomBytes } from 'node:crypto';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { rm } from 'node:fs/promises';
import { AppError, isAppError } from '../app-error';
import { placeTempFile, writeTempFile } from './atomic-file';
import { vaultCorrupt, vaultLocked } from './errors';
import { encodeHeader, type Header } from './header-format';
import type { IntegrityReport, UnreadableRecord } from './integrity';
import type { KdfSettings } from './key-slots';
import { sealManifest } from './manifest-file';
import type { Manifest } from './manifest-format';
import { ManifestKeeper } from './manifest-keeper';
import { OperationGate } from './operation-gate';
import type { ProcessLock } from './process-lock';
import {
  openRecordFile,
  readRecord,
  readRecordBytes,
  readRecordSync,
  recordIds,
  recordPath,
  removeRecord,
  removeRecordFile,
  sealRecordFile,
  syncRecordsFolder,
  writeRecord,
  type ReadRecord,
} from './record-files';
import { StoredRecordSchema, type StoredRecord } from './record-format';
import { VaultKeys } from './vault-keys';
import { removeLeftovers } from './vault-files';

export type { StoredRecord } from './record-format';
export type { IntegrityReport, UnreadableRecord } from './integrity';
export type { KdfSettings } from './key-slots';

export interface VaultOptions {
  /** Fixed KDF settings instead of calibrating; tests use the floor to stay quick. */
  kdf?: KdfSettings;
  now?: () => Date;
  /** Told after each record a re-key or an upgrade has sealed again, for a progress bar. */
  onResealed?: (done: number, total: number) => void;
}

/**
 * list() reads records without leaving the thread for this long, then lets the rest of main
 * run, so a save or a window waits no longer. It reads them a few at a time between looks at
 * the clock: a planted large file (up to the record limit) holds main for a group at most.
 */
const READ_SLICE_MS = 8;
const READ_GROUP = 8;
/** A batch's files are written this many at a time, so a large one never runs out of handles. */
const WRITE_CONCURRENCY = 32;
/** A re-key that ends while a backup copies records makes the copy start again, this often. */
const SNAPSHOT_ATTEMPTS = 3;

/** One record to save in a batch, as put() takes it. */
export interface RecordWrite {
  kind: string;
  body: unknown;
  id?: string;
  /** Kept as given; without it, the record counts as created now. */
  created?: string;
}

/**
 * One step of writeBatch(): records saved, then records deleted. Every step is durable
 * before the next one changes anything.
 */
export interface BatchStep {
  put?: readonly RecordWrite[];
  remove?: readonly string[];
}

/** What a backup holds (docs/backup-format.md), as the vault hands it over: nothing decrypted. */
export interface BackupSnapshot {
  /** vault.header as it stood once every record was copied. */
  header: Buffer;
  /** A manifest sealed under the current key, listing exactly `records`. */
  manifest: Buffer;
  /** Each current record's file, byte for byte, in increasing order of id. */
  records: { id: string; file: Buffer }[];
  /** Records the manifest lists, or files found, that could not be included. */
  leftOut: number;
  /** The key generation that sealed `manifest`, for sealForBackup(). */
  generation: number;
}

/** One record's part in a backup: its file, or why it is not there. */
type BackupCopy =
  | { id: string; file: Buffer; generation: number; seq: number; adopted: boolean }
  | 'left-out'
  | 'absent';

/**
 * An unlocked vault (opened by opening.ts). Every decrypted byte stays in memory. Each
 * record's operations run one at a time, and lock() waits for every operation in flight
 * before it zeroes the keys, so no operation ever uses a key that is gone and nothing is
 * written once the lock is done.
 *
 * About 600 lines, on purpose: this is the vault's whole public surface, and each
 * operation is kept here so that its passage through the gate (and so the lock) is seen in
 * one place. What they use has its own file: the keys (vault-keys.ts), the manifest
 * (manifest-keeper.ts), the record files (record-files.ts) and the gate (operation-gate.ts).
 */
export class Vault {
  readonly dir: string;
  readonly #keys: VaultKeys;
  readonly #lock: ProcessLock;
  readonly #now: () => Date;
  readonly #onResealed: (done: number, total: number) => void;
  readonly #operations = new OperationGate(() => this.isLocked);
  readonly #manifest: ManifestKeeper;
  #locking: Promise<void> | null = null;
  #retiring: Promise<void> | null = null;

  /**
   * `keys` holds the current data key, and during a re-key or an upgrade the retiring one;
   * `manifest` is null when it was missing or damaged, so that nothing can be checked.
   */
  constructor(
    dir: string,
    header: Header,
    keys: Map<number, Buffer>,
    lock: ProcessLock,
    options: VaultOptions,
    manifest: Manifest | null,
    idKey?: Buffer,
  ) {
    this.dir = dir;
    this.#keys = new VaultKeys(dir, header, keys, idKey);
    this.#lock = lock;
    this.#now = options.now ?? (() => new Date());
    this.#onResealed = options.onResealed ?? (() => {});
    this.#manifest = new ManifestKeeper(
      dir,
      manifest,
      () => this.#keys.current(),
      (work) => this.#operations.run(work),
    );
  }

  get isLocked(): boolean {
    return this.#locking !== null || this.#keys.isZeroed;
  }

  get vaultId(): string {
    return this.#keys.header.vaultId;
  }

  /** Whether records are still to be sealed again after a re-key or an upgrade. */
  get isRetiringKey(): boolean {
    return this.#keys.header.retiringKey !== undefined;
  }

  static newRecordId(): string {
    return randomBytes(16).toString('hex');
  }

  #read(id: string): Promise<ReadRecord | null> {
    return readRecord(this.dir, this.vaultId, id, (generation, recordId) =>
      this.#keys.keyFor(generation, recordId),
    );
  }

  #readSync(id: string): ReadRecord | null {
    return readRecordSync(this.dir, this.vaultId, id, (generation, recordId) =>
      this.#keys.keyFor(generation, recordId),
    );
  }

  #write(record: StoredRecord, generation: number, seq: number): Promise<void> {
    const key = this.#keys.keyFor(generation);
    return writeRecord(this.dir, this.vaultId, record, { generation, seq }, key);
  }

  /**
   * A stable id for a record there is only ever one of (such as the reading position),
   * derived from a key kept in the header, so the file name reveals nothing about what it holds.
   */
  singletonId(name: string): string {
    if (this.isLocked) throw vaultLocked();
    return this.#keys.singletonId(name);
  }

  /** Whether something automatic (the trash's purge) may act on a record; see ManifestKeeper. */
  isVouched(id: string): boolean {
    return this.#manifest.isVouched(id);
  }

  /**
   * Whether a record of this id was saved and never deleted, as far as the manifest knows:
   * when get() finds no such record, it went missing from the folder.
   */
  isExpected(id: string): boolean {
    return this.#manifest.lists(id);
  }

  async get(id: string): Promise<StoredRecord | null> {
    return this.#operations.run(() =>
      this.#operations.inTurn(id, async () => {
        const read = await this.#read(id);
        if (!read) return null;
        const verdict = this.#manifest.judge(id, read.stamp);
        if (verdict === 'stale') throw vaultCorrupt(`record ${id} is an older copy`, id);
        if (verdict === 'replayed') throw vaultCorrupt(`record ${id} was deleted before`, id);
        if (verdict === 'adopted') await this.#manifest.save();
        return read.record;
      }),
    );
  }

  /**
   * Saves one record: its own file now, the manifest a moment later. Nothing is read first,
   * so `created` is the caller's to keep; without it, the record counts as created now.
   */
  async put(
    kind: string,
    body: unknown,
    id: string = Vault.newRecordId(),
    created?: string,
  ): Promise<StoredRecord> {
    return this.#operations.run(() =>
      this.#operations.inTurn(id, async () => {
        const now = this.#now().toISOString();
        const record = StoredRecordSchema.parse({
          kind,
          id,
          created: created ?? now,
          updated: now,
          body,
        });
        return this.#save(record);
      }),
    );
  }

  /**
   * Saves a record exactly as given, its own times included: for a record taken from a
   * backup, which keeps the times it had where it was written.
   */
  async putRestored(record: StoredRecord): Promise<StoredRecord> {
    const exact = StoredRecordSchema.parse(record);
    return this.#operations.run(() => this.#operations.inTurn(exact.id, () => this.#save(exact)));
  }

  async #save(record: StoredRecord): Promise<StoredRecord> {
    await this.#manifest.writeNumbered(record.id, (seq) =>
      this.#write(record, this.#keys.header.keyGeneration, seq),
    );
    this.#manifest.saved(record.id);
    return record;
  }

  async delete(id: string): Promise<void> {
    return this.#operations.run(() =>
      this.#operations.inTurn(id, async () => {
        await removeRecord(this.dir, id);
        await this.#manifest.removed(id);
      }),
    );
  }

  /**
   * Deletes several records as one change: each file unlinked in its turn, the folder synced
   * once, the manifest written once. A crash part-way leaves each record either there and
   * listed, or gone; one interrupted after the folder's sync and before the manifest's, as a
   * single delete() can be, leaves the manifest listing the ones gone (reported missing).
   */
  async deleteMany(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.writeBatch([{ remove: ids }]);
  }

  /**
   * Saves and deletes several records as one change, in `steps`: each step's new files are
   * renamed into place and its deletions unlinked, then the folder is synced once, so every
   * step is durable before the next replaces or removes anything (the old words kept as a
   * revision before the note's new text replaces them; a merged note before the trashed
   * item it took in is deleted). Every file is written and fsynced before the first step,
   * the write numbers are taken as one change, and the manifest is written at once only if
   * something was deleted. Returns the records saved, in order. A failure part-way leaves
   * every record either as it was or as the batch wrote it, and the manifest saying which.
   */
  async writeBatch(steps: readonly BatchStep[]): Promise<StoredRecord[]> {
    const named = steps
      .map((step) => ({
        put: (step.put ?? []).map((write) => ({ ...write, id: write.id ?? Vault.newRecordId() })),
        remove: step.remove ?? [],
      }))
      .filter((step) => step.put.length + step.remove.length > 0);
    const ids = named.flatMap((step) => [...step.put.map((write) => write.id), ...step.remove]);
    for (const id of ids) recordPath(this.dir, id);
    if (new Set(ids).size !== ids.length) throw new RangeError('a batch names a record twice');
    return this.#operations.run(() =>
      this.#operations.inTurnOfAll(ids, () => this.#applyBatch(named)),
    );
  }

  async #applyBatch(
    steps: readonly { put: readonly RecordWrite[]; remove: readonly string[] }[],
  ): Promise<StoredRecord[]> {
    const now = this.#now().toISOString();
    const planned = steps.map((step) => ({
      put: step.put.map(({ kind, body, id, created }) =>
        StoredRecordSchema.parse({ kind, id, created: created ?? now, updated: now, body }),
      ),
      remove: step.remove,
    }));
    const records = planned.flatMap((step) => step.put);
    const generation = this.#keys.header.keyGeneration;
    const seqs = await this.#manifest.takeSeqs(records.length);
    let temps: string[] = [];
    let placed = 0;
    const removed: string[] = [];
    let removalsSynced = true;
    try {
      const key = this.#keys.keyFor(generation);
      const files = records.map((record, index) =>
        sealRecordFile(this.vaultId, record, { generation, seq: seqs[index] ?? NaN }, key),
      );
      temps = await this.#writeTemps(records, files);
      for (const step of planned) {
        for (const record of step.put) {
          await placeTempFile(temps[placed] ?? '', recordPath(this.dir, record.id));
          this.#manifest.listWrite(record.id, seqs[placed] ?? NaN);
          placed += 1;
        }
        for (const id of step.remove) {
          removalsSynced = false;
          await removeRecordFile(this.dir, id);
          removed.push(id);
        }
        await syncRecordsFolder(this.dir);
        removalsSynced = true;
      }
    } finally {
      this.#manifest.release(seqs);
      await Promise.all(temps.slice(placed).map((temp) => rm(temp, { force: true })));
      for (const record of records.slice(0, placed)) this.#manifest.saved(record.id);
      if (removed.length > 0) {
        // Gone from the folder as this process sees it: listed, they would read as missing.
        if (!removalsSynced) await syncRecordsFolder(this.dir).catch(() => {});
        await this.#manifest.removedAll(removed);
      }
    }
    return records;
  }

  /**
   * Every file of a batch written and fsynced, a few side by side (so their fsyncs can share
   * the disk's flushes); none is left if one fails.
   */
  async #writeTemps(records: readonly StoredRecord[], files: readonly Buffer[]): Promise<string[]> {
    const temps: string[] = [];
    for (let start = 0; start < records.length; start += WRITE_CONCURRENCY) {
      const written = await Promise.allSettled(
        records
          .slice(start, start + WRITE_CONCURRENCY)
          .map((record, index) =>
            writeTempFile(recordPath(this.dir, record.id), files[start + index] ?? Buffer.alloc(0)),
          ),
      );
      for (const result of written) if (result.status === 'fulfilled') temps.push(result.value);
      const failure = written.find((result) => result.status === 'rejected');
      if (failure) {
        await Promise.all(temps.map((temp) => rm(temp, { force: true })));
        throw failure.reason;
      }
    }
    return temps;
  }

  /**
   * Every readable record the manifest vouches for, optionally of one kind. A record that
   * cannot be read, or that disagrees with the manifest, is reported, never skipped silently
   * and never removed.
   */
  async list(kind?: string): Promise<{
    records: StoredRecord[];
    unreadable: UnreadableRecord[];
    integrity: IntegrityReport;
  }> {
    return this.#operations.run(async () => {
      const ids = await recordIds(this.dir);
      const records: StoredRecord[] = [];
      const unreadable: UnreadableRecord[] = [];
      const integrity: IntegrityReport = {
        missing: [],
        stale: [],
        replayed: [],
        unverified: false,
      };
      let adopted = false;
      let sliceStarted = performance.now();
      for (let start = 0; start < ids.length; start += READ_GROUP) {
        if (performance.now() - sliceStarted >= READ_SLICE_MS) {
          await yieldToEvents();
          sliceStarted = performance.now();
        }
        const group = ids.slice(start, start + READ_GROUP);
        const results = await Promise.allSettled(
          group.map((id) =>
            // Judged in the record's turn, against the manifest as this very read found it.
            this.#operations.inTurn(id, async () => {
              const read = this.#readSync(id);
              return read && { read, verdict: this.#manifest.judge(id, read.stamp) };
            }),
          ),
        );
        results.forEach((result, index) => {
          const recordId = group[index] ?? '';
          if (result.status === 'rejected') {
            if (!isAppError(result.reason)) throw result.reason;
            unreadable.push({ recordId, kind: result.reason.kind });
            return;
          }
          if (!result.value) return;
          const { read, verdict } = result.value;
          if (verdict === 'stale' || verdict === 'replayed') {
            integrity[verdict].push(recordId);
            return;
          }
          adopted ||= verdict === 'adopted';
          if (kind === undefined || read.record.kind === kind) records.push(read.record);
        });
      }
      integrity.missing = this.#manifest.missingFrom(new Set(ids));
      integrity.unverified = this.#manifest.takeUnverified();
      if (adopted || integrity.unverified) await this.#manifest.save();
      return { records, unreadable, integrity };
    });
  }

  /**
   * What a backup holds: the header, every current record's file as it is on disk, and a
   * manifest sealed for the backup that lists exactly those. Records are copied one at a
   * time, each in its turn, so a save waits at most for one record's copy, never for the
   * backup; a record saved meanwhile is copied either as it was or as it is, and the manifest
   * names the write that was copied. A record that cannot be read, or that the manifest
   * disowns, is left out and counted. A lock stops the copy (vault-locked).
   */
  async snapshotForBackup(
    onProgress: (done: number, total: number) => void = () => {},
  ): Promise<BackupSnapshot> {
    // Format 1 records have no number for the manifest to list: sealed again first.
    await this.finishRetiring();
    for (let attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
      const snapshot = await this.#snapshot(onProgress);
      if (snapshot) return snapshot;
    }
    throw new AppError('try-later', 'The vault’s key changed while the backup was made');
  }

  /** null when a re-key retired a key that copied records need, so the copy must start again. */
  async #snapshot(
    onProgress: (done: number, total: number) => void,
  ): Promise<BackupSnapshot | null> {
    // Listed but missing files are counted too: the backup is short of them.
    const ids = await this.#operations.run(async () =>
      [...new Set([...(await recordIds(this.dir)), ...this.#manifest.listedIds()])].sort(),
    );
    const copies: Exclude<BackupCopy, string>[] = [];
    let leftOut = 0;
    for (const [index, id] of ids.entries()) {
      const copy = await this.#operations.run(() =>
        this.#operations.inTurn(id, () => this.#copyForBackup(id)),
      );
      if (copy === 'left-out') leftOut += 1;
      else if (copy !== 'absent') copies.push(copy);
      onProgress(index + 1, ids.length);
    }
    return this.#operations.run(async () => {
      const header = this.#keys.header;
      const usable = [header.keyGeneration, header.retiringKey?.generation];
      if (copies.some((copy) => !usable.includes(copy.generation))) return null;
      // The header and the manifest's key of one moment: nothing is awaited between them.
      const listed = new Map(copies.map((copy) => [copy.id, copy.seq]));
      const snapshot: BackupSnapshot = {
        header: encodeHeader(header),
        manifest: sealManifest(this.#manifest.forBackup(listed), this.#keys.current()),
        records: copies.map(({ id, file }) => ({ id, file })),
        leftOut,
        generation: header.keyGeneration,
      };
      if (copies.some((copy) => copy.adopted)) await this.#manifest.save();
      return snapshot;
    });
  }

  async #copyForBackup(id: string): Promise<BackupCopy> {
    let read: ReadRecord;
    let file: Buffer | null;
    try {
      file = await readRecordBytes(this.dir, id);
      if (!file) return this.#manifest.lists(id) ? 'left-out' : 'absent';
      read = openRecordFile(file, this.vaultId, id, (generation, recordId) =>
        this.#keys.keyFor(generation, recordId),
      );
    } catch (error) {
      if (!isAppError(error) || error.kind === 'vault-locked') throw error;
      return 'left-out';
    }
    const verdict = this.#manifest.judge(id, read.stamp);
    if (verdict === 'stale' || verdict === 'replayed') return 'left-out';
    const { generation, seq } = read.stamp;
    if (seq === null) {
      throw new AppError('try-later', 'The vault is still being upgraded; back up once it is done');
    }
    return { id, file, generation, seq, adopted: verdict === 'adopted' };
  }

  /** The seal of a backup whose manifest `generation` sealed; the key never leaves the vault. */
  async sealForBackup(bytes: Buffer, generation: number): Promise<Buffer> {
    return this.#operations.run(() => this.#keys.sealForBackup(bytes, generation));
  }

  /** For creation and the upgrade: the first manifest, before the header names the vault. */
  async saveManifestForCreation(): Promise<void> {
    await this.#manifest.save();
  }

  /** Re-wraps the data key under a new passphrase. No record is touched. */
  async setPassphrase(next: string, settings?: KdfSettings): Promise<void> {
    return this.#operations.run(() => this.#keys.setPassphrase(next, settings));
  }

  /** Re-wraps the data key under a new passphrase, once the current one is proved. */
  async changePassphrase(current: string, next: string, settings?: KdfSettings): Promise<void> {
    await this.#operations.run(() => this.#keys.checkPassphrase(current));
    await this.setPassphrase(next, settings);
  }

  /**
   * For "someone may know my passphrase", step one: checks the current passphrase and
   * prepares a new data key, passphrase slot and recovery key, changing nothing on disk.
   * Returns the new recovery key, to be shown, and kept, before commitRekey() makes it the
   * only one: a lock in between drops the preparation, and the old keys go on working.
   */
  async prepareRekey(current: string, next: string, settings?: KdfSettings): Promise<string> {
    await this.#operations.run(() => this.#keys.checkPassphrase(current));
    await this.finishRetiring();
    return this.#operations.run(() => this.#keys.prepareRekey(next, settings));
  }

  /**
   * Step two: the new header (naming both keys) is written, then every record is sealed
   * again under the new key. A crash or a lock only pauses the sealing; finishRetiring()
   * resumes it on the next open.
   */
  async commitRekey(): Promise<void> {
    await this.#operations.run(async () => {
      await this.#keys.commitRekey();
      await this.#manifest.save();
    });
    await this.finishRetiring();
  }

  /** Both steps at once, for callers with no one to show the recovery key to first. */
  async rekey(current: string, next: string, settings?: KdfSettings): Promise<string> {
    const recoveryKey = await this.prepareRekey(current, next, settings);
    await this.commitRekey();
    return recoveryKey;
  }

  /**
   * Seals again, under the current key, every record the retiring key still holds, then
   * forgets that key. Stops early, safely, if the vault is locked meanwhile.
   */
  finishRetiring(): Promise<void> {
    this.#retiring ??= this.#retire().finally(() => {
      this.#retiring = null;
    });
    return this.#retiring;
  }

  async #retire(): Promise<void> {
    const retiring = this.#keys.header.retiringKey;
    if (!retiring || this.isLocked) return;
    const current = this.#keys.header.keyGeneration;
    const ids = await this.#operations.run(() => recordIds(this.dir));
    let sealedFormatOne = false;
    for (const [index, id] of ids.entries()) {
      if (index > 0) this.#onResealed(index, ids.length);
      if (this.isLocked) return;
      await this.#operations.run(() =>
        this.#operations.inTurn(id, async () => {
          // Unreadable just now (moved, held by another program): left for the next try.
          const read = await this.#read(id).catch(() => null);
          if (!read || read.stamp.generation !== retiring.generation) return;
          const verdict = this.#manifest.judge(id, read.stamp);
          // A copy that disagrees with the manifest is left as it is: sealing it again would vouch for it.
          if (verdict === 'stale' || verdict === 'replayed') return;
          await this.#manifest.writeNumbered(
            id,
            (seq) => this.#write(read.record, current, seq),
            read.stamp.seq,
          );
          if (read.stamp.seq === null) sealedFormatOne = true;
        }),
      );
    }
    await this.#operations.run(async () => {
      // A format 1 record takes a new number when sealed again; if the manifest could not
      // vouch for it this session, that number must not vouch for it either.
      if (sealedFormatOne && !this.#manifest.trusted) this.#manifest.distrustWritesSoFar();
      await this.#manifest.save();
      // The retiring key goes only once nothing it holds could still be wanted.
      if (!(await this.#manifest.nothingLeftUnder(retiring.generation))) return;
      await this.#keys.dropRetiring();
      await removeLeftovers(this.dir);
    });
    this.#onResealed(ids.length, ids.length);
  }

  /**
   * Refuses new operations, waits for those in flight, then zeroes the keys and lets another
   * process open the vault. Calling it again waits for the same lock.
   */
  lock(): Promise<void> {
    this.#locking ??= (async () => {
      await this.#operations.settle();
      await this.#manifest.flush();
      this.#keys.zero();
      this.#manifest.forget();
      await this.#lock.release();
    })();
    return this.#locking;
  }
}
