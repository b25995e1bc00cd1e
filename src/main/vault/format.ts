/**
 * The on-disk format, version 1. docs/vault-format.md describes the same thing for people;
 * keep the two in step.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { NONCE_BYTES, TAG_BYTES } from './aead';
import { vaultCorrupt, vaultFromFuture } from './errors';
import { KdfParamsSchema, type KdfParams } from './kdf';

export const FORMAT_VERSION = 1;
export const HEADER_FILE = 'vault.header';
export const LOCK_FILE = 'vault.lock';
export const RECORDS_DIR = 'records';
export const RECORD_EXTENSION = '.rec';
export const RECORD_MAGIC = Buffer.from('SWRC', 'ascii');
/** magic (4) + version (1) + nonce (12) */
export const RECORD_PREFIX_BYTES = RECORD_MAGIC.length + 1 + NONCE_BYTES;
/** Larger files are refused before they are read: no record is legitimately this big. */
export const MAX_RECORD_FILE_BYTES = 32 * 1024 * 1024;
export const MAX_HEADER_FILE_BYTES = 64 * 1024;

/** Record ids are 128 random bits in lowercase hex, and name the record's file. */
export const RECORD_ID_PATTERN = /^[0-9a-f]{32}$/;
export const RecordIdSchema = z.string().regex(RECORD_ID_PATTERN);

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

export const HeaderSchema = z.object({
  format: z.literal('stillwater-vault'),
  version: z.literal(FORMAT_VERSION),
  vaultId: RecordIdSchema,
  kdf: KdfParamsSchema.extend({ salt: base64(16) }),
  passphraseSlot: KeySlotSchema,
  recoverySlot: KeySlotSchema,
});
export type Header = z.infer<typeof HeaderSchema>;

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Line 1: the header as JSON. Line 2: the SHA-256 of line 1's bytes, in hex. */
export function encodeHeader(header: Header): Buffer {
  const body = JSON.stringify(header);
  return Buffer.from(`${body}\n${sha256(body)}\n`, 'utf8');
}

export function decodeHeader(file: Buffer): Header {
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
  const header = HeaderSchema.safeParse(parsed);
  if (!header.success) throw vaultCorrupt('the header has missing or invalid fields');
  return header.data;
}

/** What each key slot's AAD binds: the vault, the slot's purpose, and for the passphrase, every KDF setting. */
export function passphraseSlotAad(vaultId: string, kdf: KdfParams): Buffer {
  return Buffer.from(
    `SWV1:slot:passphrase:${vaultId}:${kdf.algorithm}:${kdf.memoryKiB}:${kdf.iterations}:${kdf.parallelism}:${kdf.salt}`,
    'utf8',
  );
}

export function recoverySlotAad(vaultId: string): Buffer {
  return Buffer.from(`SWV1:slot:recovery:${vaultId}`, 'utf8');
}

/** A record's AAD ties it to one vault, one id and one format version. */
export function recordAad(vaultId: string, recordId: string, version = FORMAT_VERSION): Buffer {
  return Buffer.from(`SWV1:record:${vaultId}:${recordId}:${version}`, 'utf8');
}

export function encodeRecordFile(nonce: Buffer, ciphertext: Buffer): Buffer {
  return Buffer.concat([RECORD_MAGIC, Buffer.from([FORMAT_VERSION]), nonce, ciphertext]);
}

export function decodeRecordFile(
  file: Buffer,
  recordId: string,
): { nonce: Buffer; ciphertext: Buffer } {
  if (file.length < RECORD_PREFIX_BYTES + TAG_BYTES || !file.subarray(0, 4).equals(RECORD_MAGIC)) {
    throw vaultCorrupt(`record ${recordId} is not a Stillwater record`, recordId);
  }
  const version = file[4] ?? 0;
  if (version > FORMAT_VERSION) throw vaultFromFuture(version);
  if (version !== FORMAT_VERSION)
    throw vaultCorrupt(`record ${recordId} has an unknown version`, recordId);
  return {
    nonce: file.subarray(5, RECORD_PREFIX_BYTES),
    ciphertext: file.subarray(RECORD_PREFIX_BYTES),
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
