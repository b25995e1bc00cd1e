import Conf from 'conf';
import type { OpenSettingsFile, SettingsFileOptions } from '../../src/main/storage/validated-store';

/**
 * electron-store as it behaves in the main process, without Electron: conf, the engine it is
 * built on, reading and writing the same JSON file in the same way. electron-store only adds
 * calling the file's name `name` rather than `configName`, and defaults taken from Electron's
 * `app`, which an absolute `cwd` makes unused.
 */
export class ConfElectronStore extends Conf<Record<string, unknown>> {
  constructor({ name, ...options }: SettingsFileOptions) {
    super({ configName: name, ...options });
  }
}

/** Settings files for tests, as the app opens them. */
export const openConfSettingsFile: OpenSettingsFile = (options) => new ConfElectronStore(options);
