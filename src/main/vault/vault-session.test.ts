import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { isAppError } from '../app-error';
import { formatRecoveryKey } from './recovery-key';
import { recoverVault } from './opening';
import { VaultSession } from './vault-session';

// The real recoverVault, watched: it is where a recovery key is turned into a key.
vi.mock('./opening', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./opening')>();
  return { ...actual, recoverVault: vi.fn(actual.recoverVault) };
});

const makeDir = tempDirs('stillwater-session-');
let dir: string;
let clock: number;
let lockedCount: number;

beforeEach(() => {
  vi.mocked(recoverVault).mockClear();
  dir = path.join(makeDir(), 'vault');
  clock = 1_000_000;
  lockedCount = 0;
});

const open = () =>
  new VaultSession({ dir, kdf: FAST_KDF, now: () => clock, onLocked: () => (lockedCount += 1) });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'opened',
    (error: unknown) =>
      isAppError(error, 'try-later')
        ? `try-later ${error.retryAfterMs}`
        : isAppError(error)
          ? error.kind
          : String(error),
  );

describe('the vault session', () => {
  it('moves from none to unlocked to locked', async () => {
    const session = open();
    await expect(session.state()).resolves.toBe('none');
    const recoveryKey = await session.create('first passphrase');
    expect(recoveryKey).toHaveLength(41);
    await expect(session.state()).resolves.toBe('unlocked');
    await session.lock();
    await expect(session.state()).resolves.toBe('locked');
    expect(lockedCount).toBe(1);
    expect(() => session.current()).toThrow(/locked/);
    await session.unlock('first passphrase');
    await expect(session.state()).resolves.toBe('unlocked');
  });

  it('makes each attempt wait longer after three wrong passphrases, then forgets once one is right', async () => {
    const session = open();
    await session.create('the right one');
    await session.lock();
    for (let i = 0; i < 3; i++)
      await expect(failure(session.unlock('wrong'))).resolves.toBe('wrong-passphrase');
    await expect(failure(session.unlock('the right one'))).resolves.toBe('try-later 2000');
    clock += 2_000;
    await expect(failure(session.unlock('wrong'))).resolves.toBe('wrong-passphrase');
    await expect(failure(session.unlock('wrong'))).resolves.toBe('try-later 4000');
    clock += 4_000;
    await expect(failure(session.unlock('the right one'))).resolves.toBe('opened');
    await session.lock();
    await expect(failure(session.unlock('wrong'))).resolves.toBe('wrong-passphrase');
    await expect(failure(session.unlock('the right one'))).resolves.toBe('opened');
  });

  it('counts wrong recovery keys and wrong passphrases towards one pause', async () => {
    const session = open();
    const recoveryKey = await session.create('the right one');
    await session.lock();
    const wrongKey = formatRecoveryKey(Buffer.alloc(20));
    await expect(failure(session.unlock('wrong'))).resolves.toBe('wrong-passphrase');
    await expect(failure(session.recover(wrongKey, 'new one!'))).resolves.toBe('wrong-passphrase');
    await expect(failure(session.unlock('wrong'))).resolves.toBe('wrong-passphrase');
    await expect(failure(session.recover(recoveryKey, 'new one!'))).resolves.toBe('try-later 2000');
    await expect(failure(session.unlock('the right one'))).resolves.toBe('try-later 2000');
    clock += 2_000;
    await expect(failure(session.recover(wrongKey, 'new one!'))).resolves.toBe('wrong-passphrase');
    await expect(failure(session.unlock('the right one'))).resolves.toBe('try-later 4000');
    clock += 4_000;
    await expect(failure(session.recover(recoveryKey, 'new one!'))).resolves.toBe('opened');
    await session.lock();
    await expect(failure(session.unlock('wrong'))).resolves.toBe('wrong-passphrase');
    await expect(failure(session.unlock('new one!'))).resolves.toBe('opened');
  });

  it('refuses a recovery key with a typing mistake at once: no wait, no count, no key derived', async () => {
    const session = open();
    const recoveryKey = await session.create('the right one');
    await session.lock();
    const typo = (recoveryKey.startsWith('7') ? '8' : '7') + recoveryKey.slice(1);
    const typos = [typo, recoveryKey.slice(0, -3), 'AAAA-AAAA', `${recoveryKey}U`];
    for (let i = 0; i < 2; i++)
      await expect(failure(session.unlock('wrong'))).resolves.toBe('wrong-passphrase');
    for (const typed of [...typos, ...typos]) {
      await expect(failure(session.recover(typed, 'new one!'))).resolves.toBe('recovery-key-typo');
    }
    // Two wrong guesses so far, whatever the typing mistakes: the third is still free.
    await expect(failure(session.unlock('wrong'))).resolves.toBe('wrong-passphrase');
    // During the pause a typing mistake is still told at once, and the pause stays as it was.
    await expect(failure(session.recover(typo, 'new one!'))).resolves.toBe('recovery-key-typo');
    await expect(failure(session.recover(recoveryKey, 'new one!'))).resolves.toBe('try-later 2000');
    expect(vi.mocked(recoverVault)).not.toHaveBeenCalled();
    clock += 2_000;
    await expect(failure(session.recover(recoveryKey, 'new one!'))).resolves.toBe('opened');
    expect(vi.mocked(recoverVault)).toHaveBeenCalledTimes(1);
  });

  it('changes the passphrase only for the open vault', async () => {
    const session = open();
    await session.create('old passphrase');
    await session.changePassphrase('old passphrase', 'new passphrase');
    await session.lock();
    await expect(failure(session.changePassphrase('new passphrase', 'x'))).resolves.toBe(
      'vault-locked',
    );
    await expect(failure(session.unlock('old passphrase'))).resolves.toBe('wrong-passphrase');
    await expect(failure(session.unlock('new passphrase'))).resolves.toBe('opened');
  });

  it('makes wrong current passphrases on the change screen wait, as on the lock screen', async () => {
    const session = open();
    await session.create('the real passphrase');
    const guesses = [];
    for (let guess = 0; guess < 5; guess++) {
      guesses.push(await failure(session.changePassphrase(`guess ${guess}`, 'a new passphrase')));
    }
    expect(guesses).toEqual([
      'wrong-passphrase',
      'wrong-passphrase',
      'wrong-passphrase',
      'try-later 2000',
      'try-later 2000',
    ]);
    // Re-keying proves the passphrase the same way, and shares the wait.
    expect(await failure(session.prepareRekey('guess 5', 'a new passphrase'))).toBe(
      'try-later 2000',
    );
    clock += 2_000;
    await session.changePassphrase('the real passphrase', 'a new passphrase');
    await session.lock();
    await session.unlock('a new passphrase');
  });

  it('writes what is pending before the keys go, and forgets what was decrypted after', async () => {
    const session = open();
    await session.create('the real passphrase');
    const events: string[] = [];
    session.onLock({
      save: async () => {
        events.push(`save while ${await session.state()}`);
      },
      forget: () => events.push('forget'),
    });
    await session.lock();
    expect(events).toEqual(['save while unlocked', 'forget']);
  });

  it('refuses new work from the moment a lock begins, while what was pending is saved', async () => {
    const session = open();
    await session.create('the real passphrase');
    const answers: string[] = [];
    // The executor runs at once, so the first answer is the one given as the lock starts.
    const currentVault = () => failure(new Promise((resolve) => resolve(session.current())));
    session.onLock({
      save: async () => {
        answers.push(await currentVault());
        await session.state();
        answers.push(await currentVault());
      },
    });
    await session.lock();
    expect(answers).toEqual(['vault-locked', 'vault-locked']);
  });
});
