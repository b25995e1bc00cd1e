/**
 * The on-disk format, version 2 (and what is needed to read and upgrade version 1).
 * docs/vault-format.md describes the same thing for people; keep the two in step.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { NONCE_BYTES, TAG_BYTES } from './aead';
import { vaultCorrupt, vaultFromFuture } from './errors';
import { KdfParamsSchema, type KdfParams } from './kdf';
import { RECORD_ID_PATTERN, RecordIdSchema } from '../../shared/vault/schemas';

export const FORMAT_VERSION = 2;
/** The first format; its records belong to key generation 0 and are re-sealed on upgrade. */
export const LEGACY_FORMAT_VERSION = 1;
export const LEGACY_GENERATION = 0;
export const HEADER_FILE = 'vault.header';
/** Written by format 1 before each change of passphrase; removed on open, since the old passphrase opens it. */
export const LEGACY_PREVIOUS_HEADER_FILE = 'vault.header.previous';
export const MANIFEST_FILE = 'vault.manifest';
export const LOCK_FILE = 'vault.lock';
export const RECORDS_DIR = 'records';
export const RECORD_EXTENSION = '.rec';
export const RECORD_MAGIC = Buffer.from('SWRC', 'ascii');
export const MANIFEST_MAGIC = Buffer.from('SWMF', 'ascii');
/** Larger files are refused before they are read: no record is legitimately this big. */
export const MAX_RECORD_FILE_BYTES = 32 * 1024 * 1024;
export const MAX_HEADER_FILE_BYTES = 64 * 1024;
/** 24 bytes an entry: room for about 2.6 million records. */
export const MAX_MANIFEST_FILE_BYTES = 64 * 1024 * 1024;

/** Record ids name the record's file; their one schema is shared with the IPC contract. */
export { RECORD_ID_PATTERN, RecordIdSchema };

const base64 = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .refine((value) => Buffer.from(value, 'base64').length === bytes, `must be ${bytes} bytes`);

const KeySlotSchema = z.object({
  nonce: base64(NONCE_BYTES),
  wrappedKey: base64(32 + TAG_BYTES),
});
export type KeySlot = z.infer<typeof KeySlotSchema>;

const Generation = z.number().int().min(0).max(0xffff_ffff);

const HeaderV1Schema = z.object({
  format: z.literal('stillwater-vault'),
  version: z.literal(LEGACY_FORMAT_VERSION),
  vaultId: RecordIdSchema,
  kdf: KdfParamsSchema.extend({ salt: base64(16) }),
  passphraseSlot: KeySlotSchema,
  recoverySlot: KeySlotSchema,
});

export const HeaderSchema = HeaderV1Schema.extend({
  version: z.literal(FORMAT_VERSION),
  /** Which data key seals new records; it goes up by one with every re-key. */
  keyGeneration: Generation.min(1),
  /** The key for singleton record ids, wrapped under the data key, so ids survive a re-key. */
  idKeySlot: KeySlotSchema,
  /**
   * While a re-key (or the upgrade from format 1) is under way: the previous data key,
   * wrapped under the current one, for the records not yet sealed again.
   */
  retiringKey: KeySlotSchema.extend({ generation: Generation }).optional(),
});
export type Header = z.infer<typeof HeaderSchema>;
export type LegacyHeader = z.infer<typeof HeaderV1Schema>;

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Line 1: the header as JSON. Line 2: the SHA-256 of line 1's bytes, in hex. */
export function encodeHeader(header: Header): Buffer {
  const body = JSON.stringify(header);
  return Buffer.from(`${body}\n${sha256(body)}\n`, 'utf8');
}

