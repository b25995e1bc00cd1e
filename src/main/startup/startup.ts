import type { ReaderPreferences } from '../../shared/preferences/model';
import type { ReadingState } from '../../shared/reading/model';
import type { Startup } from '../../shared/startup/model';
import type { VaultState } from '../../shared/vault/schemas';
import { isAppError } from '../app-error';

/** The parts of the services that the first screen reads. */
export interface StartupPorts {
  settings: { readerPreferences(): ReaderPreferences };
  vault: { state(): Promise<VaultState> };
  reading: { state(): Promise<ReadingState> };
}

/**
 * What the page needs before it paints, gathered in main so the page waits on one round-trip:
 * the look of the page, whether the vault is there and open, and, when it is open (a reload
 * after unlocking), where the reader left off.
 */
export async function readStartup({ settings, vault, reading }: StartupPorts): Promise<Startup> {
  const preferences = settings.readerPreferences();
  const state = await vault.state();
  if (state !== 'unlocked') return { vault: state, preferences };
  try {
    return { vault: state, preferences, reading: await reading.state() };
  } catch (error) {
    // Locked between the two questions (auto-lock, the panic key): the page opens at the lock.
    if (isAppError(error, 'vault-locked')) return { vault: 'locked', preferences };
    throw error;
  }
}
