import { z } from 'zod';
import { AppError } from '../app-error';
import {
  MAX_HEADER_FILE_BYTES,
  MAX_MANIFEST_FILE_BYTES,
  MAX_RECORD_FILE_BYTES,
} from '../vault/format';

/**
 * The backup file, version 1 (docs/backup-format.md; keep the two in step): a plain layout
 * around the vault's own header, a manifest sealed for the backup and the record files, all
 * under one seal. Decoding trusts nothing: every length is checked against what is left and
 * against its limit before anything is read, so a hostile file can only be refused.
 */

export const BACKUP_EXTENSION = '.stillwater-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_SEAL_BYTES = 32;
const BACKUP_MAGIC = Buffer.from('SWBK', 'ascii');
const ID_BYTES = 16;
const LENGTH_BYTES = 4;

/** The limits a reader enforces before trusting anything. */
export const BACKUP_LIMITS = {
  file: 1024 * 1024 * 1024,
  info: 4 * 1024,
  header: MAX_HEADER_FILE_BYTES,
  manifest: MAX_MANIFEST_FILE_BYTES,
  record: MAX_RECORD_FILE_BYTES,
} as const;

export const backupDamaged = () =>
  new AppError('backup-damaged', 'The backup is damaged, cut short or changed since it was made');
/** `version` is the backup's own, when it is that which is newer rather than a file inside it. */
export const backupFromFuture = (version?: number) =>
  new AppError(
    'backup-from-future',
    `The backup was made by a newer Stillwater${version === undefined ? '' : ` (format ${version})`}`,
  );
const backupTooLarge = () =>
  new AppError('too-large', 'The backup would be larger than a backup may be');

/** What anyone holding the file may read: when it was made, and how many records it is short of. */
const BackupInfoSchema = z
  .object({
    created: z.iso.datetime(),
    leftOut: z.number().int().min(0).max(0xffff_ffff),
  })
  .strict();
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

/** A record's file, byte for byte, under its id. */
export interface BackupRecordFile {
  id: string;
  file: Buffer;
}

export interface BackupContents {
  info: BackupInfo;
  /** The vault's vault.header file. */
  header: Buffer;
  /** A vault.manifest file listing exactly `records`. */
  manifest: Buffer;
  /** In increasing order of id. */
  records: BackupRecordFile[];
}

function lengthPrefixed(bytes: Buffer): Buffer[] {
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(bytes.length);
  return [length, bytes];
}

/**
 * The whole backup file: every part in order, records in increasing order of id, each once,
 * then the seal that `sealBody` makes of the bytes before it.
 */
export async function encodeBackup(
  contents: BackupContents,
  sealBody: (body: Buffer) => Promise<Buffer>,
): Promise<Buffer> {
  const parts = bodyParts(contents);
  const bodyLength = parts.reduce((sum, part) => sum + part.length, 0);
  // What no reader would take is never written.
  if (bodyLength + BACKUP_SEAL_BYTES > BACKUP_LIMITS.file) throw backupTooLarge();
  // One buffer for the body and its seal, so a large backup is never copied twice.
  const file = Buffer.concat(parts, bodyLength + BACKUP_SEAL_BYTES);
  const seal = await sealBody(file.subarray(0, bodyLength));
  if (seal.length !== BACKUP_SEAL_BYTES) throw new RangeError('a backup seal is 32 bytes');
  seal.copy(file, bodyLength);
  return file;
}

function bodyParts({ info, header, manifest, records }: BackupContents): Buffer[] {
  const infoBytes = Buffer.from(JSON.stringify(BackupInfoSchema.parse(info)), 'utf8');
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (sorted.some((record, index) => index > 0 && record.id === sorted[index - 1]?.id)) {
    throw new RangeError('a record appears twice in a backup');
  }
  const count = Buffer.alloc(LENGTH_BYTES);
  count.writeUInt32BE(sorted.length);
  return [
    BACKUP_MAGIC,
    Buffer.from([BACKUP_FORMAT_VERSION]),
    ...lengthPrefixed(infoBytes),
    ...lengthPrefixed(header),
    ...lengthPrefixed(manifest),
    count,
    ...sorted.flatMap(({ id, file }) => [Buffer.from(id, 'hex'), ...lengthPrefixed(file)]),
  ];
}

/** Reads a file front to back, refusing any length that runs past its end or its limit. */
class Cursor {
  readonly #file: Buffer;
  #at = 0;

  constructor(file: Buffer) {
    this.#file = file;
  }

  get at(): number {
    return this.#at;
  }

  get left(): number {
    return this.#file.length - this.#at;
  }

  take(length: number): Buffer {
    if (length > this.left) throw backupDamaged();
    const bytes = this.#file.subarray(this.#at, this.#at + length);
    this.#at += length;
    return bytes;
  }

  uint32(): number {
    return this.take(LENGTH_BYTES).readUInt32BE(0);
  }

  /** A length-prefixed part of at least one byte and at most `limit`. */
  part(limit: number): Buffer {
    const length = this.uint32();
    if (length === 0 || length > limit) throw backupDamaged();
    return this.take(length);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseInfo(bytes: Buffer): BackupInfo {
  let parsed: unknown;
  try {
    parsed = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    throw backupDamaged();
  }
  const info = BackupInfoSchema.safeParse(parsed);
  if (!info.success) throw backupDamaged();
  return info.data;
}

/** The version byte alone: a newer format is told apart from damage before anything else. */
function checkPreamble(cursor: Cursor): void {
  if (!cursor.take(BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) throw backupDamaged();
  const version = cursor.take(1)[0] ?? 0;
  if (version > BACKUP_FORMAT_VERSION) throw backupFromFuture(version);
  if (version !== BACKUP_FORMAT_VERSION) throw backupDamaged();
}

/**
 * The parts of a backup, exactly as laid out, with the bytes its seal covers. Nothing is
 * opened or verified here beyond the layout: the seal needs the key (backup-reader.ts).
 */
export function decodeBackup(file: Buffer): {
  contents: BackupContents;
  body: Buffer;
  seal: Buffer;
} {
  if (file.length > BACKUP_LIMITS.file) throw backupDamaged();
  const cursor = new Cursor(file);
  checkPreamble(cursor);
  const info = parseInfo(cursor.part(BACKUP_LIMITS.info));
  const header = cursor.part(BACKUP_LIMITS.header);
  const manifest = cursor.part(BACKUP_LIMITS.manifest);
  const count = cursor.uint32();
  // Each record takes at least its id and its length: a count the file cannot hold is refused at once.
  if (count > (cursor.left - BACKUP_SEAL_BYTES) / (ID_BYTES + LENGTH_BYTES)) throw backupDamaged();
  const records: BackupRecordFile[] = [];
  let previous: Buffer | null = null;
  for (let index = 0; index < count; index++) {
    const id = cursor.take(ID_BYTES);
    // Increasing order: a record cannot appear twice, nor be moved about.
    if (previous && Buffer.compare(previous, id) >= 0) throw backupDamaged();
    previous = id;
    records.push({ id: id.toString('hex'), file: cursor.part(BACKUP_LIMITS.record) });
  }
  const bodyLength = cursor.at;
  // Exactly the seal is left: nothing cut off, nothing added after it.
  if (cursor.left !== BACKUP_SEAL_BYTES) throw backupDamaged();
  return {
    contents: { info, header, manifest, records },
    body: file.subarray(0, bodyLength),
    seal: file.subarray(bodyLength),
  };
}
