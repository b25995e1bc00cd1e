import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { openConfSettingsFile } from '../../../test/support/settings-file';
import { tempDirs } from '../../../test/support/temp-dir';
import { DEFAULT_AUTOMATIC_BACKUP_SETTINGS } from '../../shared/backup/automatic-backup';
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

describe('the automatic backup settings', () => {
  const writeFile = (settings: Record<string, unknown>) =>
    writeFileSync(
      path.join(cwd, 'settings.json'),
      JSON.stringify({ ...defaults, ...DEFAULT_PRIVACY_SETTINGS, window: null, ...settings }),
    );
  const setAside = () => readdirSync(cwd).filter((name) => name.includes('.damaged-'));

  it('start off, with no folder, keeping seven, having written none', () => {
    expect(open().automaticBackup()).toEqual({
      folder: null,
      every: 'off',
      keep: 7,
      lastAutomaticAt: null,
      written: [],
    });
  });

  it('are taken as their defaults, quietly, from a file written before them', () => {
    writeFile({ theme: 'dark' });
    const logger = captureLogger();
    const settings = open(logger);
    expect(settings.automaticBackup()).toEqual(DEFAULT_AUTOMATIC_BACKUP_SETTINGS);
    expect(settings.readerPreferences().theme).toBe('dark');
    expect(logger.lines).toEqual([]);
    expect(setAside()).toEqual([]);
  });

  it('take a value missing from the group as its default, quietly, keeping the others', () => {
    writeFile({ backup: { folder: '/backups', every: 'week' } });
    const logger = captureLogger();
    expect(open(logger).automaticBackup()).toEqual({
      ...DEFAULT_AUTOMATIC_BACKUP_SETTINGS,
      folder: '/backups',
      every: 'week',
    });
    expect(logger.lines).toEqual([]);
  });

  it('lose only the damaged values, which are set aside, keeping the group’s others and the file’s', () => {
    writeFile({
      theme: 'sepia',
      backup: {
        folder: 'relative/folder',
        every: 'hourly',
        keep: 3,
        lastAutomaticAt: '2025-03-10T08:00:00.000Z',
      },
    });
    const logger = captureLogger();
    const settings = open(logger);
    expect(settings.automaticBackup()).toEqual({
      folder: null,
      every: 'off',
      keep: 3,
      lastAutomaticAt: '2025-03-10T08:00:00.000Z',
      written: [],
    });
    expect(settings.readerPreferences().theme).toBe('sepia');
    expect(logger.lines.map(({ line }) => line)).toEqual([
      expect.stringMatching(/invalid values in backup;/),
    ]);
    expect(setAside()).toHaveLength(1);
    expect(open().automaticBackup().keep).toBe(3);
  });

  it.each([
    ['a count out of range', { keep: 0 }],
    ['a count that is not whole', { keep: 2.5 }],
    ['a count beyond the most kept', { keep: 101 }],
    ['a time that is no time', { lastAutomaticAt: 'yesterday' }],
    ['a folder too long to be one', { folder: `/${'a'.repeat(4096)}` }],
    ['a folder holding NUL', { folder: '/backups\0/elsewhere' }],
    ['a list of backups written that is no list', { written: 'all of them' }],
    ['a name written that leads out of the folder', { written: ['../../tax return.pdf'] }],
    ['a name written that is no automatic backup’s', { written: ['passport scan.pdf'] }],
    [
      'more names written than may be kept',
      {
        written: Array.from(
          { length: 101 },
          (_, day) => `stillwater-2025-01-01-${String(day).padStart(6, '0')}.stillwater-backup`,
        ),
      },
    ],
  ])('put the default back for %s', (_what, damaged) => {
    writeFile({ backup: { ...DEFAULT_AUTOMATIC_BACKUP_SETTINGS, every: 'day', ...damaged } });
    const logger = captureLogger();
    expect(open(logger).automaticBackup()).toEqual({
      ...DEFAULT_AUTOMATIC_BACKUP_SETTINGS,
      every: 'day',
    });
    expect(logger.lines).toHaveLength(1);
  });

  it.each([
    ['a list', ['day']],
    ['text', 'weekly'],
    ['null', null],
  ])('are all defaults when the group is %s', (_what, damaged) => {
    writeFile({ backup: damaged });
    const logger = captureLogger();
    expect(open(logger).automaticBackup()).toEqual(DEFAULT_AUTOMATIC_BACKUP_SETTINGS);
    expect(logger.lines.map(({ line }) => line)).toEqual([
      expect.stringMatching(/invalid values in backup;/),
    ]);
  });

  it('keep each change for the next launch, the rest of the group left as it was', () => {
    const settings = open();
    settings.updateAutomaticBackup({ folder: '/home/someone/Backups' });
    expect(settings.updateAutomaticBackup({ every: 'week', keep: 12, folder: undefined })).toEqual({
      folder: '/home/someone/Backups',
      every: 'week',
      keep: 12,
      lastAutomaticAt: null,
      written: [],
    });
    const written = ['stillwater-2025-03-10-080000.stillwater-backup'];
    settings.updateAutomaticBackup({ lastAutomaticAt: '2025-03-10T08:00:00.000Z', written });
    expect(open().automaticBackup()).toEqual({
      folder: '/home/someone/Backups',
      every: 'week',
      keep: 12,
      lastAutomaticAt: '2025-03-10T08:00:00.000Z',
      written,
    });
  });

  it('refuse a folder that is not absolute, and keep the one before', () => {
    const settings = open();
    settings.updateAutomaticBackup({ folder: 'C:\\Users\\someone\\Backups' });
    expect(() => settings.updateAutomaticBackup({ folder: 'Backups' })).toThrow();
    expect(open().automaticBackup().folder).toBe('C:\\Users\\someone\\Backups');
  });
});
