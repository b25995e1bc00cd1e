import { timingSafeEqual } from 'node:crypto';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { AppError, isAppError } from '../app-error';
import { open } from '../vault/aead';
import { backupSealer, digestInSlices } from '../vault/backup-seal';
import { FileRefusedError, readHostileFile } from '../vault/bounded-read';
import { recoveryKeyTypo } from '../vault/errors';
import { FORMAT_VERSION } from '../vault/format';
import { decodeHeader, type Header } from '../vault/header-format';
import { kdfParamsAreSafe } from '../vault/kdf';
import { openRetiringKey, unwrapWithPassphrase, unwrapWithRecoveryKey } from '../vault/key-slots';
import {
  decodeManifestFile,
  manifestAad,
  parseManifest,
  type Manifest,
} from '../vault/manifest-format';
import { openRecordFile } from '../vault/record-files';
import type { StoredRecord } from '../vault/record-format';
import { parseRecoveryKey } from '../vault/recovery-key';
import {
  BACKUP_LIMITS,
  backupDamaged,
  backupFromFuture,
  decodeBackup,
  type BackupContents,
  type BackupRecordFile,
} from './backup-format';

/**
 * Opening a backup (docs/backup-format.md, "Opening a backup"): the key, the seal, the
 * manifest and every record are verified before anything is returned, so that a caller
 * changes nothing on the word of a file that is only partly right. The file is hostile
 * throughout; its refusals name no content.
 */

export type BackupKey = { passphrase: string } | { recoveryKey: string };

/** The backup's files as they were in the vault, for installBackup(). */
export interface BackupParts {
  header: Buffer;
  manifest: Buffer;
  records: BackupRecordFile[];
}

export interface OpenedBackup {
  vaultId: string;
  created: string;
  leftOut: number;
  /** Every record, decrypted and checked, in increasing order of id. */
  records: StoredRecord[];
  parts: BackupParts;
}

export interface BackupPreview {
  created: string;
  records: number;
  leftOut: number;
}

/** How often, in records, the work stops for other events and tells the progress. */
const RECORDS_PER_SLICE = 64;

async function readBackupFile(file: string): Promise<Buffer> {
  try {
    return await readHostileFile(file, BACKUP_LIMITS.file);
  } catch (error) {
    if (!(error instanceof FileRefusedError)) throw error;
    if (error.reason === 'missing') throw new AppError('not-found', 'There is no backup there');
    if (error.reason === 'unreadable' && error.code === 'EACCES') {
      throw new AppError('disk-denied', 'The backup could not be read (EACCES)');
    }
    // A folder, a link, a FIFO or device, or more than any backup may be.
    throw backupDamaged();
  }
}

/** The layout and the info only, with no key: for "made on …, N items" before asking for one. */
export async function previewBackup(file: string): Promise<BackupPreview> {
  const { contents } = decodeBackup(await readBackupFile(file));
  return {
    created: contents.info.created,
    records: contents.records.length,
    leftOut: contents.info.leftOut,
  };
}

/**
 * Opens and verifies all of a backup. A wrong passphrase or recovery key is
 * 'wrong-passphrase' (as for the vault: a forged header cannot be told from it), a mistyped
 * recovery key 'recovery-key-typo', a newer format 'backup-from-future', and anything else
 * that does not check out 'backup-damaged'. Every key is zeroed before it returns.
 */
export async function openBackup(
  file: string,
  key: BackupKey,
  { onProgress = () => {} }: { onProgress?: (done: number, total: number) => void } = {},
): Promise<OpenedBackup> {
  const proof = keyProof(key);
  try {
    const { contents, body, seal } = decodeBackup(await readBackupFile(file));
    const header = backupHeader(contents.header);
    const keys = new Map([[header.keyGeneration, await proof.unwrap(header)]]);
    try {
      return await verified(contents, body, seal, header, keys, onProgress);
    } finally {
      for (const each of keys.values()) each.fill(0);
    }
  } catch (error) {
    throw asBackupError(error);
  } finally {
    proof.forget();
  }
}

/** How the key is proved. A mistyped recovery key costs nothing: refused before anything is read. */
function keyProof(key: BackupKey): {
  unwrap: (header: Header) => Promise<Buffer>;
  forget: () => void;
} {
  if ('passphrase' in key) {
    return { unwrap: (header) => unwrapWithPassphrase(header, key.passphrase), forget: () => {} };
  }
  const recovery = parseRecoveryKey(key.recoveryKey);
  if (!recovery) throw recoveryKeyTypo();
  return {
    unwrap: (header) => unwrapWithRecoveryKey(header, recovery),
    forget: () => recovery.fill(0),
  };
}

async function verified(
  contents: BackupContents,
  body: Buffer,
  seal: Buffer,
  header: Header,
  keys: Map<number, Buffer>,
  onProgress: (done: number, total: number) => void,
): Promise<OpenedBackup> {
  const dataKey = keys.get(header.keyGeneration) ?? Buffer.alloc(0);
  const expected = await digestInSlices(backupSealer(dataKey, header.vaultId), body);
  if (!timingSafeEqual(expected, seal)) throw backupDamaged();
  if (header.retiringKey) {
    keys.set(header.retiringKey.generation, openRetiringKey(dataKey, header, header.retiringKey));
  }
  const manifest = openManifest(contents.manifest, header, dataKey);
  // The manifest lists exactly the records present: as many, and (below) each of them.
  if (manifest.entries.size !== contents.records.length) throw backupDamaged();
  const records: StoredRecord[] = [];
  for (const [index, { id, file }] of contents.records.entries()) {
    const { record, stamp } = openRecordFile(file, header.vaultId, id, (generation) => {
      const recordKey = keys.get(generation);
      if (!recordKey) throw backupDamaged();
      return recordKey;
    });
    // Only current records are backed up, each as the manifest numbers it.
    if (stamp.seq === null || manifest.entries.get(id) !== stamp.seq) throw backupDamaged();
    records.push(record);
    if ((index + 1) % RECORDS_PER_SLICE === 0) {
      onProgress(index + 1, contents.records.length);
      await yieldToEvents();
    }
  }
  onProgress(contents.records.length, contents.records.length);
  return {
    vaultId: header.vaultId,
    created: contents.info.created,
    leftOut: contents.info.leftOut,
    records,
    parts: { header: contents.header, manifest: contents.manifest, records: contents.records },
  };
}

/** A format 2 header with safe KDF settings: a format 1 header has no place in a backup. */
function backupHeader(bytes: Buffer): Header {
  const header = decodeHeader(bytes);
  if (header.version !== FORMAT_VERSION || !kdfParamsAreSafe(header.kdf)) throw backupDamaged();
  return header;
}

/** The manifest, sealed under the header's current key, as the writer seals it. */
function openManifest(bytes: Buffer, header: Header, dataKey: Buffer): Manifest {
  const { generation, nonce, ciphertext } = decodeManifestFile(bytes);
  if (generation !== header.keyGeneration) throw backupDamaged();
  const plaintext = open(dataKey, nonce, ciphertext, manifestAad(header.vaultId, generation));
  if (!plaintext) throw backupDamaged();
  return parseManifest(plaintext);
}

/**
 * The vault's own refusals of what the backup holds (its header, manifest or records) are
 * the backup's: damaged, or from a newer Stillwater. Their messages, naming records, go.
 */
function asBackupError(error: unknown): unknown {
  if (isAppError(error, 'vault-corrupt')) return backupDamaged();
  if (isAppError(error, 'vault-from-future')) return backupFromFuture();
  return error;
}
