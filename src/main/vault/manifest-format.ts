import { NONCE_BYTES, TAG_BYTES } from './aead';
import { vaultCorrupt, vaultFromFuture } from './errors';
import { FORMAT_VERSION } from './format';

/**
 * The manifest file, vault.manifest: a plain prefix saying which key sealed it, then the
 * sealed list of every record and the number of its last write.
 */

const MANIFEST_MAGIC = Buffer.from('SWMF', 'ascii');

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
