import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from '../vault/atomic-file';
import { asDiskError, vaultExistsAlready } from '../vault/errors';
import { HEADER_FILE, MANIFEST_FILE, RECORDS_DIR } from '../vault/format';
import { vaultExists } from '../vault/header-file';
import { recordPath } from '../vault/record-files';
import type { OpenedBackup } from './backup-reader';

/**
 * A verified backup made the vault, where there is none: the whole folder is built beside
 * the place it goes, made durable, then renamed into place in one step, so that a crash
 * leaves either no vault or all of it. The files are the backup's, byte for byte, so the
 * passphrase and the recovery key that opened the backup open the vault.
 */

/** Files written at once: the disk can then commit their syncs together. */
const WRITE_CONCURRENCY = 16;

export async function installBackup(opened: OpenedBackup, vaultDir: string): Promise<void> {
  if (await vaultExists(vaultDir)) throw vaultExistsAlready();
  const target = path.resolve(vaultDir);
  const parent = path.dirname(target);
  const building = path.join(parent, `${buildingPrefix(target)}${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(parent, { recursive: true, mode: 0o700 });
    await removeUnfinished(target);
    await mkdir(building, { mode: 0o700 });
    try {
      await buildVault(opened, building);
      await moveAside(target);
      await rename(building, target);
    } catch (error) {
      await rm(building, { recursive: true, force: true });
      throw error;
    }
    await syncDirectory(parent);
  } catch (error) {
    throw asDiskError(error);
  }
}

/** A dot-name, so the folder being built is never taken for the vault, nor shown. */
const buildingPrefix = (target: string) => `.${path.basename(target)}.restoring-`;

async function buildVault({ parts }: OpenedBackup, dir: string): Promise<void> {
  await mkdir(path.join(dir, RECORDS_DIR), { mode: 0o700 });
  for (let start = 0; start < parts.records.length; start += WRITE_CONCURRENCY) {
    await Promise.all(
      parts.records
        .slice(start, start + WRITE_CONCURRENCY)
        .map(({ id, file }) => writeDurably(recordPath(dir, id), file)),
    );
  }
  await writeDurably(path.join(dir, MANIFEST_FILE), parts.manifest);
  // The header last, as when a vault is created: a folder with a header is a whole vault.
  await writeDurably(path.join(dir, HEADER_FILE), parts.header);
  await syncDirectory(path.join(dir, RECORDS_DIR));
  await syncDirectory(dir);
}

/** A new file in the folder being built: nothing else can be there, so no temp file is needed. */
async function writeDurably(file: string, bytes: Buffer): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Something with no header where the vault goes (an empty folder, what an interrupted first
 * start left) is kept, renamed beside it, rather than deleted or mixed with the backup.
 */
async function moveAside(target: string): Promise<void> {
  const existing = await lstat(target).catch(() => null);
  if (!existing) return;
  if (existing.isDirectory() && (await readdir(target)).length === 0) {
    await rmdir(target);
    return;
  }
  await rename(target, `${target}.before-restore-${randomBytes(4).toString('hex')}`);
}

/** Folders a crash left half built by an earlier install: never a vault, so removed. */
async function removeUnfinished(target: string): Promise<void> {
  const parent = path.dirname(target);
  const prefix = buildingPrefix(target);
  for (const name of await readdir(parent)) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{12}$/.test(name.slice(prefix.length))) continue;
    const entry = await lstat(path.join(parent, name)).catch(() => null);
    if (entry?.isDirectory()) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}
