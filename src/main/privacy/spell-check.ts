import type { ReaderPreferences } from '../../shared/preferences/model';

/**
 * Spell-checking that sends nothing out. macOS checks spelling with the system's own checker,
 * on the computer. On Windows and Linux, Chromium checks with Hunspell dictionaries that it
 * downloads from a Google server unless they are served locally, and Stillwater serves none:
 * there, spelling is never checked, whatever the settings file says.
 */
export function spellCheckAvailableOn(platform: NodeJS.Platform): boolean {
  return platform === 'darwin';
}

/** Whether the spell-checker runs: as the person chose, and only where it is available. */
export function spellCheckOn(available: boolean, chosen: boolean): boolean {
  return available && chosen;
}

/** The part of Electron's Session that turns its spell-checker on and off. */
export interface SpellCheckerLike {
  setSpellCheckerEnabled(enabled: boolean): void;
}

export interface SpellCheckSettings {
  readerPreferences(): ReaderPreferences;
  onReaderPreferencesChange(listener: (preferences: ReaderPreferences) => void): unknown;
}

/** Keeps the session's spell-checker in step with the setting, now and whenever it changes. */
export function followSpellCheckSetting(
  settings: SpellCheckSettings,
  spellChecker: SpellCheckerLike,
  available: boolean,
): void {
  const apply = ({ spellCheck }: ReaderPreferences) =>
    spellChecker.setSpellCheckerEnabled(spellCheckOn(available, spellCheck));
  apply(settings.readerPreferences());
  settings.onReaderPreferencesChange(apply);
}
