import { createHmac, hkdf, hkdfSync, randomBytes } from 'node:crypto';
import { copyFile, mkdir, open as openFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { KEY_BYTES, open, seal } from './aead';
import { writeFileAtomic, syncDirectory } from './atomic-file';
import {
  VaultError,
  isVaultError,
  vaultCorrupt,
  vaultLocked,
  wrongPassphrase,
  type VaultErrorKind,
} from './errors';
import {
  HEADER_FILE,
  LOCK_FILE,
  MAX_HEADER_FILE_BYTES,
  MAX_RECORD_FILE_BYTES,
  RECORDS_DIR,
  RECORD_EXTENSION,
  RECORD_ID_PATTERN,
  StoredRecordSchema,
  decodeHeader,
  decodeRecordFile,
  encodeHeader,
  encodeRecordFile,
  passphraseSlotAad,
  recordAad,
  recoverySlotAad,
  type Header,
  type StoredRecord,
} from './format';
import { SALT_BYTES, calibrateKdf, deriveKey, kdfParamsAreSafe, type KdfParams } from './kdf';
import { acquireProcessLock, type ProcessLock } from './process-lock';
import { formatRecoveryKey, newRecoveryKey, parseRecoveryKey } from './recovery-key';

export type { StoredRecord } from './format';
export type KdfSettings = Omit<KdfParams, 'salt' | 'algorithm'>;

export interface VaultOptions {
  /** Fixed KDF settings instead of calibrating; tests use the floor to stay quick. */
  kdf?: KdfSettings;
  now?: () => Date;
}

const hkdfAsync = promisify(hkdf);
const READ_CONCURRENCY = 32;

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

/** Reads a file no larger than `limit`, without trusting its size until it has been checked. */
async function readBounded(file: string, limit: number, what: () => VaultError): Promise<Buffer> {
  const handle = await openFile(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > limit) throw what();
    return await handle.readFile();
  } finally {
    await handle.close();
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

async function readHeader(dir: string): Promise<Header> {
  let file: Buffer;
  try {
    file = await readBounded(path.join(dir, HEADER_FILE), MAX_HEADER_FILE_BYTES, () =>
      vaultCorrupt('the header is far too large'),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new VaultError('vault-missing', 'There is no vault here yet');
    }
    throw error;
  }
  const header = decodeHeader(file);
  if (!kdfParamsAreSafe(header.kdf)) {
    throw vaultCorrupt('the header asks for key-derivation settings outside the safe range');
  }
  return header;
}

/** Keeps the previous header beside the new one, then replaces it atomically. */
async function writeHeader(dir: string, header: Header): Promise<void> {
  const target = path.join(dir, HEADER_FILE);
  await copyFile(target, `${target}.previous`).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await writeFileAtomic(target, encodeHeader(header));
}

async function wrapForPassphrase(
  dataKey: Buffer,
  passphrase: string,
  vaultId: string,
  settings: KdfSettings,
): Promise<Pick<Header, 'kdf' | 'passphraseSlot'>> {
  if (!kdfParamsAreSafe(settings)) throw new RangeError('KDF settings outside the safe range');
  const kdf: KdfParams = {
    algorithm: 'argon2id',
    ...settings,
    salt: randomBytes(SALT_BYTES).toString('base64'),
  };
  const kek = await deriveKey(passphrase, kdf);
  const slot = seal(kek, dataKey, passphraseSlotAad(vaultId, kdf));
  kek.fill(0);
  return {
    kdf,
    passphraseSlot: {
      nonce: slot.nonce.toString('base64'),
      wrappedKey: slot.ciphertext.toString('base64'),
    },
  };
}

async function unwrapWithPassphrase(header: Header, passphrase: string): Promise<Buffer> {
  const kek = await deriveKey(passphrase, header.kdf);
  const dataKey = open(
    kek,
    Buffer.from(header.passphraseSlot.nonce, 'base64'),
    Buffer.from(header.passphraseSlot.wrappedKey, 'base64'),
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
  await mkdir(path.join(dir, RECORDS_DIR), { recursive: true, mode: 0o700 });
  const lock = await acquireProcessLock(path.join(dir, LOCK_FILE));
  try {
    const settings = options.kdf ?? (await calibrateKdf());
    const vaultId = randomBytes(16).toString('hex');
    const dataKey = randomBytes(KEY_BYTES);
    const recovery = newRecoveryKey();
    const rkek = await recoveryKek(recovery, vaultId);
    const recoverySlot = seal(rkek, dataKey, recoverySlotAad(vaultId));
    rkek.fill(0);
    const header: Header = {
      format: 'stillwater-vault',
      version: 1,
      vaultId,
      ...(await wrapForPassphrase(dataKey, passphrase, vaultId, settings)),
      recoverySlot: {
        nonce: recoverySlot.nonce.toString('base64'),
        wrappedKey: recoverySlot.ciphertext.toString('base64'),
      },
    };
    await writeHeader(dir, header);
    const recoveryKey = formatRecoveryKey(recovery);
    recovery.fill(0);
    return { vault: new Vault(dir, header, dataKey, lock, options), recoveryKey };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** Opens the vault with its passphrase. A second process gets VaultBusy before any KDF runs. */
export async function unlockVault(
  dir: string,
  passphrase: string,
  options: VaultOptions = {},
): Promise<Vault> {
  const started = performance.now();
  const header = await readHeader(dir);
  const lock = await acquireProcessLock(path.join(dir, LOCK_FILE));
  try {
    const kdfStarted = performance.now();
    const dataKey = await unwrapWithPassphrase(header, passphrase);
    const kdfMs = performance.now() - kdfStarted;
    const vault = new Vault(dir, header, dataKey, lock, options);
    vault.unlockTimings = { kdfMs, totalMs: performance.now() - started };
    return vault;
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * Opens the vault with the recovery key and sets a new passphrase. The recovery key stays
 * valid: it wraps the same data key, which never changes.
 */
export async function recoverVault(
  dir: string,
  recoveryKeyText: string,
  newPassphrase: string,
  options: VaultOptions = {},
): Promise<Vault> {
  const header = await readHeader(dir);
  const recovery = parseRecoveryKey(recoveryKeyText);
  if (!recovery) throw wrongPassphrase();
  const lock = await acquireProcessLock(path.join(dir, LOCK_FILE));
  try {
    const rkek = await recoveryKek(recovery, header.vaultId);
    recovery.fill(0);
    const dataKey = open(
      rkek,
      Buffer.from(header.recoverySlot.nonce, 'base64'),
      Buffer.from(header.recoverySlot.wrappedKey, 'base64'),
      recoverySlotAad(header.vaultId),
    );
    rkek.fill(0);
    if (!dataKey) throw wrongPassphrase();
    const rewrapped: Header = {
      ...header,
      ...(await wrapForPassphrase(
        dataKey,
        newPassphrase,
        header.vaultId,
        options.kdf ?? header.kdf,
      )),
    };
    await writeHeader(dir, rewrapped);
    return new Vault(dir, rewrapped, dataKey, lock, options);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

export interface UnreadableRecord {
  recordId: string;
  kind: VaultErrorKind;
}

/** An unlocked vault. Every decrypted byte stays in memory; lock() drops the key. */
export class Vault {
  readonly dir: string;
  /** How long opening took, and how much of it was the passphrase's key derivation. */
  unlockTimings: { kdfMs: number; totalMs: number } | null = null;
  #header: Header;
  #dataKey: Buffer | null;
  #idKey: Buffer | null;
  #lock: ProcessLock;
  #now: () => Date;

  constructor(
    dir: string,
    header: Header,
    dataKey: Buffer,
    lock: ProcessLock,
    options: VaultOptions,
  ) {
    this.dir = dir;
    this.#header = header;
    this.#dataKey = dataKey;
    this.#idKey = Buffer.from(
      hkdfSync(
        'sha256',
        dataKey,
        Buffer.from(header.vaultId, 'hex'),
        'SWV1:singleton-ids',
        KEY_BYTES,
      ),
    );
    this.#lock = lock;
    this.#now = options.now ?? (() => new Date());
  }

  get isLocked(): boolean {
    return this.#dataKey === null;
  }

  get vaultId(): string {
    return this.#header.vaultId;
  }

  #key(): Buffer {
    if (!this.#dataKey) throw vaultLocked();
    return this.#dataKey;
  }

  #recordPath(id: string): string {
    if (!RECORD_ID_PATTERN.test(id)) throw new RangeError('not a record id');
    return path.join(this.dir, RECORDS_DIR, `${id}${RECORD_EXTENSION}`);
  }

  static newRecordId(): string {
    return randomBytes(16).toString('hex');
  }

  /**
   * A stable id for a record there is only ever one of (such as the reading position),
   * derived from the data key so the file name reveals nothing about what it holds.
   */
  singletonId(name: string): string {
    if (!this.#idKey) throw vaultLocked();
    return createHmac('sha256', this.#idKey).update(name).digest('hex').slice(0, 32);
  }

  async get(id: string): Promise<StoredRecord | null> {
    const key = this.#key();
    let file: Buffer;
    try {
      file = await readBounded(this.#recordPath(id), MAX_RECORD_FILE_BYTES, () =>
        vaultCorrupt(`record ${id} is far too large`, id),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const { nonce, ciphertext } = decodeRecordFile(file, id);
    const plaintext = open(key, nonce, ciphertext, recordAad(this.#header.vaultId, id));
    if (!plaintext) throw vaultCorrupt(`record ${id} does not decrypt`, id);
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
    return parsed.data;
  }

  /** Saves one record, writing only its own file. An existing record keeps its creation time. */
  async put(kind: string, body: unknown, id: string = Vault.newRecordId()): Promise<StoredRecord> {
    const key = this.#key();
    const now = this.#now().toISOString();
    const existing = await this.get(id).catch((error: unknown) => {
      if (isVaultError(error, 'vault-corrupt')) return null;
      throw error;
    });
    const record = StoredRecordSchema.parse({
      kind,
      id,
      created: existing?.created ?? now,
      updated: now,
      body,
    });
    const sealed = seal(
      key,
      Buffer.from(JSON.stringify(record), 'utf8'),
      recordAad(this.#header.vaultId, id),
    );
    await writeFileAtomic(this.#recordPath(id), encodeRecordFile(sealed.nonce, sealed.ciphertext));
    return record;
  }

  async delete(id: string): Promise<void> {
    this.#key();
    await rm(this.#recordPath(id), { force: true });
    await syncDirectory(path.join(this.dir, RECORDS_DIR));
  }

  /**
   * Every readable record, optionally of one kind. A record that cannot be read is reported,
   * never skipped silently and never removed.
   */
  async list(kind?: string): Promise<{ records: StoredRecord[]; unreadable: UnreadableRecord[] }> {
    this.#key();
    const names = await readdir(path.join(this.dir, RECORDS_DIR));
    const ids = names
      .filter((name) => name.endsWith(RECORD_EXTENSION))
      .map((name) => name.slice(0, -RECORD_EXTENSION.length))
      .filter((id) => RECORD_ID_PATTERN.test(id));
    const records: StoredRecord[] = [];
    const unreadable: UnreadableRecord[] = [];
    for (let start = 0; start < ids.length; start += READ_CONCURRENCY) {
      const batch = ids.slice(start, start + READ_CONCURRENCY);
      const results = await Promise.allSettled(batch.map((id) => this.get(id)));
      results.forEach((result, index) => {
        const recordId = batch[index] ?? '';
        if (result.status === 'fulfilled') {
          if (result.value && (kind === undefined || result.value.kind === kind))
            records.push(result.value);
        } else if (isVaultError(result.reason)) {
          unreadable.push({ recordId, kind: result.reason.kind });
        } else {
          throw result.reason;
        }
      });
    }
    return { records, unreadable };
  }

  /** Re-wraps the data key under a new passphrase. No record is touched. */
  async changePassphrase(current: string, next: string, settings?: KdfSettings): Promise<void> {
    const key = this.#key();
    const check = await unwrapWithPassphrase(this.#header, current);
    const matches = check.equals(key);
    check.fill(0);
    if (!matches) throw wrongPassphrase();
    const header: Header = {
      ...this.#header,
      ...(await wrapForPassphrase(key, next, this.#header.vaultId, settings ?? this.#header.kdf)),
    };
    await writeHeader(this.dir, header);
    this.#header = header;
  }

  /** Zeroes the keys and lets another process open the vault. */
  async lock(): Promise<void> {
    this.#dataKey?.fill(0);
    this.#idKey?.fill(0);
    this.#dataKey = null;
    this.#idKey = null;
    await this.#lock.release();
  }
}
