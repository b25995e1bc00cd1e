import path from 'node:path';
import { writeFileAtomic } from '../vault/atomic-file';
import { asDiskError } from '../vault/errors';
import type { Vault } from '../vault/vault';
import { encodeBackup } from './backup-format';

export interface WriteBackupOptions {
  now?: () => Date;
  /** Told after each record is copied. */
  onProgress?: (done: number, total: number) => void;
}

export interface WrittenBackup {
  file: string;
  records: number;
  leftOut: number;
  bytes: number;
}

/**
 * Writes a backup of `vault` to the file `target` (docs/backup-format.md), atomically and
 * readable by its owner only: a crash leaves the file that was there, or the whole backup.
 * Nothing is decrypted on the way: the records go in exactly as they are on disk.
 */
export async function writeBackup(
  vault: Vault,
  target: string,
  { now = () => new Date(), onProgress }: WriteBackupOptions = {},
): Promise<WrittenBackup> {
  const snapshot = await vault.snapshotForBackup(onProgress);
  const file = await encodeBackup(
    {
      info: { created: now().toISOString(), leftOut: snapshot.leftOut },
      header: snapshot.header,
      manifest: snapshot.manifest,
      records: snapshot.records,
    },
    (body) => vault.sealForBackup(body, snapshot.generation),
  );
  const resolved = path.resolve(target);
  try {
    await writeFileAtomic(resolved, file);
  } catch (error) {
    throw asDiskError(error, 'The backup');
  }
  return {
    file: resolved,
    records: snapshot.records.length,
    leftOut: snapshot.leftOut,
    bytes: file.length,
  };
}
