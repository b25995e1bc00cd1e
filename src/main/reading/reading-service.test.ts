import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { isVaultError } from '../vault/errors';
import { createVaultSession, type VaultSession } from '../vault/vault-session';
import { READING_STATE_KIND, createReadingService } from './reading-service';

vi.mock('electron', () => import('../../../test/support/fake-electron'));

const makeDir = tempDirs();
let session: VaultSession;
beforeEach(async () => {
  session = createVaultSession({ dir: path.join(makeDir(), 'vault'), kdf: FAST_KDF });
  await session.create('a passphrase for tests');
});

describe('the reading service', () => {
  it('starts with nothing read', async () => {
    const reading = createReadingService(session, captureLogger());
    await expect(reading.state()).resolves.toEqual({ lastSectionId: null, sections: {} });
  });

  it('keeps the last section and the place in it, in the vault', async () => {
    const reading = createReadingService(session, captureLogger());
    await reading.record({ sectionId: 'reason-2', position: 0.4, seen: 0.6 });
    await reading.record({ sectionId: 'step-5', position: 0.25, seen: 0.5 });
    await session.lock();
    await session.unlock('a passphrase for tests');
    await expect(createReadingService(session, captureLogger()).state()).resolves.toEqual({
      lastSectionId: 'step-5',
      sections: {
        'reason-2': { position: 0.4, progress: 0.6 },
        'step-5': { position: 0.25, progress: 0.5 },
      },
    });
    const { records } = await session.current().list(READING_STATE_KIND);
    expect(records).toHaveLength(1);
  });

  it('never lowers progress when the reader scrolls back up', async () => {
    const reading = createReadingService(session, captureLogger());
    await reading.record({ sectionId: 'step-1', position: 1, seen: 1 });
    await reading.record({ sectionId: 'step-1', position: 0, seen: 0.2 });
    expect((await reading.state()).sections['step-1']).toEqual({ position: 0, progress: 1 });
  });

  it('is unavailable while the vault is locked', async () => {
    const reading = createReadingService(session, captureLogger());
    await session.lock();
    const error = await reading.state().catch((reason: unknown) => reason);
    expect(isVaultError(error, 'vault-locked')).toBe(true);
  });

  it('starts over, with a warning, when the saved state has an unexpected shape', async () => {
    const logger = captureLogger();
    const reading = createReadingService(session, logger);
    const vault = session.current();
    await vault.put(
      READING_STATE_KIND,
      { lastSectionId: 'chapter-99' },
      vault.singletonId(READING_STATE_KIND),
    );
    await expect(reading.state()).resolves.toEqual({ lastSectionId: null, sections: {} });
    expect(logger.lines[0]?.line).toMatch(/unexpected shape/);
  });
});
