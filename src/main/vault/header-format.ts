import { createHash } from 'node:crypto';
import { z } from 'zod';
import { NONCE_BYTES, TAG_BYTES } from './aead';
import { vaultCorrupt, vaultFromFuture } from './errors';
import { RecordIdSchema } from '../../shared/vault/schemas';
import { FORMAT_VERSION, LEGACY_FORMAT_VERSION } from './format';
import { KdfParamsSchema, type KdfParams } from './kdf';

/**
 * The header file, vault.header: the vault's id, its KDF settings and its key slots, as
 * checksummed JSON, and the AAD each key slot is sealed with.
 */

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
