import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { FileRefusedError, readHostileFile, readHostileFileSync } from './bounded-read';
import { vaultCorrupt } from './errors';
import { RECORDS_DIR } from './format';

/** A hostile read whose refusals become the vault's own typed errors; null when missing. */
export async function readVaultFile(
  file: string,
  limit: number,
  what: string,
  recordId?: string,
): Promise<Buffer | null> {
  try {
    return await readHostileFile(file, limit);
  } catch (error) {
    return refusedVaultFile(error, what, recordId);
  }
}

/** readVaultFile without leaving the thread, for reading many small files in a row. */
export function readVaultFileSync(
  file: string,
  limit: number,
  what: string,
  recordId?: string,
): Buffer | null {
  try {
    return readHostileFileSync(file, limit);
  } catch (error) {
    return refusedVaultFile(error, what, recordId);
  }
}

function refusedVaultFile(error: unknown, what: string, recordId?: string): null {
  if (!(error instanceof FileRefusedError)) throw error;
  if (error.reason === 'missing') return null;
  const why = error.reason === 'too-large' ? 'is far too large' : 'is not a readable file';
  throw vaultCorrupt(`${what} ${why}`, recordId);
}

/**
 * Temporary files a crash left behind: never needed, and one written before a change of
 * passphrase or a re-key would still open with what came before.
 */
export async function removeLeftovers(dir: string): Promise<void> {
  for (const folder of [dir, path.join(dir, RECORDS_DIR)]) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.filter((candidate) => /^\..+\.tmp$/.test(candidate))) {
      const entry = await lstat(path.join(folder, name)).catch(() => null);
      if (entry?.isFile()) await rm(path.join(folder, name), { force: true });
    }
  }
}
