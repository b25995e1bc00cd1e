import type { ReadingService } from '../reading/reading-service';
import type { SettingsService } from '../settings/settings-service';
import type { VaultSession } from '../vault/vault-session';
import type { IpcHandlers } from './ipc-router';

export interface MainServices {
  settings: SettingsService;
  vault: VaultSession;
  reading: ReadingService;
}

/** Each channel's handler: a thin call into a service, with input already parsed. */
export function createIpcHandlers({ settings, vault, reading }: MainServices): IpcHandlers {
  return {
    getVaultState: () => vault.state(),
    createVault: async ({ passphrase }) => ({ recoveryKey: await vault.create(passphrase) }),
    unlockVault: ({ passphrase }) => vault.unlock(passphrase),
    recoverVault: ({ recoveryKey, passphrase }) => vault.recover(recoveryKey, passphrase),
    lockVault: () => vault.lock(),
    changePassphrase: ({ current, next }) => vault.changePassphrase(current, next),
    getPreferences: () => settings.readerPreferences(),
    updatePreferences: (patch) => settings.updateReaderPreferences(patch),
    getReadingState: () => reading.state(),
    recordReadingPosition: (report) => reading.record(report),
  };
}
