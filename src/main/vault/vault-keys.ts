import { createHmac, randomBytes } from 'node:crypto';
import { KEY_BYTES } from './aead';
import { AppError } from '../app-error';
import { backupSealer, digestInSlices } from './backup-seal';
import { vaultCorrupt, vaultLocked, wrongPassphrase } from './errors';
import type { Header } from './header-format';
import { writeHeader } from './header-file';
import {
  idKeySlot,
  openIdKey,
  passphraseSlot,
  recoverySlot,
  retiringKeySlot,
  unwrapWithPassphrase,
  type KdfSettings,
} from './key-slots';
import type { ManifestSealing } from './manifest-file';

/**
 * An open vault's keys and the header that wraps them: the current data key, the retiring
 * one during a re-key or an upgrade, the id key behind singleton ids, and a re-key prepared
 * but not yet confirmed. Every change is written to the header before it is used, and
 * zero() wipes them all.
 */
export class VaultKeys {
  readonly #dir: string;
  #header: Header;
  /** Data keys by generation: the current one, and the retiring one during a re-key. */
  #keys: Map<number, Buffer> | null;
  #idKey: Buffer | null;
  /** A re-key prepared, waiting for the person to confirm they kept the new recovery key. */
  #pendingRekey: { header: Header; key: Buffer } | null = null;

  /** Without `idKey`, it is unwrapped from the header with the current data key. */
  constructor(dir: string, header: Header, keys: Map<number, Buffer>, idKey?: Buffer) {
    this.#dir = dir;
    this.#header = header;
    this.#keys = keys;
    this.#idKey = idKey ?? openIdKey(keys.get(header.keyGeneration), header);
  }

  get header(): Readonly<Header> {
    return this.#header;
  }

  get isZeroed(): boolean {
    return this.#keys === null;
  }

  keyFor(generation: number, recordId?: string): Buffer {
    if (!this.#keys) throw vaultLocked();
    const key = this.#keys.get(generation);
    if (!key) throw vaultCorrupt('a file is sealed with a key that is no longer in use', recordId);
    return key;
  }

  /** The current key, for sealing the manifest. */
  current(): ManifestSealing {
    const { vaultId, keyGeneration: generation } = this.#header;
    return { vaultId, generation, key: this.keyFor(generation) };
  }

  /**
   * The seal of a backup whose manifest is sealed under `generation` (see backup-seal.ts):
   * the data key stays here, and only the seal leaves.
   */
  async sealForBackup(bytes: Buffer, generation: number): Promise<Buffer> {
    if (!this.#keys) throw vaultLocked();
    const key = this.#keys.get(generation);
    // A re-key finished between the copy and its seal: the copy's header no longer holds.
    if (!key) throw new AppError('try-later', 'The vault’s key changed while the backup was made');
    return digestInSlices(backupSealer(key, this.#header.vaultId), bytes);
  }

  /**
   * A stable id for a record there is only ever one of (such as the reading position),
   * derived from a key kept in the header, so the file name reveals nothing about what it holds.
   */
  singletonId(name: string): string {
    return createHmac('sha256', this.#requireIdKey()).update(name).digest('hex').slice(0, 32);
  }

  #requireIdKey(): Buffer {
    if (!this.#idKey) throw vaultLocked();
    return this.#idKey;
  }

  async #writeHeader(header: Header): Promise<void> {
    await writeHeader(this.#dir, header);
    this.#header = header;
  }

  async checkPassphrase(passphrase: string): Promise<void> {
    const check = await unwrapWithPassphrase(this.#header, passphrase);
    const matches = check.equals(this.keyFor(this.#header.keyGeneration));
    check.fill(0);
    if (!matches) throw wrongPassphrase();
  }

  /** Re-wraps the data key under a new passphrase. No record is touched. */
  async setPassphrase(next: string, settings: KdfSettings = this.#header.kdf): Promise<void> {
    const key = this.keyFor(this.#header.keyGeneration);
    await this.#writeHeader({
      ...this.#header,
      ...(await passphraseSlot(key, next, this.#header.vaultId, settings)),
    });
  }

  /** A new data key, passphrase slot and recovery key, held until commitRekey(). */
  async prepareRekey(next: string, settings: KdfSettings = this.#header.kdf): Promise<string> {
    const { vaultId, keyGeneration: from } = this.#header;
    const to = from + 1;
    const newKey = randomBytes(KEY_BYTES);
    const recovery = await recoverySlot(newKey, vaultId);
    const header: Header = {
      ...this.#header,
      ...(await passphraseSlot(newKey, next, vaultId, settings)),
      recoverySlot: recovery.recoverySlot,
      keyGeneration: to,
      idKeySlot: idKeySlot(newKey, this.#requireIdKey(), vaultId, to),
      retiringKey: retiringKeySlot(newKey, this.keyFor(from), vaultId, from, to),
    };
    this.#pendingRekey?.key.fill(0);
    this.#pendingRekey = { header, key: newKey };
    return recovery.recoveryKey;
  }

  /** Writes the prepared header, naming both keys; the new key is current from here on. */
  async commitRekey(): Promise<void> {
    const pending = this.#pendingRekey;
    if (!pending) throw new AppError('vault-locked', 'No re-key is waiting to be confirmed');
    this.#pendingRekey = null;
    this.#keys?.set(pending.header.keyGeneration, pending.key);
    await this.#writeHeader(pending.header);
  }

  /** Once nothing is left under the retiring key: the header stops naming it, and it is wiped. */
  async dropRetiring(): Promise<void> {
    const { retiringKey, ...header } = this.#header;
    if (!retiringKey) return;
    await this.#writeHeader(header);
    this.#keys?.get(retiringKey.generation)?.fill(0);
    this.#keys?.delete(retiringKey.generation);
  }

  zero(): void {
    for (const key of this.#keys?.values() ?? []) key.fill(0);
    this.#pendingRekey?.key.fill(0);
    this.#pendingRekey = null;
    this.#idKey?.fill(0);
    this.#keys = null;
    this.#idKey = null;
  }
}
