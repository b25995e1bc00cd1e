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
} from '../../../shared/preferences/model';

export type PreferencesApi = Pick<StillwaterApi, 'getPreferences' | 'updatePreferences'>;

/** Theme, text size and the shape of the reading text. Changes show at once; main's answer is what stays. */
export class PreferencesState {
  theme = $state<Theme>(DEFAULT_READER_PREFERENCES.theme);
  textScale = $state<TextScale>(DEFAULT_READER_PREFERENCES.textScale);
  readingFont = $state<ReadingFont>(DEFAULT_READER_PREFERENCES.readingFont);
  lineSpacing = $state<LineSpacing>(DEFAULT_READER_PREFERENCES.lineSpacing);
  lineWidth = $state<LineWidth>(DEFAULT_READER_PREFERENCES.lineWidth);
  focusMode = $state<boolean>(DEFAULT_READER_PREFERENCES.focusMode);

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
    };
  }

  #apply(preferences: ReaderPreferences): void {
    this.theme = preferences.theme;
    this.textScale = preferences.textScale;
    this.readingFont = preferences.readingFont;
    this.lineSpacing = preferences.lineSpacing;
    this.lineWidth = preferences.lineWidth;
    this.focusMode = preferences.focusMode;
  }

  async load(): Promise<void> {
    this.#apply(await this.#api.getPreferences());
  }

  async update(patch: Partial<ReaderPreferences>): Promise<void> {
    this.#apply({ ...this.current, ...patch });
    this.#apply(await this.#api.updatePreferences(patch));
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
