import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { isVaultError } from './errors';
import { TryLaterError, createVaultSession } from './vault-session';

const makeDir = tempDirs('stillwater-session-');
let dir: string;
let clock: number;
let lockedCount: number;

beforeEach(() => {
  dir = path.join(makeDir(), 'vault');
  clock = 1_000_000;
  lockedCount = 0;
});

const open = () =>
  createVaultSession({ dir, kdf: FAST_KDF, now: () => clock, onLocked: () => (lockedCount += 1) });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'opened',
    (error: unknown) =>
      error instanceof TryLaterError
        ? `try-later ${error.retryAfterMs}`
        : isVaultError(error)
          ? error.kind
          : String(error),
  );

describe('the vault session', () => {
  it('moves from none to unlocked to locked', async () => {
    const session = open();
    await expect(session.state()).resolves.toBe('none');
    const recoveryKey = await session.create('first passphrase');
    expect(recoveryKey).toHaveLength(39);
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

  it('counts wrong recovery keys with wrong passphrases', async () => {
    const session = open();
    await session.create('the right one');
    await session.lock();
    for (let i = 0; i < 3; i++) {
      await expect(
        failure(session.recover('0000-0000-0000-0000-0000-0000-0000-0000', 'new one!')),
      ).resolves.toBe('wrong-passphrase');
    }
    await expect(failure(session.unlock('the right one'))).resolves.toMatch(/^try-later/);
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
    expect(await failure(session.rekey('guess 5', 'a new passphrase'))).toBe('try-later 2000');
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
});
