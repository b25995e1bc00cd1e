import { randomBytes } from 'node:crypto';
import { isAppError } from '../app-error';
import { vaultCorrupt, vaultLocked } from './errors';
import type { Header } from './header-format';
import type { IntegrityReport, UnreadableRecord } from './integrity';
import type { KdfSettings } from './key-slots';
import type { Manifest } from './manifest-format';
import { ManifestKeeper } from './manifest-keeper';
import { OperationGate } from './operation-gate';
import type { ProcessLock } from './process-lock';
import { readRecord, recordIds, removeRecord, writeRecord, type ReadRecord } from './record-files';
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

const READ_CONCURRENCY = 32;

/**
 * An unlocked vault (opened by opening.ts). Every decrypted byte stays in memory. Each
 * record's operations run one at a time, and lock() waits for every operation in flight
 * before it zeroes the keys, so no operation ever uses a key that is gone and nothing is
 * written once the lock is done.
 *
 * A little over 300 lines, on purpose: this is the vault's whole public surface, and each
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
        await this.#manifest.writeNumbered(id, (seq) =>
          this.#write(record, this.#keys.header.keyGeneration, seq),
        );
        this.#manifest.saved(id);
        return record;
      }),
    );
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
      for (let start = 0; start < ids.length; start += READ_CONCURRENCY) {
        const batch = ids.slice(start, start + READ_CONCURRENCY);
        const results = await Promise.allSettled(
          batch.map((id) =>
            this.#operations.inTurn(id, async () => {
              const read = await this.#read(id);
              return read && { read, verdict: this.#manifest.judge(id, read.stamp) };
            }),
          ),
        );
        results.forEach((result, index) => {
          const recordId = batch[index] ?? '';
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
