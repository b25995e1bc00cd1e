import { hkdf, hkdfSync, createHmac, randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { KEY_BYTES, open, seal } from './aead';
import { writeFileAtomic, syncDirectory } from './atomic-file';
import { FileRefusedError, readHostileFile } from './bounded-read';
import {
  VaultError,
  asDiskError,
  isVaultError,
  recoveryKeyTypo,
  vaultCorrupt,
  vaultLocked,
  wrongPassphrase,
  type VaultErrorKind,
} from './errors';
import {
  FORMAT_VERSION,
  HEADER_FILE,
  LEGACY_FORMAT_VERSION,
  LEGACY_GENERATION,
  LEGACY_PREVIOUS_HEADER_FILE,
  LOCK_FILE,
  MANIFEST_FILE,
  MAX_HEADER_FILE_BYTES,
  MAX_MANIFEST_FILE_BYTES,
  MAX_RECORD_FILE_BYTES,
  RECORDS_DIR,
  RECORD_EXTENSION,
  RECORD_ID_PATTERN,
  StoredRecordSchema,
  decodeHeader,
  decodeManifestFile,
  decodeRecordFile,
  emptyManifest,
  encodeHeader,
  encodeManifestFile,
  encodeRecordFile,
  idKeySlotAad,
  manifestAad,
  pad,
  parseManifest,
  passphraseSlotAad,
  recordAad,
  recoverySlotAad,
  retiringKeySlotAad,
  serialiseManifest,
  unpad,
  type Header,
  type KeySlot,
  type LegacyHeader,
  type Manifest,
  type RecordStamp,
  type StoredRecord,
} from './format';
import { adoptNewer, missingRecords, standingOf, type ManifestBounds } from './integrity';
import { SALT_BYTES, calibrateKdf, deriveKey, kdfParamsAreSafe, type KdfParams } from './kdf';
import { acquireProcessLock, type ProcessLock } from './process-lock';
import { formatRecoveryKey, newRecoveryKey, parseRecoveryKey } from './recovery-key';

export type { StoredRecord } from './format';
export type KdfSettings = Omit<KdfParams, 'salt' | 'algorithm'>;

export interface VaultOptions {
  /** Fixed KDF settings instead of calibrating; tests use the floor to stay quick. */
  kdf?: KdfSettings;
  now?: () => Date;
  /** Told after each record a re-key or an upgrade has sealed again, for a progress bar. */
  onResealed?: (done: number, total: number) => void;
}

const hkdfAsync = promisify(hkdf);
const READ_CONCURRENCY = 32;
/** How long the manifest waits after a save, so a burst of saves shares one write. */
const MANIFEST_PAUSE_MS = 250;
/**
 * How many writes each manifest reserves ahead. A crash can leave at most this many writes
 * it does not list; an older manifest put back is noticed once more than this many writes
 * came after it.
 */
const MANIFEST_RESERVE = 8;

async function recoveryKek(recoveryKey: Buffer, vaultId: string): Promise<Buffer> {
  return Buffer.from(
    await hkdfAsync(
      'sha256',
      recoveryKey,
      Buffer.from(vaultId, 'hex'),
      'SWV1:recovery-kek',
      KEY_BYTES,
    ),
  );
}

function toSlot(sealed: { nonce: Buffer; ciphertext: Buffer }): KeySlot {
  return {
    nonce: sealed.nonce.toString('base64'),
    wrappedKey: sealed.ciphertext.toString('base64'),
  };
}

function openSlot(key: Buffer, slot: KeySlot, aad: Buffer): Buffer | null {
  return open(key, Buffer.from(slot.nonce, 'base64'), Buffer.from(slot.wrappedKey, 'base64'), aad);
}

/** A hostile read whose refusals become the vault's own typed errors. */
async function readVaultFile(
  file: string,
  limit: number,
  what: string,
  recordId?: string,
): Promise<Buffer | null> {
  try {
    return await readHostileFile(file, limit);
  } catch (error) {
    if (!(error instanceof FileRefusedError)) throw error;
    if (error.reason === 'missing') return null;
    const why = error.reason === 'too-large' ? 'is far too large' : 'is not a readable file';
    throw vaultCorrupt(`${what} ${why}`, recordId);
  }
}

/**
 * Runs `open` holding the vault's process lock, and lets the lock go if it fails; on
 * success the opened vault holds the lock until it is locked itself.
 */
async function withProcessLock<T>(
  dir: string,
  open: (lock: ProcessLock) => Promise<T>,
): Promise<T> {
  const lock = await acquireProcessLock(path.join(dir, LOCK_FILE));
  try {
    return await open(lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

export async function vaultExists(dir: string): Promise<boolean> {
  try {
    await stat(path.join(dir, HEADER_FILE));
    return true;
  } catch {
    return false;
  }
}

async function readHeader(dir: string): Promise<Header | LegacyHeader> {
  const file = await readVaultFile(
    path.join(dir, HEADER_FILE),
    MAX_HEADER_FILE_BYTES,
    'the header',
  );
  if (!file) throw new VaultError('vault-missing', 'There is no vault here yet');
  const header = decodeHeader(file);
  if (!kdfParamsAreSafe(header.kdf)) {
    throw vaultCorrupt('the header asks for key-derivation settings outside the safe range');
  }
  return header;
}

async function passphraseSlot(
  dataKey: Buffer,
  passphrase: string,
  vaultId: string,
  settings: KdfSettings,
): Promise<Pick<Header, 'kdf' | 'passphraseSlot'>> {
  if (!kdfParamsAreSafe(settings)) throw new RangeError('KDF settings outside the safe range');
  if (passphrase.trim() === '') throw new RangeError('a passphrase must be more than spaces');
  const kdf: KdfParams = {
    algorithm: 'argon2id',
    ...settings,
    salt: randomBytes(SALT_BYTES).toString('base64'),
  };
  const kek = await deriveKey(passphrase, kdf);
  const slot = seal(kek, dataKey, passphraseSlotAad(vaultId, kdf));
  kek.fill(0);
  return { kdf, passphraseSlot: toSlot(slot) };
}

/** A new recovery key and its slot; the key's text is for showing once and is kept nowhere. */
async function recoverySlot(
  dataKey: Buffer,
  vaultId: string,
): Promise<{ recoverySlot: KeySlot; recoveryKey: string }> {
  const recovery = newRecoveryKey();
  const kek = await recoveryKek(recovery, vaultId);
  const slot = seal(kek, dataKey, recoverySlotAad(vaultId));
  kek.fill(0);
  const recoveryKey = formatRecoveryKey(recovery);
  recovery.fill(0);
  return { recoverySlot: toSlot(slot), recoveryKey };
}

async function unwrapWithPassphrase(header: Header | LegacyHeader, passphrase: string) {
  const kek = await deriveKey(passphrase, header.kdf);
  const dataKey = openSlot(
    kek,
    header.passphraseSlot,
    passphraseSlotAad(header.vaultId, header.kdf),
  );
  kek.fill(0);
  if (!dataKey) throw wrongPassphrase();
  return dataKey;
}

/**
 * Creates a new vault in `dir` and opens it. The recovery key is returned once, to be shown
 * to the user; only its wrapping of the data key is kept.
 */
export async function createVault(
  dir: string,
  passphrase: string,
  options: VaultOptions = {},
): Promise<{ vault: Vault; recoveryKey: string }> {
  if (await vaultExists(dir)) throw new VaultError('vault-exists', 'A vault already exists here');
  try {
    await mkdir(path.join(dir, RECORDS_DIR), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw asDiskError(error);
  }
  return withProcessLock(dir, async (lock) => {
    const settings = options.kdf ?? (await calibrateKdf());
    const vaultId = randomBytes(16).toString('hex');
    const dataKey = randomBytes(KEY_BYTES);
    const idKey = randomBytes(KEY_BYTES);
    const recovery = await recoverySlot(dataKey, vaultId);
    const header: Header = {
      format: 'stillwater-vault',
      version: FORMAT_VERSION,
      vaultId,
      ...(await passphraseSlot(dataKey, passphrase, vaultId, settings)),
      recoverySlot: recovery.recoverySlot,
      keyGeneration: 1,
      idKeySlot: toSlot(seal(dataKey, idKey, idKeySlotAad(vaultId, 1))),
    };
    idKey.fill(0);
    // The manifest first: a vault is only there once its header is, and then it is whole.
    const vault = new Vault(dir, header, new Map([[1, dataKey]]), lock, options, emptyManifest());
    await vault.saveManifestForCreation();
    await writeFileAtomic(path.join(dir, HEADER_FILE), encodeHeader(header)).catch((error) => {
      throw asDiskError(error);
    });
    return { vault, recoveryKey: recovery.recoveryKey };
  });
}

/** Opens the vault with its passphrase. A second process gets VaultBusy before any KDF runs. */
export async function unlockVault(
  dir: string,
  passphrase: string,
  options: VaultOptions = {},
): Promise<Vault> {
  const started = performance.now();
  const header = await readHeader(dir);
  return withProcessLock(dir, async (lock) => {
    const kdfStarted = performance.now();
    const dataKey = await unwrapWithPassphrase(header, passphrase);
    const kdfMs = performance.now() - kdfStarted;
    const vault = await Vault.open(dir, header, dataKey, lock, options);
    vault.unlockTimings = { kdfMs, totalMs: performance.now() - started };
    return vault;
  });
}

/**
 * Opens the vault with the recovery key and sets a new passphrase. The recovery key stays
 * valid: it wraps the same data key.
 */
export async function recoverVault(
  dir: string,
  recoveryKeyText: string,
  newPassphrase: string,
  options: VaultOptions = {},
): Promise<Vault> {
  const header = await readHeader(dir);
  const recovery = parseRecoveryKey(recoveryKeyText);
  if (!recovery) throw recoveryKeyTypo();
  return withProcessLock(dir, async (lock) => {
    const kek = await recoveryKek(recovery, header.vaultId);
    recovery.fill(0);
    const dataKey = openSlot(kek, header.recoverySlot, recoverySlotAad(header.vaultId));
    kek.fill(0);
    if (!dataKey) throw wrongPassphrase();
    const vault = await Vault.open(dir, header, dataKey, lock, options);
    await vault.setPassphrase(newPassphrase, options.kdf ?? header.kdf);
    return vault;
  });
}

export interface UnreadableRecord {
  recordId: string;
  kind: VaultErrorKind;
}

/**
 * How the records on disk agree with the manifest. Records that disagree are left exactly
 * as they are, and are not returned: nothing acts on them.
 */
export interface IntegrityReport {
  /** Listed in the manifest, with no file. */
  missing: string[];
  /** An older copy of a record put back over the real one. */
  stale: string[];
  /** A record put back after it was deleted. */
  replayed: string[];
  /** The manifest itself was missing or damaged, so nothing could be checked this time. */
  unverified: boolean;
}

interface ReadRecord {
  record: StoredRecord;
  stamp: RecordStamp;
}

/**
 * An unlocked vault. Every decrypted byte stays in memory. Each record's operations run one
 * at a time, and lock() waits for every operation in flight before it zeroes the keys, so
 * no operation ever uses a key that is gone and nothing is written once the lock is done.
 */
export class Vault {
  readonly dir: string;
  /** How long opening took, and how much of it was the passphrase's key derivation. */
  unlockTimings: { kdfMs: number; totalMs: number } | null = null;
  #header: Header;
  /** Data keys by generation: the current one, and the retiring one during a re-key. */
  #keys: Map<number, Buffer> | null;
  #idKey: Buffer | null;
  #lock: ProcessLock;
  #now: () => Date;
  #manifest: Manifest;
  #manifestUnverified = false;
  /** The manifest's numbers as read from disk; verdicts are judged against these. */
  #bounds: ManifestBounds;
  /** What the manifest on disk has reserved: a write at or past it waits for a new manifest. */
  #reservedOnDisk: number;
  /** Numbers taken by writes not yet listed: the manifest's next number stays below them. */
  #unlisted = new Set<number>();
  /** Records taken in this session without the manifest's word for them. */
  #adoptedNow = new Set<string>();
  /** A re-key prepared, waiting for the person to confirm they kept the new recovery key. */
  #pendingRekey: { header: Header; key: Buffer } | null = null;
  #manifestChanges = 0;
  #manifestSaved = 0;
  #manifestSaving: Promise<void> | null = null;
  #manifestTimer: ReturnType<typeof setTimeout> | null = null;
  #inFlight = new Set<Promise<unknown>>();
  #recordTurns = new Map<string, Promise<unknown>>();
  #locking: Promise<void> | null = null;
  #retiring: Promise<void> | null = null;
  #onResealed: (done: number, total: number) => void;

  /** `keys` holds the current data key, and during a re-key or an upgrade the retiring one. */
  constructor(
    dir: string,
    header: Header,
    keys: Map<number, Buffer>,
    lock: ProcessLock,
    options: VaultOptions,
    manifest: Manifest,
    idKey?: Buffer,
  ) {
    this.dir = dir;
    this.#header = header;
    this.#keys = keys;
    const dataKey = keys.get(header.keyGeneration);
    const unwrapped =
      idKey ??
      (dataKey &&
        openSlot(dataKey, header.idKeySlot, idKeySlotAad(header.vaultId, header.keyGeneration)));
    if (!unwrapped) throw vaultCorrupt('the header’s id key does not open');
    this.#idKey = unwrapped;
    this.#lock = lock;
    this.#now = options.now ?? (() => new Date());
    this.#onResealed = options.onResealed ?? (() => {});
    this.#manifest = manifest;
    this.#bounds = { firstUnseen: manifest.nextSeq, reservedUpTo: manifest.reservedUpTo };
    this.#reservedOnDisk = manifest.reservedUpTo;
    // Numbers in the reserved range may already be on disk (a crash's leftovers): skip them.
    manifest.nextSeq = Math.max(manifest.nextSeq, manifest.reservedUpTo);
  }

  /**
   * Opens a vault whose data key has been unwrapped: upgrades a format 1 header, removes the
   * copy of an old header that format 1 kept, and reads the manifest.
   */
  static async open(
    dir: string,
    stored: Header | LegacyHeader,
    dataKey: Buffer,
    lock: ProcessLock,
    options: VaultOptions,
  ): Promise<Vault> {
    try {
      await rm(path.join(dir, LEGACY_PREVIOUS_HEADER_FILE), { force: true });
      await removeLeftovers(dir);
      const records = await lstat(path.join(dir, RECORDS_DIR)).catch(() => null);
      if (records && !records.isDirectory())
        throw vaultCorrupt('the records folder is not a folder');
      if (stored.version === LEGACY_FORMAT_VERSION)
        return await Vault.#upgrade(dir, stored, dataKey, lock, options);
      const header = stored;
      const keys = new Map([[header.keyGeneration, dataKey]]);
      if (header.retiringKey) {
        const { generation, ...slot } = header.retiringKey;
        const retiring = openSlot(
          dataKey,
          slot,
          retiringKeySlotAad(header.vaultId, generation, header.keyGeneration),
        );
        if (!retiring) throw vaultCorrupt('the header’s retiring key does not open');
        keys.set(generation, retiring);
      }
      const manifest = await readManifest(dir, header.vaultId, keys);
      const vault = new Vault(dir, header, keys, lock, options, manifest ?? emptyManifest());
      if (!manifest) {
        vault.#manifestUnverified = true;
        vault.#bounds = { firstUnseen: 0, reservedUpTo: Number.MAX_SAFE_INTEGER };
      }
      return vault;
    } catch (error) {
      throw asDiskError(error);
    }
  }

  /**
   * Format 1 to 2: the same data key becomes generation 1, and the format 1 records, as
   * generation 0, are sealed again in format 2 by finishRetiring(), which a crash only pauses.
   */
  static async #upgrade(
    dir: string,
    legacy: LegacyHeader,
    dataKey: Buffer,
    lock: ProcessLock,
    options: VaultOptions,
  ): Promise<Vault> {
    await Vault.#refuseDowngrade(dir, legacy.vaultId, dataKey);
    const idKey = Buffer.from(
      hkdfSync(
        'sha256',
        dataKey,
        Buffer.from(legacy.vaultId, 'hex'),
        'SWV1:singleton-ids',
        KEY_BYTES,
      ),
    );
    const header: Header = {
      ...legacy,
      version: FORMAT_VERSION,
      keyGeneration: 1,
      idKeySlot: toSlot(seal(dataKey, idKey, idKeySlotAad(legacy.vaultId, 1))),
      retiringKey: {
        generation: LEGACY_GENERATION,
        ...toSlot(seal(dataKey, dataKey, retiringKeySlotAad(legacy.vaultId, LEGACY_GENERATION, 1))),
      },
    };
    // Format 1 records are generation 0, under the same key: a copy, so each is zeroed once.
    const keys = new Map([
      [1, dataKey],
      [LEGACY_GENERATION, Buffer.from(dataKey)],
    ]);
    const vault = new Vault(dir, header, keys, lock, options, emptyManifest(), idKey);
    await vault.saveManifestForCreation();
    await writeFileAtomic(path.join(dir, HEADER_FILE), encodeHeader(header));
    return vault;
  }

  /**
   * A format 1 header over a folder that format 2 has written to is a header put back, or
   * its version edited, to switch off the manifest: refused as damage. The one format 2 file
   * a genuine format 1 vault can have is the empty manifest an interrupted upgrade wrote.
   */
  static async #refuseDowngrade(dir: string, vaultId: string, dataKey: Buffer): Promise<void> {
    const refuse = () => vaultCorrupt('the header is older than the files it describes');
    const file = await readVaultFile(
      path.join(dir, MANIFEST_FILE),
      MAX_MANIFEST_FILE_BYTES,
      'the list of records',
    ).catch(() => null);
    if (file) {
      const manifest = await readManifest(dir, vaultId, new Map([[1, dataKey]]));
      if (!manifest || manifest.entries.size > 0 || manifest.nextSeq > 1) throw refuse();
    }
    for (const name of await readdir(path.join(dir, RECORDS_DIR)).catch(() => [] as string[])) {
      const id = name.slice(0, -RECORD_EXTENSION.length);
      if (!name.endsWith(RECORD_EXTENSION) || !RECORD_ID_PATTERN.test(id)) continue;
      const record = await readVaultFile(
        path.join(dir, RECORDS_DIR, name),
        MAX_RECORD_FILE_BYTES,
        `record ${id}`,
        id,
      ).catch(() => null);
      if (record && record[4] !== LEGACY_FORMAT_VERSION) throw refuse();
    }
  }

  get isLocked(): boolean {
    return this.#locking !== null || this.#keys === null;
  }

  get vaultId(): string {
    return this.#header.vaultId;
  }

  /** Whether records are still to be sealed again after a re-key or an upgrade. */
  get isRetiringKey(): boolean {
    return this.#header.retiringKey !== undefined;
  }

  static newRecordId(): string {
    return randomBytes(16).toString('hex');
  }

  /**
   * Runs one operation while the vault is open. The keys are read inside it, and lock()
   * waits for it, so it never sees a zeroed key. A full or read-only disk gets its own kind.
   */
  #run<T>(work: () => Promise<T>): Promise<T> {
    if (this.isLocked) return Promise.reject(vaultLocked());
    const task = work().catch((error: unknown) => {
      throw asDiskError(error);
    });
    this.#inFlight.add(task);
    void task.then(
      () => this.#inFlight.delete(task),
      () => this.#inFlight.delete(task),
    );
    return task;
  }

  /** One record's operations in order: a read never sees a write half way through. */
  #inTurn<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#recordTurns.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    const done = next.then(
      () => undefined,
      () => undefined,
    );
    this.#recordTurns.set(id, done);
    void done.then(() => {
      if (this.#recordTurns.get(id) === done) this.#recordTurns.delete(id);
    });
    return next;
  }

  #keyFor(generation: number, recordId?: string): Buffer {
    if (!this.#keys) throw vaultLocked();
    const key = this.#keys.get(generation);
    if (!key) throw vaultCorrupt('a file is sealed with a key that is no longer in use', recordId);
    return key;
  }

  #recordPath(id: string): string {
    if (!RECORD_ID_PATTERN.test(id)) throw new RangeError('not a record id');
    return path.join(this.dir, RECORDS_DIR, `${id}${RECORD_EXTENSION}`);
  }

  /**
   * A stable id for a record there is only ever one of (such as the reading position),
   * derived from a key kept in the header, so the file name reveals nothing about what it holds.
   */
  singletonId(name: string): string {
    if (this.isLocked) throw vaultLocked();
    return createHmac('sha256', this.#requireIdKey()).update(name).digest('hex').slice(0, 32);
  }

  #requireIdKey(): Buffer {
    if (!this.#idKey) throw vaultLocked();
    return this.#idKey;
  }

  async #readRecord(id: string): Promise<ReadRecord | null> {
    const file = await readVaultFile(
      this.#recordPath(id),
      MAX_RECORD_FILE_BYTES,
      `record ${id}`,
      id,
    );
    if (!file) return null;
    const { stamp, nonce, ciphertext } = decodeRecordFile(file, id);
    const key = this.#keyFor(stamp.generation, id);
    const sealed = open(key, nonce, ciphertext, recordAad(this.#header.vaultId, id, stamp));
    if (!sealed) throw vaultCorrupt(`record ${id} does not decrypt`, id);
    const plaintext = stamp.seq === null ? sealed : unpad(sealed, id);
    let record: unknown;
    try {
      record = JSON.parse(plaintext.toString('utf8'));
    } catch {
      throw vaultCorrupt(`record ${id} holds unreadable data`, id);
    }
    const parsed = StoredRecordSchema.safeParse(record);
    if (!parsed.success || parsed.data.id !== id) {
      throw vaultCorrupt(`record ${id} has an unexpected shape`, id);
    }
    return { record: parsed.data, stamp };
  }

  async #writeRecord(record: StoredRecord, stamp: RecordStamp): Promise<void> {
    const sealed = seal(
      this.#keyFor(stamp.generation),
      pad(Buffer.from(JSON.stringify(record), 'utf8')),
      recordAad(this.#header.vaultId, record.id, stamp),
    );
    await writeFileAtomic(
      this.#recordPath(record.id),
      encodeRecordFile(stamp, sealed.nonce, sealed.ciphertext),
    );
  }

  /**
   * Whether a record read from disk may be used: the manifest's own write, or one a crash
   * kept from it. Format 1 records, during the upgrade, predate the manifest.
   */
  #judge(id: string, read: ReadRecord): 'use' | 'adopted' | 'stale' | 'replayed' {
    if (read.stamp.seq === null) return 'use';
    const standing = standingOf(this.#manifest, id, read.stamp.seq, this.#bounds);
    if (standing === 'current') return 'use';
    if (standing === 'stale' || standing === 'replayed') return standing;
    // A write beyond what the manifest reserved: the manifest is an older copy.
    if (standing === 'beyond') this.#manifestUnverified = true;
    adoptNewer(this.#manifest, id, read.stamp.seq);
    this.#adoptedNow.add(id);
    return 'adopted';
  }

  /**
   * Whether the manifest vouches for a record, so that something automatic (the trash's
   * 30-day purge) may act on it: listed, written since the manifest was last trusted, and
   * not taken in this session on a crash's word.
   */
  isVouched(id: string): boolean {
    const seq = this.#manifest.entries.get(id);
    return seq !== undefined && seq >= this.#manifest.trustedFrom && !this.#adoptedNow.has(id);
  }

  async get(id: string): Promise<StoredRecord | null> {
    return this.#run(() =>
      this.#inTurn(id, async () => {
        const read = await this.#readRecord(id);
        if (!read) return null;
        const verdict = this.#judge(id, read);
        if (verdict === 'stale') throw vaultCorrupt(`record ${id} is an older copy`, id);
        if (verdict === 'replayed') throw vaultCorrupt(`record ${id} was deleted before`, id);
        if (verdict === 'adopted') await this.#saveManifest();
        return read.record;
      }),
    );
  }

  /**
   * Saves one record, writing its own file and the manifest. `created` is kept from the
   * caller; without it, an existing record keeps its own.
   */
  async put(
    kind: string,
    body: unknown,
    id: string = Vault.newRecordId(),
    created?: string,
  ): Promise<StoredRecord> {
    return this.#run(() =>
      this.#inTurn(id, async () => {
        const now = this.#now().toISOString();
        let since = created;
        if (since === undefined && this.#manifest.entries.has(id)) {
          since = (await this.#readRecord(id).catch(() => null))?.record.created;
        }
        const record = StoredRecordSchema.parse({
          kind,
          id,
          created: since ?? now,
          updated: now,
          body,
        });
        const seq = await this.#takeSeq();
        try {
          await this.#writeRecord(record, { generation: this.#header.keyGeneration, seq });
          this.#manifest.entries.set(id, seq);
        } finally {
          this.#unlisted.delete(seq);
        }
        this.#adoptedNow.delete(id);
        this.#saveManifestSoon();
        return record;
      }),
    );
  }

  async delete(id: string): Promise<void> {
    return this.#run(() =>
      this.#inTurn(id, async () => {
        await rm(this.#recordPath(id), { force: true });
        await syncDirectory(path.join(this.dir, RECORDS_DIR));
        this.#manifest.entries.delete(id);
        await this.#saveManifest();
      }),
    );
  }

  async #recordIds(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(path.join(this.dir, RECORDS_DIR));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return [];
      if (code === 'ENOTDIR' || code === 'ELOOP')
        throw vaultCorrupt('the records folder is not a folder');
      throw error;
    }
    return names
      .filter((name) => name.endsWith(RECORD_EXTENSION))
      .map((name) => name.slice(0, -RECORD_EXTENSION.length))
      .filter((id) => RECORD_ID_PATTERN.test(id));
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
    return this.#run(async () => {
      const ids = await this.#recordIds();
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
            this.#inTurn(id, async () => {
              const read = await this.#readRecord(id);
              return read && { read, verdict: this.#judge(id, read) };
            }),
          ),
        );
        results.forEach((result, index) => {
          const recordId = batch[index] ?? '';
          if (result.status === 'rejected') {
            if (!isVaultError(result.reason)) throw result.reason;
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
      integrity.missing = missingRecords(this.#manifest, new Set(ids));
      integrity.unverified = this.#manifestUnverified;
      if (this.#manifestUnverified) {
        // Reported once. The manifest rebuilt from what was found vouches only for writes
        // from here on, so nothing automatic ever acts on what it could not check.
        this.#manifest.trustedFrom = this.#manifest.nextSeq;
        this.#manifestUnverified = false;
        adopted = true;
      }
      if (adopted) await this.#saveManifest();
      return { records, unreadable, integrity };
    });
  }

  /**
   * The next write's number. Past what the manifest on disk has reserved, a new manifest
   * (reserving more) is written first, so no genuine write is ever beyond the reservation.
   */
  async #takeSeq(): Promise<number> {
    const seq = this.#manifest.nextSeq++;
    this.#unlisted.add(seq);
    if (seq >= this.#reservedOnDisk) await this.#saveManifest();
    return seq;
  }

  /**
   * After a save, the manifest is written a moment later, once for a burst of saves, and
   * always before the lock. A crash in between loses nothing: a record newer than the
   * manifest is taken in on the next open (see integrity.ts), so the save itself costs one
   * file write, not two.
   */
  #saveManifestSoon(): void {
    this.#manifestChanges += 1;
    this.#manifestTimer ??= setTimeout(() => {
      this.#manifestTimer = null;
      if (this.isLocked) return;
      // A failure is retried by the next save, and by the lock.
      this.#run(() => this.#saveManifest()).catch(() => {});
    }, MANIFEST_PAUSE_MS);
  }

  /** Writes the manifest so that it includes every change made before this call. */
  async #saveManifest(): Promise<void> {
    const wanted = ++this.#manifestChanges;
    while (this.#manifestSaved < wanted) {
      if (!this.#manifestSaving) {
        const covers = this.#manifestChanges;
        const generation = this.#header.keyGeneration;
        const reserved = this.#manifest.nextSeq + MANIFEST_RESERVE;
        this.#manifest.reservedUpTo = Math.max(this.#manifest.reservedUpTo, reserved);
        // Its next number is the first write it does not list yet, so such a write, found
        // after a crash, reads as newer, never as replayed.
        const listedUpTo = Math.min(this.#manifest.nextSeq, ...this.#unlisted);
        const sealed = seal(
          this.#keyFor(generation),
          serialiseManifest({ ...this.#manifest, nextSeq: listedUpTo }),
          manifestAad(this.#header.vaultId, generation),
        );
        this.#manifestSaving = writeFileAtomic(
          path.join(this.dir, MANIFEST_FILE),
          encodeManifestFile(generation, sealed.nonce, sealed.ciphertext),
        )
          .then(() => {
            this.#manifestSaved = Math.max(this.#manifestSaved, covers);
            this.#reservedOnDisk = Math.max(this.#reservedOnDisk, reserved);
          })
          .finally(() => {
            this.#manifestSaving = null;
          });
      }
      await this.#manifestSaving;
    }
  }

  /** For createVault and the upgrade: the first manifest, before the header names the vault. */
  async saveManifestForCreation(): Promise<void> {
    await this.#saveManifest();
  }

  async #writeHeader(header: Header): Promise<void> {
    await writeFileAtomic(path.join(this.dir, HEADER_FILE), encodeHeader(header));
    this.#header = header;
  }

  async #checkPassphrase(passphrase: string): Promise<void> {
    const check = await unwrapWithPassphrase(this.#header, passphrase);
    const matches = check.equals(this.#keyFor(this.#header.keyGeneration));
    check.fill(0);
    if (!matches) throw wrongPassphrase();
  }

  /** Re-wraps the data key under a new passphrase. No record is touched. */
  async setPassphrase(next: string, settings: KdfSettings = this.#header.kdf): Promise<void> {
    return this.#run(async () => {
      const key = this.#keyFor(this.#header.keyGeneration);
      await this.#writeHeader({
        ...this.#header,
        ...(await passphraseSlot(key, next, this.#header.vaultId, settings)),
      });
    });
  }

  /** Re-wraps the data key under a new passphrase, once the current one is proved. */
  async changePassphrase(current: string, next: string, settings?: KdfSettings): Promise<void> {
    await this.#run(() => this.#checkPassphrase(current));
    await this.setPassphrase(next, settings);
  }

  /**
   * For "someone may know my passphrase", step one: checks the current passphrase and
   * prepares a new data key, passphrase slot and recovery key, changing nothing on disk.
   * Returns the new recovery key, to be shown, and kept, before commitRekey() makes it the
   * only one: a lock in between drops the preparation, and the old keys go on working.
   */
  async prepareRekey(current: string, next: string, settings?: KdfSettings): Promise<string> {
    await this.#run(() => this.#checkPassphrase(current));
    await this.finishRetiring();
    return this.#run(async () => {
      const { vaultId, keyGeneration: from } = this.#header;
      const to = from + 1;
      const newKey = randomBytes(KEY_BYTES);
      const recovery = await recoverySlot(newKey, vaultId);
      const header: Header = {
        ...this.#header,
        ...(await passphraseSlot(newKey, next, vaultId, settings ?? this.#header.kdf)),
        recoverySlot: recovery.recoverySlot,
        keyGeneration: to,
        idKeySlot: toSlot(seal(newKey, this.#requireIdKey(), idKeySlotAad(vaultId, to))),
        retiringKey: {
          generation: from,
          ...toSlot(seal(newKey, this.#keyFor(from), retiringKeySlotAad(vaultId, from, to))),
        },
      };
      this.#pendingRekey?.key.fill(0);
      this.#pendingRekey = { header, key: newKey };
      return recovery.recoveryKey;
    });
  }

  /**
   * Step two: the new header (naming both keys) is written, then every record is sealed
   * again under the new key. A crash or a lock only pauses the sealing; finishRetiring()
   * resumes it on the next open.
   */
  async commitRekey(): Promise<void> {
    await this.#run(async () => {
      const pending = this.#pendingRekey;
      if (!pending) throw new VaultError('vault-locked', 'No re-key is waiting to be confirmed');
      this.#pendingRekey = null;
      this.#keys?.set(pending.header.keyGeneration, pending.key);
      await this.#writeHeader(pending.header);
      await this.#saveManifest();
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
    const retiring = this.#header.retiringKey;
    if (!retiring || this.isLocked) return;
    const current = this.#header.keyGeneration;
    const ids = await this.#run(() => this.#recordIds());
    for (const [index, id] of ids.entries()) {
      if (index > 0) this.#onResealed(index, ids.length);
      if (this.isLocked) return;
      await this.#run(() =>
        this.#inTurn(id, async () => {
          // Unreadable just now (moved, held by another program): left for the next try.
          const read = await this.#readRecord(id).catch(() => null);
          if (!read || read.stamp.generation !== retiring.generation) return;
          const verdict = this.#judge(id, read);
          // A copy that disagrees with the manifest is left as it is: sealing it again would vouch for it.
          if (verdict === 'stale' || verdict === 'replayed') return;
          const seq = read.stamp.seq ?? (await this.#takeSeq());
          try {
            await this.#writeRecord(read.record, { generation: current, seq });
            this.#manifest.entries.set(id, seq);
          } finally {
            this.#unlisted.delete(seq);
          }
        }),
      );
    }
    await this.#run(async () => {
      await this.#saveManifest();
      // The retiring key goes only once nothing it holds could still be wanted.
      if (!(await this.#nothingLeftUnder(retiring.generation))) return;
      const { retiringKey: _done, ...header } = this.#header;
      await this.#writeHeader(header);
      this.#keys?.get(retiring.generation)?.fill(0);
      this.#keys?.delete(retiring.generation);
      await removeLeftovers(this.dir);
    });
    this.#onResealed(ids.length, ids.length);
  }

  /**
   * Whether every record the manifest lists has a file, and no file is still sealed under
   * `generation` but for copies the manifest disowns (older copies, replays).
   */
  async #nothingLeftUnder(generation: number): Promise<boolean> {
    const ids = await this.#recordIds();
    if (missingRecords(this.#manifest, new Set(ids)).length > 0) return false;
    for (const id of ids) {
      const file = await readVaultFile(
        this.#recordPath(id),
        MAX_RECORD_FILE_BYTES,
        'a record',
        id,
      ).catch(() => null);
      if (!file) return false;
      let stamp: RecordStamp;
      try {
        stamp = decodeRecordFile(file, id).stamp;
      } catch {
        continue;
      }
      if (stamp.generation !== generation) continue;
      const standing =
        stamp.seq === null ? 'newer' : standingOf(this.#manifest, id, stamp.seq, this.#bounds);
      if (standing !== 'stale' && standing !== 'replayed') return false;
    }
    return true;
  }

  /**
   * Refuses new operations, waits for those in flight, then zeroes the keys and lets another
   * process open the vault. Calling it again waits for the same lock.
   */
  lock(): Promise<void> {
    this.#locking ??= (async () => {
      while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
      if (this.#manifestTimer) clearTimeout(this.#manifestTimer);
      if (this.#manifestSaved < this.#manifestChanges) {
        // If the disk refuses even now, the records are taken in on the next open.
        await this.#saveManifest().catch(() => {});
      }
      for (const key of this.#keys?.values() ?? []) key.fill(0);
      this.#pendingRekey?.key.fill(0);
      this.#pendingRekey = null;
      this.#idKey?.fill(0);
      this.#keys = null;
      this.#idKey = null;
      this.#manifest = emptyManifest();
      await this.#lock.release();
    })();
    return this.#locking;
  }
}

/** The manifest, or null when it is missing or does not open: then nothing can be checked. */
async function readManifest(
  dir: string,
  vaultId: string,
  keys: Map<number, Buffer>,
): Promise<Manifest | null> {
  let file: Buffer | null;
  try {
    file = await readVaultFile(
      path.join(dir, MANIFEST_FILE),
      MAX_MANIFEST_FILE_BYTES,
      'the list of records',
    );
  } catch (error) {
    if (isVaultError(error, 'vault-corrupt')) return null;
    throw error;
  }
  if (!file) return null;
  try {
    const { generation, nonce, ciphertext } = decodeManifestFile(file);
    const key = keys.get(generation);
    const plaintext = key && open(key, nonce, ciphertext, manifestAad(vaultId, generation));
    return plaintext ? parseManifest(plaintext) : null;
  } catch (error) {
    if (isVaultError(error, 'vault-corrupt')) return null;
    throw error;
  }
}

/**
 * Temporary files a crash left behind: never needed, and one written before a change of
 * passphrase or a re-key would still open with what came before.
 */
async function removeLeftovers(dir: string): Promise<void> {
  for (const folder of [dir, path.join(dir, RECORDS_DIR)]) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.filter((candidate) => /^\..+\.tmp$/.test(candidate))) {
      const entry = await lstat(path.join(folder, name)).catch(() => null);
      if (entry?.isFile()) await rm(path.join(folder, name), { force: true });
    }
  }
}
