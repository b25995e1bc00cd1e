import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import { startTestMainApp } from '../../../test/support/test-main-app';
import { DEFAULT_READER_PREFERENCES } from '../../shared/preferences/model';
import { readStartup } from './startup';

const makeDir = tempDirs();
const PASSPHRASE = 'a passphrase for tests';

describe('what the page starts with', () => {
  it('before any vault: the look of the page, and that there is no vault', async () => {
    const { services } = startTestMainApp(makeDir());
    services.settings.updateReaderPreferences({ theme: 'dark', textScale: 1.25 });
    await expect(readStartup(services)).resolves.toEqual({
      vault: 'none',
      preferences: { ...DEFAULT_READER_PREFERENCES, theme: 'dark', textScale: 1.25 },
    });
  });

  it('behind the lock: nothing of where the reader was', async () => {
    const { services } = startTestMainApp(makeDir());
    await services.vault.create(PASSPHRASE);
    await services.reading.record({ sectionId: 'step-3', position: 0.5, read: [] });
    await services.vault.lock();
    const startup = await readStartup(services);
    expect(startup).toEqual({ vault: 'locked', preferences: DEFAULT_READER_PREFERENCES });
    expect(startup).not.toHaveProperty('reading');
  });

  it('with the vault open (a reload after unlocking): where the reader left off', async () => {
    const { services } = startTestMainApp(makeDir());
    await services.vault.create(PASSPHRASE);
    await services.reading.record({ sectionId: 'step-3', position: 0.5, read: [0, 2] });
    await expect(readStartup(services)).resolves.toEqual({
      vault: 'unlocked',
      preferences: DEFAULT_READER_PREFERENCES,
      reading: {
        lastSectionId: 'step-3',
        sections: { 'step-3': { position: 0.5, read: [0, 2] } },
      },
    });
    await services.vault.lock();
  });

  it('answers "locked" when a lock begins between the two questions', async () => {
    const { services } = startTestMainApp(makeDir());
    await services.vault.create(PASSPHRASE);
    // The vault is open when asked; the lock begins before the reading place is read.
    const answer = readStartup(services);
    const locked = services.vault.lock();
    await expect(answer).resolves.toEqual({
      vault: 'locked',
      preferences: DEFAULT_READER_PREFERENCES,
    });
    await locked;
  });
});
