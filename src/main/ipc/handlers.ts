import type { ReadingService } from '../reading/reading-service';
import type { SettingsService } from '../settings/settings-service';
import type { IpcHandlers } from './ipc-router';

export interface MainServices {
  settings: SettingsService;
  reading: ReadingService;
}

/** Each channel's handler: a thin call into a service, with input already parsed. */
export function createIpcHandlers({ settings, reading }: MainServices): IpcHandlers {
  return {
    getPreferences: () => settings.readerPreferences(),
    updatePreferences: (patch) => settings.updateReaderPreferences(patch),
    getReadingState: () => reading.state(),
    recordReadingPosition: (report) => void reading.record(report),
  };
}