export function decodeHeader(file: Buffer): Header | LegacyHeader {
  const text = file.toString('utf8');
  const [body = '', checksum = '', rest = ''] = text.split('\n');
  if (rest !== '' || sha256(body) !== checksum)
    throw vaultCorrupt('the header does not match its checksum');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw vaultCorrupt('the header is not readable');
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > FORMAT_VERSION) throw vaultFromFuture(version);
  const header =
    version === LEGACY_FORMAT_VERSION
      ? HeaderV1Schema.strict().safeParse(parsed)
      : HeaderSchema.strict().safeParse(parsed);
  if (!header.success) throw vaultCorrupt('the header has missing or invalid fields');
  return header.data;
}

/**
 * What each key slot's AAD binds: the vault, the slot's purpose, and for the passphrase,
 * every KDF setting. The "SWV1" prefix is kept in format 2, so an upgrade needs no recovery key.
 */
export function passphraseSlotAad(vaultId: string, kdf: KdfParams): Buffer {
  return Buffer.from(
    `SWV1:slot:passphrase:${vaultId}:${kdf.algorithm}:${kdf.memoryKiB}:${kdf.iterations}:${kdf.parallelism}:${kdf.salt}`,
    'utf8',
  );
}

export function recoverySlotAad(vaultId: string): Buffer {
  return Buffer.from(`SWV1:slot:recovery:${vaultId}`, 'utf8');
}

export function idKeySlotAad(vaultId: string, generation: number): Buffer {
  return Buffer.from(`SWV2:slot:id-key:${vaultId}:${generation}`, 'utf8');
}

export function retiringKeySlotAad(vaultId: string, from: number, to: number): Buffer {
  return Buffer.from(`SWV2:slot:retiring:${vaultId}:${from}:${to}`, 'utf8');
}

/** Where a record's file says it stands: which key sealed it, and its place in the write order. */
export interface RecordStamp {
  generation: number;
  /** The vault-wide sequence number of the write; null for format 1 records, which have none. */
  seq: number | null;
}

/** A record's AAD ties it to one vault, one id, one key generation and one write. */
export function recordAad(vaultId: string, recordId: string, stamp: RecordStamp): Buffer {
  if (stamp.seq === null) {
    return Buffer.from(`SWV1:record:${vaultId}:${recordId}:${LEGACY_FORMAT_VERSION}`, 'utf8');
  }
  return Buffer.from(`SWV2:record:${vaultId}:${recordId}:${stamp.generation}:${stamp.seq}`, 'utf8');
}

/** magic (4) + version (1) + generation (4) + seq (8) + nonce (12) */
const RECORD_PREFIX_BYTES = RECORD_MAGIC.length + 1 + 4 + 8 + NONCE_BYTES;
const LEGACY_RECORD_PREFIX_BYTES = RECORD_MAGIC.length + 1 + NONCE_BYTES;

export function encodeRecordFile(stamp: RecordStamp, nonce: Buffer, ciphertext: Buffer): Buffer {
  const prefix = Buffer.alloc(RECORD_PREFIX_BYTES - NONCE_BYTES);
  RECORD_MAGIC.copy(prefix, 0);
  prefix[4] = FORMAT_VERSION;
  prefix.writeUInt32BE(stamp.generation, 5);
  prefix.writeBigUInt64BE(BigInt(stamp.seq ?? 0), 9);
  return Buffer.concat([prefix, nonce, ciphertext]);
}

