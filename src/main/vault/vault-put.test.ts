import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { RECORDS_DIR } from './format';
import { createVault, unlockVault } from './opening';

// The real file system, watched: every file the vault opens is noted, so a test can show
// which files a save touched. Nothing is stubbed; each call goes through.
const opened = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof fs.open = (file, ...rest) => {
    opened.push(String(file));
    return fs.open(file, ...rest);
  };
  return { ...fs, default: { ...fs, open }, open };
});

const PASSPHRASE = 'quiet harbour at dawn';
const makeDir = tempDirs('stillwater-vault-put-');

let dir: string;
beforeEach(() => {
  dir = path.join(makeDir(), 'vault');
});

const recordFile = (id: string) => path.join(dir, RECORDS_DIR, `${id}.rec`);

describe('saving over a record', () => {
  it('reads nothing first: the file it replaces is never opened', async () => {
    let clock = Date.parse('2026-11-26T10:00:00Z');
    const { vault } = await createVault(dir, PASSPHRASE, {
      kdf: FAST_KDF,
      now: () => new Date(clock),
    });
    const first = await vault.put('note', { text: 'draft' });
    clock += 60_000;

    opened.length = 0;
    const kept = await vault.put('note', { text: 'final' }, first.id, first.created);
    const stamped = await vault.put('note', { text: 'again' }, first.id);
    expect(opened.length).toBeGreaterThan(0);
    expect(opened).not.toContain(recordFile(first.id));

    // The caller's creation time is kept; without one, the record counts as created now.
    expect(kept.created).toBe('2026-11-26T10:00:00.000Z');
    expect(stamped.created).toBe('2026-11-26T10:01:00.000Z');
    await vault.lock();
    const reopened = await unlockVault(dir, PASSPHRASE, { kdf: FAST_KDF });
    expect(await reopened.get(first.id)).toEqual(stamped);
    await reopened.lock();
  });
});
