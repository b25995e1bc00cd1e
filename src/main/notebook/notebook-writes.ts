import { vaultCorrupt } from '../vault/errors';
import type { BatchStep, StoredRecord, Vault } from '../vault/vault';
import { draftRecordName, refuseUnreadable, type DraftRecordId } from './stored-records';

/** Where each form's draft is filed in `vault`. */
export const draftRecordId =
  (vault: Vault): DraftRecordId =>
  (key) =>
    vault.singletonId(draftRecordName(key));

/**
 * The notebook's one way to change the vault. A record the notebook found but could not
 * read (damaged, from a newer Stillwater, not vouched for by the manifest) is never written
 * over or deleted, and no record is written that the notebook would read back as damaged:
 * either is refused before anything is written.
 */
export class NotebookWrites {
  readonly #vault: Vault;
  readonly #unread: ReadonlySet<string>;

  constructor(vault: Vault, unread: ReadonlySet<string>) {
    this.#vault = vault;
    this.#unread = unread;
  }

  draftId(key: string): string {
    return draftRecordId(this.#vault)(key);
  }

  /** Refuses what seal() would refuse, writing nothing: for a change of several writes. */
  check(record: Pick<StoredRecord, 'kind' | 'id' | 'body'>): void {
    this.#refuseUnread(record.id);
    refuseUnreadable(record, draftRecordId(this.#vault));
  }

  seal(kind: string, body: unknown, id: string, created?: string): Promise<StoredRecord> {
    this.check({ kind, id, body });
    return this.#vault.put(kind, body, id, created);
  }

  async remove(id: string): Promise<void> {
    this.#refuseUnread(id);
    await this.#vault.delete(id);
  }

  /**
   * Several writes for one change, each step durable before the next (see
   * Vault.writeBatch). Every record is checked first, so a refusal writes nothing.
   */
  batch(steps: readonly BatchStep[]): Promise<StoredRecord[]> {
    for (const step of steps) {
      for (const { kind, id, body } of step.put ?? []) {
        if (id === undefined) throw new RangeError('a notebook write names its record');
        this.check({ kind, id, body });
      }
      for (const id of step.remove ?? []) this.#refuseUnread(id);
    }
    return this.#vault.writeBatch(steps);
  }

  #refuseUnread(id: string): void {
    if (this.#unread.has(id)) {
      throw vaultCorrupt(`record ${id} could not be read, so it is left as it is`, id);
    }
  }
}
