import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Makes a directory entry change (a rename, a removal) survive a power cut. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `bytes` to a new temporary file beside `target` and fsyncs it, so that a rename
 * can put it in place; returns the temporary file's path. Nothing is left behind on failure.
 */
export async function writeTempFile(target: string, bytes: Uint8Array): Promise<string> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  return temp;
}

/**
 * Renames a temporary file from writeTempFile() over `target`. The rename is durable only
 * once the folder is synced; the caller decides when, so several can share one sync.
 */
export async function placeTempFile(temp: string, target: string): Promise<void> {
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Replaces `target` with `bytes` so that a crash at any moment leaves either the old file or
 * the new one, never a mix: write a temp file beside it, fsync it, rename it over the
 * target, then fsync the directory so the rename itself is durable. Libraries such as
 * write-file-atomic stop before that last step.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const temp = await writeTempFile(target, bytes);
  await placeTempFile(temp, target);
  await syncDirectory(path.dirname(target));
}
