import type { z } from 'zod';
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
 * Everything electron-store keeps: neutral preferences only. Nothing here says what the user
 * reads or writes.
 */
export const SettingsSchema = ReaderPreferencesSchema.extend({
  ...LATER_READER_PREFERENCES,
  ...PrivacySettingsSchema.shape,
  window: SavedWindowSchema.nullable(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  ...DEFAULT_READER_PREFERENCES,
  ...DEFAULT_PRIVACY_SETTINGS,
  window: null,
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
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
