/**
 * A full, read-only or forbidden disk, met halfway through a save or a change of passphrase.
 * The file system is real; only its answer to creating a new file is replaced, the way a
 * full disk would answer.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { isAppError } from '../app-error';
import { asDiskError } from './errors';
import { createVault, unlockVault } from './opening';

const disk = vi.hoisted(() => ({ refusal: null as string | null }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: (file: string, flags?: string | number, mode?: number) => {
      // Only new files are refused: reads go on working, as they do on a full disk.
      if (disk.refusal && flags === 'wx') {
        return Promise.reject(Object.assign(new Error('refused'), { code: disk.refusal }));
      }
      return real.open(file, flags, mode);
    },
  };
});

const PASSPHRASE = 'a passphrase for a full disk';
const makeDir = tempDirs('stillwater-disk-');
afterEach(() => {
  disk.refusal = null;
});

async function failure(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'succeeded',
    (error: unknown) => (isAppError(error) ? error.kind : `untyped: ${String(error)}`),
  );
}

describe('a disk that refuses to write', () => {
  it.each([
    ['ENOSPC', 'disk-full'],
    ['EDQUOT', 'disk-full'],
    ['EROFS', 'disk-read-only'],
    ['EACCES', 'disk-denied'],
  ])('turns %s during a save into %s, and loses nothing', async (code, kind) => {
    const dir = path.join(makeDir(), 'vault');
    const { vault } = await createVault(dir, PASSPHRASE, { kdf: FAST_KDF });
    const note = await vault.put('note', { text: 'written before the disk filled' });

    disk.refusal = code;
    expect(await failure(vault.put('note', { text: 'not written' }, note.id))).toBe(kind);
    expect(await failure(vault.put('note', { text: 'a new note' }))).toBe(kind);
    disk.refusal = null;

    expect((await vault.get(note.id))?.body).toEqual({ text: 'written before the disk filled' });
    await vault.put('note', { text: 'written once there was room' }, note.id);
    await vault.lock();
    const reopened = await unlockVault(dir, PASSPHRASE, { kdf: FAST_KDF });
    const { records, integrity } = await reopened.list();
    expect(records.map((record) => record.body)).toEqual([{ text: 'written once there was room' }]);
    expect(integrity).toEqual({ missing: [], stale: [], replayed: [], unverified: false });
    await reopened.lock();
  });

  it('names what could not be written: the vault, unless the writer says otherwise', () => {
    const full = Object.assign(new Error('refused'), { code: 'ENOSPC' });
    const asWords = (error: unknown) => (isAppError(error) ? [error.kind, error.message] : error);
    expect(asWords(asDiskError(full))).toEqual([
      'disk-full',
      'The vault could not be written (ENOSPC)',
    ]);
    expect(asWords(asDiskError(full, 'The export'))).toEqual([
      'disk-full',
      'The export could not be written (ENOSPC)',
    ]);
    // What is not the disk's refusal is left as it is.
    const other = new Error('something else');
    expect(asDiskError(other, 'The export')).toBe(other);
  });

  it('refuses a change of passphrase on a read-only disk with its own kind, keeping the old one', async () => {
    const dir = path.join(makeDir(), 'vault');
    const { vault } = await createVault(dir, PASSPHRASE, { kdf: FAST_KDF });
    disk.refusal = 'EROFS';
    expect(await failure(vault.changePassphrase(PASSPHRASE, 'never written', FAST_KDF))).toBe(
      'disk-read-only',
    );
    expect(await failure(vault.rekey(PASSPHRASE, 'never written', FAST_KDF))).toBe(
      'disk-read-only',
    );
    disk.refusal = null;
    await vault.lock();
    await (await unlockVault(dir, PASSPHRASE, { kdf: FAST_KDF })).lock();
  });
});