export function decodeRecordFile(
  file: Buffer,
  recordId: string,
): { stamp: RecordStamp; nonce: Buffer; ciphertext: Buffer } {
  if (file.length < 5 || !file.subarray(0, 4).equals(RECORD_MAGIC)) {
    throw vaultCorrupt(`record ${recordId} is not a Stillwater record`, recordId);
  }
  const version = file[4] ?? 0;
  if (version > FORMAT_VERSION) throw vaultFromFuture(version);
  if (version === LEGACY_FORMAT_VERSION && file.length >= LEGACY_RECORD_PREFIX_BYTES + TAG_BYTES) {
    return {
      stamp: { generation: LEGACY_GENERATION, seq: null },
      nonce: file.subarray(5, LEGACY_RECORD_PREFIX_BYTES),
      ciphertext: file.subarray(LEGACY_RECORD_PREFIX_BYTES),
    };
  }
  if (version !== FORMAT_VERSION || file.length < RECORD_PREFIX_BYTES + TAG_BYTES) {
    throw vaultCorrupt(`record ${recordId} is not a Stillwater record`, recordId);
  }
  const seq = file.readBigUInt64BE(9);
  if (seq > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw vaultCorrupt(`record ${recordId} is not a Stillwater record`, recordId);
  }
  return {
    stamp: { generation: file.readUInt32BE(5), seq: Number(seq) },
    nonce: file.subarray(RECORD_PREFIX_BYTES - NONCE_BYTES, RECORD_PREFIX_BYTES),
    ciphertext: file.subarray(RECORD_PREFIX_BYTES),
  };
}

/**
 * Plaintexts are padded to a few size classes, so a file's size says little about what it
 * holds: 1 KiB, 4 KiB, 16 KiB, 64 KiB, 256 KiB, 1 MiB, then whole MiB.
 */
export const PADDING_CLASSES = [1, 4, 16, 64, 256, 1024].map((kib) => kib * 1024);

export function paddedLength(contentBytes: number): number {
  const needed = contentBytes + 4;
  const size = PADDING_CLASSES.find((candidate) => candidate >= needed);
  if (size) return size;
  const mib = 1024 * 1024;
  return Math.ceil(needed / mib) * mib;
}

/** A 4-byte length, the content, then zeros up to the size class. */
export function pad(content: Buffer): Buffer {
  const padded = Buffer.alloc(paddedLength(content.length));
  padded.writeUInt32BE(content.length, 0);
  content.copy(padded, 4);
  return padded;
}

export function unpad(padded: Buffer, recordId: string): Buffer {
  const length = padded.length >= 4 ? padded.readUInt32BE(0) : -1;
  if (length < 0 || length > padded.length - 4) {
    throw vaultCorrupt(`record ${recordId} holds unreadable data`, recordId);
  }
  return padded.subarray(4, 4 + length);
}

/**
 * The manifest: every record id with the sequence number of its last write. Sealed under
 * the data key, so a record put back from an older copy, one deleted, or one replayed after
 * deletion can be told apart from the truth.
 */
export interface Manifest {
  /**
   * The next number a write will take. On disk: the first number not yet listed, so every
   * write below it that the manifest does not list was deleted.
   */
  nextSeq: number;
  /**
   * Writes below this number may exist that the manifest does not list yet (a crash kept
   * them out of it); none at or above it can. So a record numbered at or above it means
   * the manifest is older than the records: it was put back from an older copy.
   */
  reservedUpTo: number;
  /**
   * Records whose last write is numbered below this were taken in when the manifest could
   * not vouch for them (it was missing, or older than the records); nothing automatic acts
   * on them until they are written again.
   */
  trustedFrom: number;
  entries: Map<string, number>;
}

/**
 * The number a format 1 record is listed under from the upgrade until it is sealed again.
 * No write takes it, so a format 1 copy of a record listed under any other number is older
 * than the record, and one not listed at all was deleted after the upgrade.
 */
export const FORMAT_ONE_SEQ = 0;

export const emptyManifest = (): Manifest => ({
  nextSeq: 1,
  reservedUpTo: 1,
  trustedFrom: 0,
  entries: new Map(),
});

const MANIFEST_ENTRY_BYTES = 16 + 8;
const MANIFEST_COUNTS_BYTES = 8 + 8 + 8 + 4;
const MANIFEST_PREFIX_BYTES = MANIFEST_MAGIC.length + 1 + 4 + NONCE_BYTES;

export function manifestAad(vaultId: string, generation: number): Buffer {
  return Buffer.from(`SWV2:manifest:${vaultId}:${generation}`, 'utf8');
}

