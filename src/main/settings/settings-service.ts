import type { z } from 'zod';
import { PrivacySettingsSchema, ReaderPreferencesSchema } from '../../shared/ipc/contract';
import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings } from '../../shared/privacy';
import { DEFAULT_READER_PREFERENCES, type ReaderPreferences } from '../../shared/preferences';
import type { ValidatedStore } from '../storage/validated-store';
import { SavedWindowSchema, type SavedWindow } from '../window/window-placement';

/**
 * Everything electron-store keeps: neutral preferences only. Nothing here says what the user
 * reads or writes.
 */
export const SettingsSchema = ReaderPreferencesSchema.extend({
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

export function createSettingsService(store: ValidatedStore<Settings>) {
  const listeners = new Set<PreferencesListener>();

  function readerPreferences(): ReaderPreferences {
    const { theme, textScale } = store.read();
    return { theme, textScale };
  }

  return {
    readerPreferences,
    updateReaderPreferences(patch: Partial<ReaderPreferences>): ReaderPreferences {
      // A field sent as undefined means "leave it", not "clear it".
      const changes = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => value !== undefined),
      );
      store.write({ ...store.read(), ...changes });
      const updated = readerPreferences();
      for (const listener of listeners) listener(updated);
      return updated;
    },
    onReaderPreferencesChange(listener: PreferencesListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    privacySettings(): PrivacySettings {
      const { autoLockMinutes, lockOnMinimise, panicShortcut, contentProtection, clearClipboard } =
        store.read();
      return { autoLockMinutes, lockOnMinimise, panicShortcut, contentProtection, clearClipboard };
    },
    updatePrivacySettings(patch: Partial<PrivacySettings>): void {
      const changes = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => value !== undefined),
      );
      store.write({ ...store.read(), ...changes });
    },
    savedWindow: (): SavedWindow | null => store.read().window,
    saveWindow(window: SavedWindow): void {
      store.write({ ...store.read(), window });
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
