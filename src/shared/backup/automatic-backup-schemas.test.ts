import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTOMATIC_BACKUP_SETTINGS } from './automatic-backup';
import {
  AutomaticBackupPatchSchema,
  AutomaticBackupSettingsSchema,
  AutomaticBackupStatusSchema,
} from './schemas';

describe('what the page may change about automatic backups', () => {
  it('takes how often and how many', () => {
    expect(AutomaticBackupPatchSchema.parse({ every: 'week', keep: 30 })).toEqual({
      every: 'week',
      keep: 30,
    });
    expect(AutomaticBackupPatchSchema.parse({})).toEqual({});
  });

  it('never takes the folder: only main’s own dialog sets it', () => {
    expect(AutomaticBackupPatchSchema.safeParse({ folder: '/tmp/elsewhere' }).success).toBe(false);
  });

  it('refuses the time of the last backup, the backups written, and anything it does not know', () => {
    expect(
      AutomaticBackupPatchSchema.safeParse({ lastAutomaticAt: '2025-03-10T08:00:00.000Z' }).success,
    ).toBe(false);
    expect(AutomaticBackupPatchSchema.safeParse({ written: [] }).success).toBe(false);
    expect(AutomaticBackupPatchSchema.safeParse({ every: 'day', hourly: true }).success).toBe(
      false,
    );
  });

  it.each([
    { keep: 0 },
    { keep: 101 },
    { keep: 1.5 },
    { keep: '7' },
    { every: 'hour' },
    { every: null },
  ])('refuses %o', (patch) => {
    expect(AutomaticBackupPatchSchema.safeParse(patch).success).toBe(false);
  });
});

describe('the automatic backup settings and status', () => {
  it.each(['/home/someone/Backups', 'D:\\Backups', 'C:/Backups', '\\\\server\\share\\Backups'])(
    'take an absolute folder: %s',
    (folder) => {
      expect(
        AutomaticBackupSettingsSchema.safeParse({ ...DEFAULT_AUTOMATIC_BACKUP_SETTINGS, folder })
          .success,
      ).toBe(true);
    },
  );

  it.each(['Backups', './Backups', '~/Backups', '', 'C:Backups'])(
    'refuse a folder that is not absolute: "%s"',
    (folder) => {
      expect(
        AutomaticBackupSettingsSchema.safeParse({ ...DEFAULT_AUTOMATIC_BACKUP_SETTINGS, folder })
          .success,
      ).toBe(false);
    },
  );

  it('keep the names of automatic backups written, and nothing else, at most as many as may be kept', () => {
    const valid = (written: unknown) =>
      AutomaticBackupSettingsSchema.safeParse({ ...DEFAULT_AUTOMATIC_BACKUP_SETTINGS, written })
        .success;
    const named = (count: number) =>
      Array.from(
        { length: count },
        (_, second) =>
          `stillwater-2025-03-10-0800${String(second % 60).padStart(2, '0')}.stillwater-backup`,
      );
    expect(valid(named(100))).toBe(true);
    expect(valid(named(101))).toBe(false);
    for (const name of [
      'stillwater-2025-03-10-080000.stillwater-backup/../../tax return.pdf',
      '/home/someone/stillwater-2025-03-10-080000.stillwater-backup',
      'my notes before the move.stillwater-backup',
    ]) {
      expect(valid([name]), name).toBe(false);
    }
  });

  it('say why the last backup was not written, in one of the kinds the page explains', () => {
    const { written: _written, ...shown } = DEFAULT_AUTOMATIC_BACKUP_SETTINGS;
    const status = { ...shown, lastError: 'disk-full' };
    expect(AutomaticBackupStatusSchema.parse(status)).toEqual(status);
    // The names of the backups written stay in main.
    expect(
      AutomaticBackupStatusSchema.parse({ ...DEFAULT_AUTOMATIC_BACKUP_SETTINGS, lastError: null }),
    ).not.toHaveProperty('written');
    expect(
      AutomaticBackupStatusSchema.safeParse({ ...status, lastError: 'ENOSPC /home/someone' })
        .success,
    ).toBe(false);
  });
});
