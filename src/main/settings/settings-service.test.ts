import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { openConfSettingsFile } from '../../../test/support/settings-file';
import { tempDirs } from '../../../test/support/temp-dir';
import { DEFAULT_PRIVACY_SETTINGS } from '../../shared/privacy/model';
import { openSettings } from '../services';

const makeDir = tempDirs();
let cwd: string;
beforeEach(() => {
  cwd = makeDir();
});

const open = (logger = captureLogger()) => openSettings(cwd, openConfSettingsFile, logger);

/** The reading settings of a first launch, apart from those a test changes. */
const defaults = {
  theme: 'system',
  textScale: 1,
  readingFont: 'serif',
  lineSpacing: 'comfortable',
  lineWidth: 'medium',
  focusMode: false,
  unlockOpens: 'start-page',
  discreetTitles: false,
  spellCheck: false,
} as const;

describe('the settings service', () => {
  it('starts with the system theme at the normal text size', () => {
    expect(open().readerPreferences()).toEqual(defaults);
  });

  it('starts in serif, comfortably spaced, at the medium width, out of focus mode', () => {
    expect(open().readerPreferences()).toMatchObject({
      readingFont: 'serif',
      lineSpacing: 'comfortable',
      lineWidth: 'medium',
      focusMode: false,
    });
  });

  it('loads a file from before the reading settings, keeping it and quietly adding defaults', () => {
    writeFileSync(
      path.join(cwd, 'settings.json'),
      JSON.stringify({ theme: 'dark', textScale: 1.25, ...DEFAULT_PRIVACY_SETTINGS, window: null }),
    );
    const logger = captureLogger();
    const settings = open(logger);
    expect(settings.readerPreferences()).toEqual({ ...defaults, theme: 'dark', textScale: 1.25 });
    expect(logger.lines).toEqual([]);
    expect(readdirSync(cwd).filter((name) => name.includes('.damaged-'))).toEqual([]);
    settings.updateReaderPreferences({ lineWidth: 'wide' });
    expect(open().readerPreferences()).toEqual({
      ...defaults,
      theme: 'dark',
      textScale: 1.25,
      lineWidth: 'wide',
    });
  });

  it('starts discreet: unlocking opens the quiet start page, titles as written, spelling unchecked', () => {
    expect(open().readerPreferences()).toMatchObject({
      unlockOpens: 'start-page',
      discreetTitles: false,
      spellCheck: false,
    });
  });

  it('loads a file from before the discretion settings, keeping it and quietly adding defaults', () => {
    const earlier = {
      theme: 'sepia',
      textScale: 1.5,
      readingFont: 'sans',
      lineSpacing: 'airy',
      lineWidth: 'wide',
      focusMode: true,
    } as const;
    writeFileSync(
      path.join(cwd, 'settings.json'),
      JSON.stringify({ ...earlier, ...DEFAULT_PRIVACY_SETTINGS, window: null }),
    );
    const logger = captureLogger();
    const settings = open(logger);
    expect(settings.readerPreferences()).toEqual({
      ...earlier,
      unlockOpens: 'start-page',
      discreetTitles: false,
      spellCheck: false,
    });
    expect(logger.lines).toEqual([]);
    expect(readdirSync(cwd).filter((name) => name.includes('.damaged-'))).toEqual([]);
    settings.updateReaderPreferences({ unlockOpens: 'last-place', discreetTitles: true });
    expect(open().readerPreferences()).toEqual({
      ...earlier,
      unlockOpens: 'last-place',
      discreetTitles: true,
      spellCheck: false,
    });
  });

  it('sets aside a discretion setting it does not know, keeping the others', () => {
    writeFileSync(
      path.join(cwd, 'settings.json'),
      JSON.stringify({
        ...defaults,
        unlockOpens: 'somewhere-else',
        discreetTitles: true,
        ...DEFAULT_PRIVACY_SETTINGS,
        window: null,
      }),
    );
    const logger = captureLogger();
    expect(open(logger).readerPreferences()).toEqual({ ...defaults, discreetTitles: true });
    expect(logger.lines.map(({ line }) => line)).toEqual([
      expect.stringMatching(/invalid values in unlockOpens;/),
    ]);
  });

  it('puts back the usual quick hide for one written into the file that every program needs', () => {
    writeFileSync(
      path.join(cwd, 'settings.json'),
      JSON.stringify({
        ...defaults,
        ...DEFAULT_PRIVACY_SETTINGS,
        panicShortcut: 'Alt+F4',
        window: null,
      }),
    );
    const logger = captureLogger();
    expect(open(logger).privacySettings().panicShortcut).toBe(
      DEFAULT_PRIVACY_SETTINGS.panicShortcut,
    );
    expect(logger.lines.map(({ line }) => line)).toEqual([
      expect.stringMatching(/invalid values in panicShortcut;/),
    ]);
    expect(readdirSync(cwd).filter((name) => name.includes('.damaged-'))).toHaveLength(1);
  });

  it('keeps each reading setting for the next launch', () => {
    const changed = {
      theme: 'sepia',
      readingFont: 'sans',
      lineSpacing: 'airy',
      lineWidth: 'narrow',
      focusMode: true,
      unlockOpens: 'last-place',
      discreetTitles: true,
      spellCheck: true,
    } as const;
    expect(open().updateReaderPreferences(changed)).toEqual({ ...defaults, ...changed });
    expect(open().readerPreferences()).toEqual({ ...defaults, ...changed });
  });

  it('sets aside a reading setting it does not know, keeping the others', () => {
    writeFileSync(
      path.join(cwd, 'settings.json'),
      JSON.stringify({
        theme: 'sepia',
        textScale: 1,
        lineSpacing: 'double',
        ...DEFAULT_PRIVACY_SETTINGS,
        window: null,
      }),
    );
    const logger = captureLogger();
    expect(open(logger).readerPreferences()).toEqual({ ...defaults, theme: 'sepia' });
    expect(logger.lines.map(({ line }) => line)).toEqual([
      expect.stringMatching(/invalid values in lineSpacing;/),
    ]);
  });

  it('applies a partial update and keeps it for the next launch', () => {
    const settings = open();
    expect(settings.updateReaderPreferences({ theme: 'dark' })).toEqual({
      ...defaults,
      theme: 'dark',
      textScale: 1,
    });
    settings.updateReaderPreferences({ textScale: 1.25 });
    expect(open().readerPreferences()).toEqual({ ...defaults, theme: 'dark', textScale: 1.25 });
  });

  it('treats a field sent as undefined as left alone', () => {
    const settings = open();
    settings.updateReaderPreferences({ theme: 'light' });
    expect(settings.updateReaderPreferences({ theme: undefined, textScale: 1.5 })).toEqual({
      ...defaults,
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
