import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { open, seal } from './aead';
import { syncDirectory, writeFileAtomic } from './atomic-file';
import { recordTooLarge, vaultCorrupt } from './errors';
import { MAX_RECORD_FILE_BYTES, RECORDS_DIR, RECORD_EXTENSION, RECORD_ID_PATTERN } from './format';
import { pad, unpad } from './padding';
import {
  StoredRecordSchema,
  decodeRecordFile,
  encodeRecordFile,
  recordAad,
  type RecordStamp,
  type StoredRecord,
} from './record-format';
import { readVaultFile, readVaultFileSync } from './vault-files';

/**
 * The record files of one vault: each sealed under a key generation and numbered by its
 * write, so the manifest can tell the truth from a copy put back.
 */

export interface ReadRecord {
  record: StoredRecord;
  stamp: RecordStamp;
}

/** The key that sealed a record of `generation`; throws when there is none. */
export type KeyFor = (generation: number, recordId: string) => Buffer;

export function recordPath(dir: string, id: string): string {
  if (!RECORD_ID_PATTERN.test(id)) throw new RangeError('not a record id');
  return path.join(dir, RECORDS_DIR, `${id}${RECORD_EXTENSION}`);
}

/** A record's file as it is on disk (null when there is none), refused if it is not a plain file. */
export function readRecordBytes(dir: string, id: string): Promise<Buffer | null> {
  return readVaultFile(recordPath(dir, id), MAX_RECORD_FILE_BYTES, `record ${id}`, id);
}

export async function readRecord(
  dir: string,
  vaultId: string,
  id: string,
  keyFor: KeyFor,
): Promise<ReadRecord | null> {
  const file = await readRecordBytes(dir, id);
  return file && openRecordFile(file, vaultId, id, keyFor);
}

/** readRecord without leaving the thread: for reading every record in a row. */
export function readRecordSync(
  dir: string,
  vaultId: string,
  id: string,
  keyFor: KeyFor,
): ReadRecord | null {
  const file = readVaultFileSync(recordPath(dir, id), MAX_RECORD_FILE_BYTES, `record ${id}`, id);
  return file && openRecordFile(file, vaultId, id, keyFor);
}

/**
 * Opens the bytes of record `id`'s file: its tag, its padding and its shape are all checked,
 * so that what it holds is the record of that id, in that vault. Wherever the bytes came from
 * (the folder, or a backup), a failure is vault-corrupt.
 */
export function openRecordFile(
  file: Buffer,
  vaultId: string,
  id: string,
  keyFor: KeyFor,
): ReadRecord {
  const { stamp, nonce, ciphertext } = decodeRecordFile(file, id);
  const sealed = open(
    keyFor(stamp.generation, id),
    nonce,
    ciphertext,
    recordAad(vaultId, id, stamp),
  );
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

/**
 * Where a record's file says it stands, without opening it: null when it is missing or
 * cannot be read, 'undecodable' when it is not a record at all.
 */
export async function readRecordStamp(
  dir: string,
  id: string,
): Promise<RecordStamp | 'undecodable' | null> {
  const file = await readRecordBytes(dir, id).catch(() => null);
  if (!file) return null;
  try {
    return decodeRecordFile(file, id).stamp;
  } catch {
    return 'undecodable';
  }
}

/** A record sealed as its file holds it; refused before anything is written if too large. */
export function sealRecordFile(
  vaultId: string,
  record: StoredRecord,
  stamp: RecordStamp,
  key: Buffer,
): Buffer {
  const sealed = seal(
    key,
    pad(Buffer.from(JSON.stringify(record), 'utf8')),
    recordAad(vaultId, record.id, stamp),
  );
  const file = encodeRecordFile(stamp, sealed.nonce, sealed.ciphertext);
  // Written, it would be refused on reading, and the copy it replaced would be gone.
  if (file.length > MAX_RECORD_FILE_BYTES) throw recordTooLarge(record.id);
  return file;
}

export async function writeRecord(
  dir: string,
  vaultId: string,
  record: StoredRecord,
  stamp: RecordStamp,
  key: Buffer,
): Promise<void> {
  const file = sealRecordFile(vaultId, record, stamp, key);
  await writeFileAtomic(recordPath(dir, record.id), file);
}

export async function removeRecord(dir: string, id: string): Promise<void> {
  await removeRecordFile(dir, id);
  await syncRecordsFolder(dir);
}

/** Unlinks a record's file, if there is one; durable only once syncRecordsFolder() has run. */
export async function removeRecordFile(dir: string, id: string): Promise<void> {
  // unlink, not rm: rm looks at the file first, which doubles the cost of a purge.
  await unlink(recordPath(dir, id)).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  });
}

/** Makes every rename and removal in the records folder so far survive a power cut. */
export function syncRecordsFolder(dir: string): Promise<void> {
  return syncDirectory(path.join(dir, RECORDS_DIR));
}

export async function recordIds(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(path.join(dir, RECORDS_DIR));
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
