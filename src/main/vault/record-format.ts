import { z } from 'zod';
import { NONCE_BYTES, TAG_BYTES } from './aead';
import { vaultCorrupt, vaultFromFuture } from './errors';
import { RecordIdSchema } from '../../shared/vault/schemas';
import { FORMAT_VERSION, LEGACY_FORMAT_VERSION, LEGACY_GENERATION } from './format';

/**
 * A record file, records/<id>.rec: a plain prefix saying which key sealed it and which
 * write it was, then the sealed record. What a record holds once opened is below.
 */

const RECORD_MAGIC = Buffer.from('SWRC', 'ascii');

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