export function serialiseManifest(manifest: Manifest): Buffer {
  const bytes = Buffer.alloc(MANIFEST_COUNTS_BYTES + manifest.entries.size * MANIFEST_ENTRY_BYTES);
  bytes.writeBigUInt64BE(BigInt(manifest.nextSeq), 0);
  bytes.writeBigUInt64BE(BigInt(manifest.reservedUpTo), 8);
  bytes.writeBigUInt64BE(BigInt(manifest.trustedFrom), 16);
  bytes.writeUInt32BE(manifest.entries.size, 24);
  let offset = MANIFEST_COUNTS_BYTES;
  for (const [id, seq] of manifest.entries) {
    bytes.write(id, offset, 16, 'hex');
    bytes.writeBigUInt64BE(BigInt(seq), offset + 16);
    offset += MANIFEST_ENTRY_BYTES;
  }
  return bytes;
}

export function parseManifest(bytes: Buffer): Manifest {
  const damaged = () => vaultCorrupt('the list of records does not read back');
  if (bytes.length < MANIFEST_COUNTS_BYTES) throw damaged();
  const count = bytes.readUInt32BE(24);
  if (bytes.length !== MANIFEST_COUNTS_BYTES + count * MANIFEST_ENTRY_BYTES) throw damaged();
  const [nextSeq, reservedUpTo, trustedFrom] = [0, 8, 16].map((at) =>
    Number(bytes.readBigUInt64BE(at)),
  ) as [number, number, number];
  if (reservedUpTo < nextSeq || trustedFrom > reservedUpTo) throw damaged();
  const entries = new Map<string, number>();
  for (let offset = MANIFEST_COUNTS_BYTES; offset < bytes.length; offset += MANIFEST_ENTRY_BYTES) {
    const seq = Number(bytes.readBigUInt64BE(offset + 16));
    // Writes that finished while an earlier one was still going may sit past nextSeq.
    if (seq >= reservedUpTo) throw damaged();
    entries.set(bytes.toString('hex', offset, offset + 16), seq);
  }
  return { nextSeq, reservedUpTo, trustedFrom, entries };
}

export function encodeManifestFile(generation: number, nonce: Buffer, ciphertext: Buffer): Buffer {
  const prefix = Buffer.alloc(MANIFEST_PREFIX_BYTES - NONCE_BYTES);
  MANIFEST_MAGIC.copy(prefix, 0);
  prefix[4] = FORMAT_VERSION;
  prefix.writeUInt32BE(generation, 5);
  return Buffer.concat([prefix, nonce, ciphertext]);
}

export function decodeManifestFile(file: Buffer): {
  generation: number;
  nonce: Buffer;
  ciphertext: Buffer;
} {
  if (
    file.length < MANIFEST_PREFIX_BYTES + TAG_BYTES ||
    !file.subarray(0, 4).equals(MANIFEST_MAGIC)
  )
    throw vaultCorrupt('the list of records is not a Stillwater file');
  const version = file[4] ?? 0;
  if (version > FORMAT_VERSION) throw vaultFromFuture(version);
  if (version !== FORMAT_VERSION) throw vaultCorrupt('the list of records has an unknown version');
  return {
    generation: file.readUInt32BE(5),
    nonce: file.subarray(MANIFEST_PREFIX_BYTES - NONCE_BYTES, MANIFEST_PREFIX_BYTES),
    ciphertext: file.subarray(MANIFEST_PREFIX_BYTES),
  };
}

/** What a record holds once decrypted. Titles and timestamps live here, never on disk in the clear. */
export const RecordKindSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);
export const StoredRecordSchema = z.object({
  kind: RecordKindSchema,
  id: RecordIdSchema,
  created: z.iso.datetime(),
  updated: z.iso.datetime(),
  body: z.unknown(),
});
export type StoredRecord = z.infer<typeof StoredRecordSchema>;
