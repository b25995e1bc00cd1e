import path from 'node:path';
import type { MainServices } from './ipc/handlers';
import { createLogger, describeError, type Logger } from './logger';
import { createNotebookService } from './notebook/notebook-service';
import { createReadingService } from './reading/reading-service';
import {
  DEFAULT_SETTINGS,
  SettingsSchema,
  createSettingsService,
} from './settings/settings-service';
import { createPrivacyControls, type PrivacyControls } from './privacy/privacy-controls';
import { openValidatedStore } from './storage/validated-store';
import type { KdfSettings } from './vault/vault';
import { createVaultSession } from './vault/vault-session';

export const VAULT_FOLDER = 'vault';

export interface MainServicesOptions {
  logger?: Logger;
  /** Fixed KDF settings for tests; the app calibrates. */
  kdf?: KdfSettings;
  onLocked?: () => void;
  /**
   * Builds the privacy controls from the OS's objects. Without one (in tests) the controls
   * still keep their settings and panic still locks; there is simply no OS to act on.
   */
  privacy?: (services: Omit<MainServices, 'privacy'>) => PrivacyControls;
}

/**
 * Opens every main-process service on the user-data folder: neutral settings in
 * electron-store, everything else in the vault.
 */
export function openMainServices(
  userData: string,
  { logger = createLogger('storage'), kdf, onLocked, privacy }: MainServicesOptions = {},
): MainServices {
  const vault = createVaultSession({
    dir: path.join(userData, VAULT_FOLDER),
    ...(kdf ? { kdf } : {}),
    ...(onLocked ? { onLocked } : {}),
    onBackgroundError: (error) =>
      logger.warn(`work after opening stopped, and resumes next time: ${describeError(error)}`),
  });
  const core = {
    settings: createSettingsService(
      openValidatedStore({
        name: 'settings',
        cwd: userData,
        schema: SettingsSchema,
        defaults: DEFAULT_SETTINGS,
        logger,
      }),
    ),
    vault,
    reading: createReadingService(vault, logger),
    notebook: createNotebookService(vault, { logger }),
  };
  return {
    ...core,
    privacy:
      privacy?.(core) ??
      createPrivacyControls({
        settings: core.settings,
        contentProtectionAvailable: false,
        blockedRequests: () => 0,
        apply: () => {},
        panic: () => vault.lock(),
        clearClipboardLater: () => {},
      }),
  };
}
