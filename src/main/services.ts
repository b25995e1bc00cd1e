import path from 'node:path';
import type { Guide } from '../shared/guide/model';
import guideContent from '../../resources/guide/guide.json';
import { describeError, type Logger } from './logger';
import { NotebookService } from './notebook/notebook-service';
import { READING_STATE_KIND, ReadingService } from './reading/reading-service';
import { SearchService } from './search/search-service';
import {
  DEFAULT_SETTINGS,
  SettingsSchema,
  createSettingsService,
  type SettingsService,
} from './settings/settings-service';
import { openValidatedStore, type OpenSettingsFile } from './storage/validated-store';
import type { KdfSettings } from './vault/vault';
import { VaultSession } from './vault/vault-session';

export const VAULT_FOLDER = 'vault';
/** Where the vault is backed up before a restore changes it. */
export const SAFETY_COPIES_FOLDER = 'backups';

/** The neutral settings, in `<userData>/settings.json`, never wiped when damaged. */
export function openSettings(
  userData: string,
  openSettingsFile: OpenSettingsFile,
  logger: Logger,
): SettingsService {
  return createSettingsService(
    openValidatedStore({
      name: 'settings',
      cwd: userData,
      openFile: openSettingsFile,
      schema: SettingsSchema,
      defaults: DEFAULT_SETTINGS,
      logger,
    }),
  );
}

export interface VaultServicesOptions {
  userData: string;
  logger: Logger;
  /** Fixed KDF settings for tests; the app calibrates. */
  kdf?: KdfSettings;
  onLocked?: () => void;
  /** The language search writes dates in; the computer's, by default. */
  locale?: () => string;
}

/** The guide as it ships; the tests check the file against GuideSchema. */
const guide = guideContent as Guide;
const computerLocale = () => Intl.DateTimeFormat().resolvedOptions().locale;

/** The vault in `<userData>/vault`, and the services that keep what they hold in it. */
export function openVaultServices({
  userData,
  logger,
  kdf,
  onLocked,
  locale = computerLocale,
}: VaultServicesOptions) {
  const vaultDir = path.join(userData, VAULT_FOLDER);
  const vault = new VaultSession({
    dir: vaultDir,
    ...(kdf ? { kdf } : {}),
    ...(onLocked ? { onLocked } : {}),
    onBackgroundError: (error) =>
      logger.warn(`work after opening stopped, and resumes next time: ${describeError(error)}`),
  });
  const notebook = new NotebookService(vault, {
    logger,
    othersRecords: (opened) => [opened.singletonId(READING_STATE_KIND)],
  });
  return {
    vaultDir,
    vault,
    reading: new ReadingService(vault, logger),
    notebook,
    search: new SearchService({ guide, notebook, locale }),
  };
}
