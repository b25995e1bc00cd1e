import { lstat, rename } from 'node:fs/promises';
import path from 'node:path';
import { open, seal } from './aead';
import { writeFileAtomic } from './atomic-file';
import { MANIFEST_FILE, MAX_MANIFEST_FILE_BYTES } from './format';
import {
  decodeManifestFile,
  encodeManifestFile,
  manifestAad,
  parseManifest,
  serialiseManifest,
  type Manifest,
} from './manifest-format';
import { isAppError } from '../app-error';
import { readVaultFile } from './vault-files';

/** The key a manifest is sealed under: the vault's current one. */
export interface ManifestSealing {
  vaultId: string;
  generation: number;
  key: Buffer;
}

/** Reads the manifest file, or null when there is none; damage to it is vault-corrupt. */
export function readManifestFile(dir: string): Promise<Buffer | null> {
  return readVaultFile(
    path.join(dir, MANIFEST_FILE),
    MAX_MANIFEST_FILE_BYTES,
    'the list of records',
  );
}

/** The manifest, or null when it is missing or does not open: then nothing can be checked. */
export async function readManifest(
  dir: string,
  vaultId: string,
  keys: Map<number, Buffer>,
): Promise<Manifest | null> {
  let file: Buffer | null;
  try {
    file = await readManifestFile(dir);
  } catch (error) {
    if (!isAppError(error, 'vault-corrupt')) throw error;
    await moveAsideIfFolder(path.join(dir, MANIFEST_FILE));
    return null;
  }
  if (!file) return null;
  try {
    const { generation, nonce, ciphertext } = decodeManifestFile(file);
    const key = keys.get(generation);
    const plaintext = key && open(key, nonce, ciphertext, manifestAad(vaultId, generation));
    return plaintext ? parseManifest(plaintext) : null;
  } catch (error) {
    if (isAppError(error, 'vault-corrupt')) return null;
    throw error;
  }
}

/**
 * A folder where the manifest belongs would refuse every later manifest write, and so every
 * save. It is kept, renamed, and the vault opens as with no manifest: unverified.
 */
async function moveAsideIfFolder(manifestPath: string): Promise<void> {
  const entry = await lstat(manifestPath).catch(() => null);
  if (entry?.isDirectory()) await rename(manifestPath, `${manifestPath}.folder-${Date.now()}`);
}

/** The manifest file's bytes, sealed under `key`: for the vault, and for a backup. */
export function sealManifest(
  manifest: Manifest,
  { vaultId, generation, key }: ManifestSealing,
): Buffer {
  const sealed = seal(key, serialiseManifest(manifest), manifestAad(vaultId, generation));
  return encodeManifestFile(generation, sealed.nonce, sealed.ciphertext);
}

export async function writeManifest(
  dir: string,
  manifest: Manifest,
  sealing: ManifestSealing,
): Promise<void> {
  await writeFileAtomic(path.join(dir, MANIFEST_FILE), sealManifest(manifest, sealing));
}
