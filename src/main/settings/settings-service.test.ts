import { beforeEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { openConfSettingsFile } from '../../../test/support/settings-file';
import { tempDirs } from '../../../test/support/temp-dir';
import { openSettings } from '../services';

const makeDir = tempDirs();
let cwd: string;
beforeEach(() => {
  cwd = makeDir();
});

const open = () => openSettings(cwd, openConfSettingsFile, captureLogger());

describe('the settings service', () => {
  it('starts with the system theme at the normal text size', () => {
    expect(open().readerPreferences()).toEqual({ theme: 'system', textScale: 1 });
  });

  it('applies a partial update and keeps it for the next launch', () => {
    const settings = open();
    expect(settings.updateReaderPreferences({ theme: 'dark' })).toEqual({
      theme: 'dark',
      textScale: 1,
    });
    settings.updateReaderPreferences({ textScale: 1.25 });
    expect(open().readerPreferences()).toEqual({ theme: 'dark', textScale: 1.25 });
  });

  it('treats a field sent as undefined as left alone', () => {
    const settings = open();
    settings.updateReaderPreferences({ theme: 'light' });
    expect(settings.updateReaderPreferences({ theme: undefined, textScale: 1.5 })).toEqual({
      theme: 'light',
      textScale: 1.5,
    });
  });

  it('tells listeners about changes', () => {
    const settings = open();
    const seen: string[] = [];
    settings.onReaderPreferencesChange((preferences) => seen.push(preferences.theme));
    settings.updateReaderPreferences({ theme: 'dark' });
    expect(seen).toEqual(['dark']);
  });

  it('remembers the window without changing the reader preferences', () => {
    const settings = open();
    settings.updateReaderPreferences({ theme: 'dark' });
    settings.saveWindow({ x: 5, y: 6, width: 800, height: 600, maximized: true });
    const reopened = open();
    expect(reopened.savedWindow()).toEqual({
      x: 5,
      y: 6,
      width: 800,
      height: 600,
      maximized: true,
    });
    expect(reopened.readerPreferences().theme).toBe('dark');
  });
});
