import type { z } from 'zod';
import {
  DEFAULT_AUTOMATIC_BACKUP_SETTINGS,
  type AutomaticBackupSettings,
} from '../../shared/backup/automatic-backup';
import { AutomaticBackupSettingsSchema } from '../../shared/backup/schemas';
import { PrivacySettingsSchema, ReaderPreferencesSchema } from '../../shared/ipc/contract';
import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings } from '../../shared/privacy/model';
import { DEFAULT_READER_PREFERENCES, type ReaderPreferences } from '../../shared/preferences/model';
import type { ValidatedStore } from '../storage/validated-store';
import { SavedWindowSchema, type SavedWindow } from '../window/window-placement';

/**
 * Reading settings that came after the first release. A settings file written before them has
 * none of them, which is no damage: each is taken as its default, quietly, and the rest of the
 * file is kept as it is.
 */
const { readingFont, lineSpacing, lineWidth, focusMode, unlockOpens, discreetTitles, spellCheck } =
  ReaderPreferencesSchema.shape;
const DEFAULTS = DEFAULT_READER_PREFERENCES;
const LATER_READER_PREFERENCES = {
  readingFont: readingFont.default(DEFAULTS.readingFont),
  lineSpacing: lineSpacing.default(DEFAULTS.lineSpacing),
  lineWidth: lineWidth.default(DEFAULTS.lineWidth),
  focusMode: focusMode.default(DEFAULTS.focusMode),
  unlockOpens: unlockOpens.default(DEFAULTS.unlockOpens),
  discreetTitles: discreetTitles.default(DEFAULTS.discreetTitles),
  spellCheck: spellCheck.default(DEFAULTS.spellCheck),
};

/**
 * Automatic backups came later still, as one group of their own. A file without the group, or
 * without one of its values, takes the default for what is missing, quietly; a damaged value is
 * set aside like any other (see validated-store's salvage), and only that value is lost.
 */
const BACKUP_DEFAULTS = DEFAULT_AUTOMATIC_BACKUP_SETTINGS;
const StoredAutomaticBackupSchema = AutomaticBackupSettingsSchema.extend({
  folder: AutomaticBackupSettingsSchema.shape.folder.default(BACKUP_DEFAULTS.folder),
  every: AutomaticBackupSettingsSchema.shape.every.default(BACKUP_DEFAULTS.every),
  keep: AutomaticBackupSettingsSchema.shape.keep.default(BACKUP_DEFAULTS.keep),
  lastAutomaticAt: AutomaticBackupSettingsSchema.shape.lastAutomaticAt.default(
    BACKUP_DEFAULTS.lastAutomaticAt,
  ),
  // A damaged list is forgotten, never guessed at: with none, nothing is pruned.
  written: AutomaticBackupSettingsSchema.shape.written.default(() => []),
}).default(BACKUP_DEFAULTS);

/**
 * Everything electron-store keeps: neutral preferences only. Nothing here says what the user
 * reads or writes.
 */
export const SettingsSchema = ReaderPreferencesSchema.extend({
  ...LATER_READER_PREFERENCES,
  ...PrivacySettingsSchema.shape,
  window: SavedWindowSchema.nullable(),
  backup: StoredAutomaticBackupSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  ...DEFAULT_READER_PREFERENCES,
  ...DEFAULT_PRIVACY_SETTINGS,
  window: null,
  backup: DEFAULT_AUTOMATIC_BACKUP_SETTINGS,
};

export type PreferencesListener = (preferences: ReaderPreferences) => void;

/** The fields of `settings` that `schema` describes, so each caller sees only its own part. */
function pick<S extends z.ZodObject>(schema: S, settings: Settings): z.infer<S> {
  return Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, settings[key as keyof Settings]]),
  ) as z.infer<S>;
}

export function createSettingsService(store: ValidatedStore<Settings>) {
  const listeners = new Set<PreferencesListener>();

  const readerPreferences = (): ReaderPreferences => pick(ReaderPreferencesSchema, store.read());
  const privacySettings = (): PrivacySettings => pick(PrivacySettingsSchema, store.read());

  /** Merges a patch in; a field sent as undefined means "leave it", not "clear it". */
  function merge(patch: Partial<Settings>): void {
    const changes = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    );
    store.write({ ...store.read(), ...changes });
  }

  return {
    readerPreferences,
    updateReaderPreferences(patch: Partial<ReaderPreferences>): ReaderPreferences {
      merge(patch);
      const updated = readerPreferences();
      for (const listener of listeners) listener(updated);
      return updated;
    },
    onReaderPreferencesChange(listener: PreferencesListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    privacySettings,
    updatePrivacySettings: (patch: Partial<PrivacySettings>): void => merge(patch),
    savedWindow: (): SavedWindow | null => store.read().window,
    saveWindow: (window: SavedWindow): void => merge({ window }),
    automaticBackup: (): AutomaticBackupSettings => store.read().backup,
    /**
     * Main's own setter, for every value of the group: the page's patch is narrowed by
     * AutomaticBackupPatchSchema before it gets here, and the folder comes from main's dialog.
     */
    updateAutomaticBackup(patch: Partial<AutomaticBackupSettings>): AutomaticBackupSettings {
      const changes = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => value !== undefined),
      );
      merge({ backup: { ...store.read().backup, ...changes } });
      return store.read().backup;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
