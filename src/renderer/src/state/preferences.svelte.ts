import type { StillwaterApi } from '../../../shared/ipc/api';
import {
  DEFAULT_READER_PREFERENCES,
  stepTextScale,
  type LineSpacing,
  type LineWidth,
  type ReaderPreferences,
  type ReadingFont,
  type TextScale,
  type Theme,
  type UnlockOpens,
} from '../../../shared/preferences/model';

export type PreferencesApi = Pick<StillwaterApi, 'updatePreferences'>;

/**
 * Theme, text size, the shape of the reading text, and what discretion asks of the page.
 * Changes show at once; main's answer is what stays.
 */
export class PreferencesState {
  theme = $state<Theme>(DEFAULT_READER_PREFERENCES.theme);
  textScale = $state<TextScale>(DEFAULT_READER_PREFERENCES.textScale);
  readingFont = $state<ReadingFont>(DEFAULT_READER_PREFERENCES.readingFont);
  lineSpacing = $state<LineSpacing>(DEFAULT_READER_PREFERENCES.lineSpacing);
  lineWidth = $state<LineWidth>(DEFAULT_READER_PREFERENCES.lineWidth);
  focusMode = $state<boolean>(DEFAULT_READER_PREFERENCES.focusMode);
  /** Until main answers, the quiet start page: the discreet side. */
  unlockOpens = $state<UnlockOpens>(DEFAULT_READER_PREFERENCES.unlockOpens);
  discreetTitles = $state<boolean>(DEFAULT_READER_PREFERENCES.discreetTitles);
  spellCheck = $state<boolean>(DEFAULT_READER_PREFERENCES.spellCheck);

  #api: PreferencesApi;

  constructor(api: PreferencesApi) {
    this.#api = api;
  }

  get current(): ReaderPreferences {
    return {
      theme: this.theme,
      textScale: this.textScale,
      readingFont: this.readingFont,
      lineSpacing: this.lineSpacing,
      lineWidth: this.lineWidth,
      focusMode: this.focusMode,
      unlockOpens: this.unlockOpens,
      discreetTitles: this.discreetTitles,
      spellCheck: this.spellCheck,
    };
  }

  /** Shows `preferences` as main keeps them: at start-up, and after each change. */
  apply(preferences: ReaderPreferences): void {
    this.theme = preferences.theme;
    this.textScale = preferences.textScale;
    this.readingFont = preferences.readingFont;
    this.lineSpacing = preferences.lineSpacing;
    this.lineWidth = preferences.lineWidth;
    this.focusMode = preferences.focusMode;
    this.unlockOpens = preferences.unlockOpens;
    this.discreetTitles = preferences.discreetTitles;
    this.spellCheck = preferences.spellCheck;
  }

  async update(patch: Partial<ReaderPreferences>): Promise<void> {
    this.apply({ ...this.current, ...patch });
    this.apply(await this.#api.updatePreferences(patch));
  }

  setTheme(theme: Theme): Promise<void> {
    return this.update({ theme });
  }

  stepTextSize(step: 1 | -1): Promise<void> {
    return this.update({ textScale: stepTextScale(this.textScale, step) });
  }

  resetTextSize(): Promise<void> {
    return this.update({ textScale: DEFAULT_READER_PREFERENCES.textScale });
  }

  setFocusMode(focusMode: boolean): Promise<void> {
    return this.update({ focusMode });
  }
}
