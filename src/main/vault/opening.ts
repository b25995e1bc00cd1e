import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { KEY_BYTES } from './aead';
import { asDiskError, recoveryKeyTypo, vaultCorrupt, vaultExistsAlready } from './errors';
import {
  FORMAT_VERSION,
  LEGACY_FORMAT_VERSION,
  LEGACY_GENERATION,
  LEGACY_PREVIOUS_HEADER_FILE,
  LOCK_FILE,
  RECORDS_DIR,
} from './format';
import type { Header, LegacyHeader } from './header-format';
import { readHeader, refuseDowngrade, vaultExists, writeHeader } from './header-file';
import { calibrateKdf } from './kdf';
import {
  idKeySlot,
  legacyIdKey,
  openRetiringKey,
  passphraseSlot,
  recoverySlot,
  retiringKeySlot,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
} from './key-slots';
import { readManifest } from './manifest-file';
import { FORMAT_ONE_SEQ, emptyManifest } from './manifest-format';
import { acquireProcessLock, type ProcessLock } from './process-lock';
import { parseRecoveryKey } from './recovery-key';
import { Vault, type VaultOptions } from './vault';
import { recordIds } from './record-files';
import { removeLeftovers } from './vault-files';

export { vaultExists } from './header-file';

/**
 * The three ways into a vault: creating it, unlocking it with the passphrase, and
 * recovering it with the recovery key. Each holds the vault's process lock from before any
 * key is derived until the vault it returns is locked.
 */

/**
 * Runs `open` holding the vault's process lock, and lets the lock go if it fails; on
 * success the opened vault holds the lock until it is locked itself.
 */
async function withProcessLock<T>(
  dir: string,
  open: (lock: ProcessLock) => Promise<T>,
): Promise<T> {
  const lock = await acquireProcessLock(path.join(dir, LOCK_FILE));
  try {
    return await open(lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
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
  if (await vaultExists(dir)) throw vaultExistsAlready();
  try {
    await mkdir(path.join(dir, RECORDS_DIR), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw asDiskError(error);
  }
  return withProcessLock(dir, async (lock) => {
    const settings = options.kdf ?? (await calibrateKdf());
    const vaultId = randomBytes(16).toString('hex');
    const dataKey = randomBytes(KEY_BYTES);
    const idKey = randomBytes(KEY_BYTES);
    const recovery = await recoverySlot(dataKey, vaultId);
    const header: Header = {
      format: 'stillwater-vault',
      version: FORMAT_VERSION,
      vaultId,
      ...(await passphraseSlot(dataKey, passphrase, vaultId, settings)),
      recoverySlot: recovery.recoverySlot,
      keyGeneration: 1,
      idKeySlot: idKeySlot(dataKey, idKey, vaultId, 1),
    };
    idKey.fill(0);
    // The manifest first: a vault is only there once its header is, and then it is whole.
    const vault = new Vault(dir, header, new Map([[1, dataKey]]), lock, options, emptyManifest());
    await vault.saveManifestForCreation();
    await writeHeader(dir, header).catch((error: unknown) => {
      throw asDiskError(error);
    });
    return { vault, recoveryKey: recovery.recoveryKey };
  });
}

/** Opens the vault with its passphrase. A second process gets VaultBusy before any KDF runs. */
export async function unlockVault(
  dir: string,
  passphrase: string,
  options: VaultOptions = {},
): Promise<Vault> {
  const header = await readHeader(dir);
  return withProcessLock(dir, async (lock) => {
    const dataKey = await unwrapWithPassphrase(header, passphrase);
    return openUnwrapped(dir, header, dataKey, lock, options);
  });
}

/**
 * Opens the vault with the recovery key and sets a new passphrase. The recovery key stays
 * valid: it wraps the same data key.
 */
export async function recoverVault(
  dir: string,
  recoveryKeyText: string,
  newPassphrase: string,
  options: VaultOptions = {},
): Promise<Vault> {
  const header = await readHeader(dir);
  const recovery = parseRecoveryKey(recoveryKeyText);
  if (!recovery) throw recoveryKeyTypo();
  return withProcessLock(dir, async (lock) => {
    const dataKey = await unwrapWithRecoveryKey(header, recovery);
    const vault = await openUnwrapped(dir, header, dataKey, lock, options);
    await vault.setPassphrase(newPassphrase, options.kdf ?? header.kdf);
    return vault;
  });
}

/**
 * Opens a vault whose data key has been unwrapped: upgrades a format 1 header, removes the
 * copy of an old header that format 1 kept, and reads the manifest.
 */
async function openUnwrapped(
  dir: string,
  stored: Header | LegacyHeader,
  dataKey: Buffer,
  lock: ProcessLock,
  options: VaultOptions,
): Promise<Vault> {
  try {
    await rm(path.join(dir, LEGACY_PREVIOUS_HEADER_FILE), { force: true });
    await removeLeftovers(dir);
    const records = await lstat(path.join(dir, RECORDS_DIR)).catch(() => null);
    if (records && !records.isDirectory()) throw vaultCorrupt('the records folder is not a folder');
    if (stored.version === LEGACY_FORMAT_VERSION)
      return await upgrade(dir, stored, dataKey, lock, options);
    const header = stored;
    const keys = new Map([[header.keyGeneration, dataKey]]);
    if (header.retiringKey) {
      keys.set(header.retiringKey.generation, openRetiringKey(dataKey, header, header.retiringKey));
    }
    const manifest = await readManifest(dir, header.vaultId, keys);
    return new Vault(dir, header, keys, lock, options, manifest);
  } catch (error) {
    throw asDiskError(error);
  }
}

/**
 * Format 1 to 2: the same data key becomes generation 1, and the format 1 records, as
 * generation 0, are sealed again in format 2 by finishRetiring(), which a crash only pauses.
 */
async function upgrade(
  dir: string,
  legacy: LegacyHeader,
  dataKey: Buffer,
  lock: ProcessLock,
  options: VaultOptions,
): Promise<Vault> {
  await refuseDowngrade(dir, legacy.vaultId, dataKey);
  const idKey = legacyIdKey(dataKey, legacy.vaultId);
  const header: Header = {
    ...legacy,
    version: FORMAT_VERSION,
    keyGeneration: 1,
    idKeySlot: idKeySlot(dataKey, idKey, legacy.vaultId, 1),
    retiringKey: retiringKeySlot(dataKey, dataKey, legacy.vaultId, LEGACY_GENERATION, 1),
  };
  // Format 1 records are generation 0, under the same key: a copy, so each is zeroed once.
  const keys = new Map([
    [1, dataKey],
    [LEGACY_GENERATION, Buffer.from(dataKey)],
  ]);
  // The manifest starts out listing every format 1 record the upgrade finds, so that one put
  // back later, from before it was written again or deleted, is told apart from it.
  const manifest = emptyManifest();
  for (const id of await recordIds(dir)) manifest.entries.set(id, FORMAT_ONE_SEQ);
  const vault = new Vault(dir, header, keys, lock, options, manifest, idKey);
  await vault.saveManifestForCreation();
  await writeHeader(dir, header);
  return vault;
}
