import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogger } from '../../../test/support/capture-logger';
import { openConfSettingsFile } from '../../../test/support/settings-file';
import { tempDirs } from '../../../test/support/temp-dir';
import { MAX_SETTINGS_FILE_BYTES, openValidatedStore } from './validated-store';

const Schema = z.object({
  theme: z.enum(['light', 'dark']),
  size: z.number().int().min(1).max(5),
});
const defaults = { theme: 'light' as const, size: 3 };

const makeDir = tempDirs();
let cwd: string;
beforeEach(() => {
  cwd = makeDir();
});

function open(logger = captureLogger('prefs')) {
  const store = openValidatedStore({
    name: 'prefs',
    cwd,
    openFile: openConfSettingsFile,
    schema: Schema,
    defaults,
    logger,
    now: () => new Date('2026-01-02T03:04:05.678Z'),
  });
  return { store, logger };
}

const asideFiles = () => readdirSync(cwd).filter((name) => name.includes('.damaged-'));

describe('openValidatedStore', () => {
  it('starts from defaults and keeps what is written across openings', () => {
    const { store } = open();
    expect(store.read()).toEqual(defaults);
    store.write({ theme: 'dark', size: 5 });
    expect(open().store.read()).toEqual({ theme: 'dark', size: 5 });
  });

  it('refuses to write a value outside the schema, and keeps the old one', () => {
    const { store } = open();
    expect(() => store.write({ theme: 'dark', size: 99 })).toThrow();
    expect(open().store.read()).toEqual(defaults);
  });

  it('hands out copies, so callers cannot change the stored value by accident', () => {
    const { store } = open();
    const copy = store.read();
    copy.size = 1;
    expect(store.read().size).toBe(3);
  });

  it('falls back to defaults when the file is not JSON, and keeps the damaged file aside', () => {
    writeFileSync(path.join(cwd, 'prefs.json'), '{"theme": "dark", size: ');
    const { store, logger } = open();
    expect(store.read()).toEqual(defaults);
    expect(asideFiles()).toEqual(['prefs.json.damaged-2026-01-02T03-04-05-678Z']);
    expect(readFileSync(path.join(cwd, asideFiles()[0] ?? ''), 'utf8')).toBe(
      '{"theme": "dark", size: ',
    );
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        line: expect.stringContaining('could not be read'),
      }),
    ]);
  });

  it('keeps valid fields from a hand-edited file, resets the rest, and keeps the original', () => {
    const original = JSON.stringify({ theme: 'dark', size: 'huge' });
    writeFileSync(path.join(cwd, 'prefs.json'), original);
    const { store, logger } = open();
    expect(store.read()).toEqual({ theme: 'dark', size: 3 });
    expect(readFileSync(path.join(cwd, asideFiles()[0] ?? ''), 'utf8')).toBe(original);
    expect(logger.lines[0]?.line).toMatch(/invalid values in size;/);
    expect(JSON.parse(readFileSync(path.join(cwd, 'prefs.json'), 'utf8'))).toEqual({
      theme: 'dark',
      size: 3,
    });
  });

  it.each([['[1, 2, 3]'], ['"just a string"'], ['null'], ['42'], ['true'], ['[]']])(
    'survives a file holding %s, and keeps it aside as it was',
    (content) => {
      writeFileSync(path.join(cwd, 'prefs.json'), content);
      const { store } = open();
      expect(store.read()).toEqual(defaults);
      expect(readdirSync(cwd)).toContain('prefs.json');
      expect(asideFiles()).toHaveLength(1);
      expect(readFileSync(path.join(cwd, asideFiles()[0] ?? ''), 'utf8')).toBe(content);
      expect(open().store.read()).toEqual(defaults);
    },
  );

  it('starts afresh from a file holding an empty object, with nothing to keep aside', () => {
    writeFileSync(path.join(cwd, 'prefs.json'), '{}');
    expect(open().store.read()).toEqual(defaults);
    expect(asideFiles()).toEqual([]);
  });

  it('logs field names, never the values found in the file', () => {
    writeFileSync(path.join(cwd, 'prefs.json'), JSON.stringify({ theme: 'my secret words' }));
    const { logger } = open();
    expect(logger.lines.map((l) => l.line).join()).not.toContain('secret');
  });

  describe('sets aside, before the store opens it, a settings file Stillwater did not write', () => {
    const settingsFile = () => path.join(cwd, 'prefs.json');

    it('a link: the file it points to is never written through', () => {
      const elsewhere = path.join(cwd, 'someone-elses.json');
      writeFileSync(elsewhere, JSON.stringify({ theirs: 'kept' }));
      symlinkSync(elsewhere, settingsFile());
      const { store, logger } = open();
      store.write({ theme: 'dark', size: 2 });
      expect(JSON.parse(readFileSync(elsewhere, 'utf8'))).toEqual({ theirs: 'kept' });
      expect(lstatSync(settingsFile()).isSymbolicLink()).toBe(false);
      expect(asideFiles()).toEqual(['prefs.json.damaged-2026-01-02T03-04-05-678Z']);
      expect(logger.lines[0]?.line).toMatch(/was a link/);
    });

    // Windows has no named pipes in the file system.
    it.skipIf(process.platform === 'win32')(
      'a named pipe, which a plain read would wait on for ever',
      () => {
        execFileSync('mkfifo', [settingsFile()]);
        const { store } = open();
        expect(store.read()).toEqual(defaults);
        expect(asideFiles()).toHaveLength(1);
        expect(statSync(settingsFile()).isFile()).toBe(true);
      },
    );

    it('a file far larger than any settings', () => {
      writeFileSync(settingsFile(), ' '.repeat(MAX_SETTINGS_FILE_BYTES + 1));
      const { store, logger } = open();
      expect(store.read()).toEqual(defaults);
      expect(asideFiles()).toHaveLength(1);
      expect(logger.lines[0]?.line).toMatch(/larger than/);
    });
  });
});
