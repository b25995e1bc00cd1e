import { ReadingStateSchema } from '../shared/ipc/contract';
import { EMPTY_READING_STATE } from '../shared/reading';
import type { MainServices } from './ipc/handlers';
import { createLogger } from './logger';
import { createReadingService } from './reading/reading-service';
import {
  DEFAULT_SETTINGS,
  SettingsSchema,
  createSettingsService,
} from './settings/settings-service';
import { openValidatedStore } from './storage/validated-store';

/** Opens every main-process service on the user-data folder. */
export function openMainServices(userData: string, logger = createLogger('storage')): MainServices {
  return {
    settings: createSettingsService(
      openValidatedStore({
        name: 'settings',
        cwd: userData,
        schema: SettingsSchema,
        defaults: DEFAULT_SETTINGS,
        logger,
      }),
    ),
    reading: createReadingService(
      openValidatedStore({
        name: 'reading',
        cwd: userData,
        schema: ReadingStateSchema,
        defaults: EMPTY_READING_STATE,
        logger,
      }),
    ),
  };
}
