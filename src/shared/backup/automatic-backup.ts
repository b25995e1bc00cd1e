import type {
  AutomaticBackupError,
  AutomaticBackupSettings,
  AutomaticBackupStatus,
} from './schemas';

/**
 * Automatic backups into a folder the person picks. Plain values, so the renderer can use them
 * without bundling a validator; the schemas are in ./schemas.
 */
export const AUTOMATIC_BACKUP_EVERY = ['off', 'day', 'week'] as const;
export type AutomaticBackupEvery = (typeof AUTOMATIC_BACKUP_EVERY)[number];

/** How many automatic backups the folder may keep: at least one, never an unbounded pile. */
export const AUTOMATIC_BACKUP_KEEP_MIN = 1;
export const AUTOMATIC_BACKUP_KEEP_MAX = 100;

/**
 * `stillwater-YYYY-MM-DD-HHMMSS.stillwater-backup`, the name of each automatic backup: a moment
 * in UTC and nothing else, so the list of those written, kept in the settings file, says
 * nothing of the person.
 */
export const AUTOMATIC_BACKUP_NAME_PATTERN =
  /^stillwater-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})\.stillwater-backup$/;

/** Longer than any folder path a file dialog hands back on the systems Stillwater runs on. */
export const MAX_BACKUP_FOLDER_LENGTH = 4096;

/**
 * Why the last automatic backup was not written, each a thing the person can act on: pick the
 * folder again, free some space, or allow writing there. 'failed' is anything else.
 */
export const AUTOMATIC_BACKUP_ERRORS = [
  'folder-missing',
  'disk-full',
  'disk-read-only',
  'disk-denied',
  'failed',
] as const;

export type { AutomaticBackupError, AutomaticBackupSettings, AutomaticBackupStatus };

/** Off until the person turns it on, and a week of daily backups once they do. */
export const DEFAULT_AUTOMATIC_BACKUP_SETTINGS: AutomaticBackupSettings = {
  folder: null,
  every: 'off',
  keep: 7,
  lastAutomaticAt: null,
  written: [],
};
