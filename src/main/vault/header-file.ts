import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { vaultCorrupt, vaultMissing } from './errors';
import {
  HEADER_FILE,
  LEGACY_FORMAT_VERSION,
  MAX_HEADER_FILE_BYTES,
  MAX_RECORD_FILE_BYTES,
  RECORDS_DIR,
  RECORD_EXTENSION,
  RECORD_ID_PATTERN,
} from './format';
import { decodeHeader, encodeHeader, type Header, type LegacyHeader } from './header-format';
import { kdfParamsAreSafe } from './kdf';
import { readManifest, readManifestFile } from './manifest-file';
import { readVaultFile } from './vault-files';

/** The header names the vault: its id, its key slots, and which key generation is current. */

export async function vaultExists(dir: string): Promise<boolean> {
  try {
    await stat(path.join(dir, HEADER_FILE));
    return true;
  } catch {
    return false;
  }
}

/** The header as stored, refused when it asks for key derivation outside the safe range. */
export async function readHeader(dir: string): Promise<Header | LegacyHeader> {
  const file = await readVaultFile(
    path.join(dir, HEADER_FILE),
    MAX_HEADER_FILE_BYTES,
    'the header',
  );
  if (!file) throw vaultMissing();
  const header = decodeHeader(file);
  if (!kdfParamsAreSafe(header.kdf)) {
    throw vaultCorrupt('the header asks for key-derivation settings outside the safe range');
  }
  return header;
}

export async function writeHeader(dir: string, header: Header): Promise<void> {
  await writeFileAtomic(path.join(dir, HEADER_FILE), encodeHeader(header));
}

/**
 * A format 1 header over a folder that format 2 has written to is a header put back, or
 * its version edited, to switch off the manifest: refused as damage. The one format 2 file
 * a genuine format 1 vault can have is the empty manifest an interrupted upgrade wrote.
 */
export async function refuseDowngrade(
  dir: string,
  vaultId: string,
  dataKey: Buffer,
): Promise<void> {
  const refuse = () => vaultCorrupt('the header is older than the files it describes');
  const file = await readManifestFile(dir).catch(() => null);
  if (file) {
    const manifest = await readManifest(dir, vaultId, new Map([[1, dataKey]]));
    if (!manifest || manifest.entries.size > 0 || manifest.nextSeq > 1) throw refuse();
  }
  for (const name of await readdir(path.join(dir, RECORDS_DIR)).catch(() => [] as string[])) {
    const id = name.slice(0, -RECORD_EXTENSION.length);
    if (!name.endsWith(RECORD_EXTENSION) || !RECORD_ID_PATTERN.test(id)) continue;
    const record = await readVaultFile(
      path.join(dir, RECORDS_DIR, name),
      MAX_RECORD_FILE_BYTES,
      `record ${id}`,
      id,
    ).catch(() => null);
    if (record && record[4] !== LEGACY_FORMAT_VERSION) throw refuse();
  }
}
