import { lstat, readdir, statfs } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../app-error';
import { RECORDS_DIR } from '../vault/format';
import { paddedLength } from '../vault/padding';
import type { StoredRecord } from '../vault/record-format';

/** A record file's bytes beyond its padded plaintext: magic, version, stamp, nonce and tag. */
const RECORD_FILE_OVERHEAD = 45;
/** Room left over for the manifest, the folder's own entries and what else is saving. */
const MARGIN_BYTES = 4 * 1024 * 1024;

/** Bytes the vault's files take now: about what a backup of it takes. */
export async function vaultBytes(vaultDir: string): Promise<number> {
  const folder = path.join(vaultDir, RECORDS_DIR);
  const names = await readdir(folder).catch(() => [] as string[]);
  let total = 0;
  for (const name of names)
    total += (await lstat(path.join(folder, name)).catch(() => null))?.size ?? 0;
  return total;
}

/** Bytes the records a merge writes will take on disk, each padded to its size class. */
export function writtenBytes(plan: { writes: readonly StoredRecord[] }): number {
  return plan.writes.reduce(
    (total, record) =>
      total + RECORD_FILE_OVERHEAD + paddedLength(Buffer.byteLength(JSON.stringify(record))),
    0,
  );
}

/**
 * Refuses, before anything is written, work that the disk holding `dir` has no room for: a
 * restore that ran out of room half-way would leave the notebook half merged.
 */
export async function ensureRoom(dir: string, bytes: number): Promise<void> {
  const { bavail, bsize } = await statfs(dir);
  if (bavail * bsize < bytes + MARGIN_BYTES) {
    throw new AppError('disk-full', 'There is not room on the disk for this restore');
  }
}
