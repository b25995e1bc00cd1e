import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { isAppError, type AppErrorKind } from '../../src/main/app-error';
import { backupSealer, digestInSlices } from '../../src/main/vault/backup-seal';
import { decodeHeader, type Header } from '../../src/main/vault/header-format';
import { unwrapWithPassphrase } from '../../src/main/vault/key-slots';
import type { StoredRecord } from '../../src/main/vault/record-format';
import {
  decodeBackup,
  encodeBackup,
  type BackupContents,
} from '../../src/main/backup/backup-format';

/** For the backup tests only: how they take a backup apart, forge one and compare records. */

/** Records in one order, so two lists can be compared whatever order each was read in. */
export function byId(records: readonly StoredRecord[]): StoredRecord[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The kind an operation was refused with, or 'accepted'. */
export async function outcome(promise: Promise<unknown>): Promise<AppErrorKind | 'accepted'> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (!isAppError(error)) throw error;
    return error.kind;
  }
}

export async function expectRefused(promise: Promise<unknown>, kind: AppErrorKind): Promise<void> {
  expect(await outcome(promise)).toBe(kind);
}

/**
 * Rewrites a backup file's parts and seals it again as only someone holding the data key
 * could (`keyholder`), or leaves the old seal, as anyone else must.
 */
export async function forgeBackup(
  file: string,
  passphrase: string,
  edit: (contents: BackupContents, header: Header) => void,
  { keyholder }: { keyholder: boolean },
): Promise<void> {
  const original = readFileSync(file);
  const { contents, seal } = decodeBackup(original);
  const header = decodeHeader(contents.header) as Header;
  const dataKey = await unwrapWithPassphrase(header, passphrase);
  edit(contents, header);
  try {
    const forged = await encodeBackup(contents, async (body) =>
      keyholder ? digestInSlices(backupSealer(dataKey, header.vaultId), body) : seal,
    );
    writeFileSync(file, forged);
  } finally {
    dataKey.fill(0);
  }
}
