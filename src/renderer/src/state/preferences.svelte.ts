import type { StillwaterApi } from '../../../shared/ipc/api';
import {
  DEFAULT_READER_PREFERENCES,
  stepTextScale,
  type ReaderPreferences,
  type TextScale,
  type Theme,
} from '../../../shared/preferences/model';

export type PreferencesApi = Pick<StillwaterApi, 'getPreferences' | 'updatePreferences'>;

/** Theme and text size. Changes show at once; main's answer is what stays. */
export class PreferencesState {
  theme = $state<Theme>(DEFAULT_READER_PREFERENCES.theme);
  textScale = $state<TextScale>(DEFAULT_READER_PREFERENCES.textScale);

  #api: PreferencesApi;

  constructor(api: PreferencesApi) {
    this.#api = api;
  }

  #apply(preferences: ReaderPreferences): void {
    this.theme = preferences.theme;
    this.textScale = preferences.textScale;
  }

  async load(): Promise<void> {
    this.#apply(await this.#api.getPreferences());
  }

  async update(patch: Partial<ReaderPreferences>): Promise<void> {
    this.#apply({ theme: this.theme, textScale: this.textScale, ...patch });
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
}
