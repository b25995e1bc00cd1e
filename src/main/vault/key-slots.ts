import { hkdf, hkdfSync, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { KEY_BYTES, open, seal } from './aead';
import { vaultCorrupt, wrongPassphrase } from './errors';
import {
  idKeySlotAad,
  passphraseSlotAad,
  recoverySlotAad,
  retiringKeySlotAad,
  type Header,
  type KeySlot,
  type LegacyHeader,
} from './header-format';
import { SALT_BYTES, deriveKey, kdfParamsAreSafe, type KdfParams } from './kdf';
import { formatRecoveryKey, newRecoveryKey } from './recovery-key';

/**
 * The header's key slots: the data key wrapped under the passphrase, under the recovery key,
 * and (during a re-key) the retiring key and the id key wrapped under the data key. Every
 * wrapping key is zeroed as soon as its slot is sealed or opened.
 */

export type KdfSettings = Omit<KdfParams, 'salt' | 'algorithm'>;
type RetiringKeySlot = NonNullable<Header['retiringKey']>;

const hkdfAsync = promisify(hkdf);

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

export async function passphraseSlot(
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
export async function recoverySlot(
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

export async function unwrapWithPassphrase(
  header: Header | LegacyHeader,
  passphrase: string,
): Promise<Buffer> {
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

/** Opens the recovery slot with the parsed recovery key, which is zeroed here. */
export async function unwrapWithRecoveryKey(
  header: Header | LegacyHeader,
  recovery: Buffer,
): Promise<Buffer> {
  const kek = await recoveryKek(recovery, header.vaultId);
  recovery.fill(0);
  const dataKey = openSlot(kek, header.recoverySlot, recoverySlotAad(header.vaultId));
  kek.fill(0);
  if (!dataKey) throw wrongPassphrase();
  return dataKey;
}

export function idKeySlot(
  dataKey: Buffer,
  idKey: Buffer,
  vaultId: string,
  generation: number,
): KeySlot {
  return toSlot(seal(dataKey, idKey, idKeySlotAad(vaultId, generation)));
}

export function openIdKey(dataKey: Buffer | undefined, header: Header): Buffer {
  const idKey =
    dataKey &&
    openSlot(dataKey, header.idKeySlot, idKeySlotAad(header.vaultId, header.keyGeneration));
  if (!idKey) throw vaultCorrupt('the header’s id key does not open');
  return idKey;
}

/** The key of generation `from`, wrapped under the key of generation `to` that replaces it. */
export function retiringKeySlot(
  newKey: Buffer,
  retiringKey: Buffer,
  vaultId: string,
  from: number,
  to: number,
): RetiringKeySlot {
  return {
    generation: from,
    ...toSlot(seal(newKey, retiringKey, retiringKeySlotAad(vaultId, from, to))),
  };
}

export function openRetiringKey(dataKey: Buffer, header: Header, slot: RetiringKeySlot): Buffer {
  const { generation, ...wrapped } = slot;
  const retiring = openSlot(
    dataKey,
    wrapped,
    retiringKeySlotAad(header.vaultId, generation, header.keyGeneration),
  );
  if (!retiring) throw vaultCorrupt('the header’s retiring key does not open');
  return retiring;
}

/** Format 1 derived its singleton ids from the data key; format 2 keeps that key in a slot. */
export function legacyIdKey(dataKey: Buffer, vaultId: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', dataKey, Buffer.from(vaultId, 'hex'), 'SWV1:singleton-ids', KEY_BYTES),
  );
}
