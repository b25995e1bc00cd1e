import { describe, expect, it } from 'vitest';
import {
  AUTOMATIC_BACKUP_INTERVAL_MS,
  automaticBackupName,
  isAutomaticBackupName,
  isDue,
  namesToPrune,
} from './automatic-backup-policy';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);
const later = (date: Date, ms: number) => new Date(date.getTime() + ms);

describe('when an automatic backup is due', () => {
  const last = at('2025-03-10T08:00:00.000Z');

  it('is never due while automatic backups are off', () => {
    expect(isDue(null, 'off', last)).toBe(false);
    expect(isDue(last, 'off', later(last, 365 * DAY))).toBe(false);
  });

  it('is due at once the first time', () => {
    expect(isDue(null, 'day', last)).toBe(true);
    expect(isDue(null, 'week', last)).toBe(true);
  });

  it('is due a day after the last for daily backups, not a moment before', () => {
    expect(isDue(last, 'day', later(last, DAY - 1))).toBe(false);
    expect(isDue(last, 'day', later(last, DAY))).toBe(true);
  });

  it('is due seven days after the last for weekly backups, not after one', () => {
    expect(isDue(last, 'week', later(last, DAY))).toBe(false);
    expect(isDue(last, 'week', later(last, 7 * DAY - 1))).toBe(false);
    expect(isDue(last, 'week', later(last, 7 * DAY))).toBe(true);
  });

  it('takes a last time that is no date as none', () => {
    expect(isDue(new Date(Number.NaN), 'day', last)).toBe(true);
  });

  it('is due at once when the clock was put back by an interval or more', () => {
    expect(isDue(last, 'day', later(last, -DAY))).toBe(true);
    expect(isDue(last, 'week', later(last, -365 * DAY))).toBe(true);
  });

  it('waits less than one more interval when the clock was put back by less', () => {
    // An hour back: the clock reaches the last time again after an hour, then a day.
    const putBack = later(last, -HOUR);
    expect(isDue(last, 'day', putBack)).toBe(false);
    expect(isDue(last, 'day', later(putBack, HOUR + DAY - 1))).toBe(false);
    expect(isDue(last, 'day', later(putBack, HOUR + DAY))).toBe(true);
  });

  it('never goes longer than two intervals without a backup, however the clock was moved', () => {
    for (const every of ['day', 'week'] as const) {
      const interval = AUTOMATIC_BACKUP_INTERVAL_MS[every];
      for (const jump of [-10 * 365 * DAY, -interval - 1, -interval, -interval / 2, -1, 0, 1]) {
        // `real` is how long has really passed since the last backup, on a clock moved by `jump`.
        const dueAfter = [
          0,
          interval / 4,
          interval / 2,
          interval,
          1.5 * interval,
          2 * interval,
        ].find((real) => isDue(last, every, later(last, jump + real)));
        expect(dueAfter, `${every}, clock moved by ${jump} ms`).toBeLessThanOrEqual(2 * interval);
      }
    }
  });
});

describe('the names of automatic backups', () => {
  it('reads the moment in UTC, to the second', () => {
    expect(automaticBackupName(at('2025-03-10T08:04:09.987Z'))).toBe(
      'stillwater-2025-03-10-080409.stillwater-backup',
    );
    expect(automaticBackupName(at('2025-12-31T23:59:59.000-05:00'))).toBe(
      'stillwater-2026-01-01-045959.stillwater-backup',
    );
  });

  it('sorts as the moments do', () => {
    const moments = ['2025-01-02T00:00:00Z', '2025-01-10T00:00:00Z', '2025-10-01T09:00:00Z'];
    const names = moments.map((moment) => automaticBackupName(at(moment)));
    expect([...names].reverse().sort()).toEqual(names);
  });

  it('knows its own names, and only those', () => {
    expect(isAutomaticBackupName(automaticBackupName(at('2025-03-10T08:04:09Z')))).toBe(true);
    for (const name of [
      'stillwater-2025-03-10-080409.stillwater-backup.tmp',
      '.stillwater-2025-03-10-080409.stillwater-backup.abcdef.tmp',
      'stillwater-2025-03-10-0804.stillwater-backup',
      'stillwater-2025-13-10-080409.stillwater-backup',
      'stillwater-2025-02-30-080409.stillwater-backup',
      'stillwater-2025-03-10-246009.stillwater-backup',
      'Stillwater-2025-03-10-080409.stillwater-backup',
      'my notes before the move.stillwater-backup',
      'stillwater-2025-03-10-080409.stillwater-backup/',
    ]) {
      expect(isAutomaticBackupName(name), name).toBe(false);
    }
  });
});

describe('which automatic backups are removed', () => {
  const names = [
    'stillwater-2025-03-12-080000.stillwater-backup',
    'stillwater-2025-03-10-080000.stillwater-backup',
    'stillwater-2025-03-13-080000.stillwater-backup',
    'stillwater-2025-03-11-080000.stillwater-backup',
  ];

  it('removes the oldest first, so that the newest `keep` remain', () => {
    expect(namesToPrune(names, 2)).toEqual([
      'stillwater-2025-03-10-080000.stillwater-backup',
      'stillwater-2025-03-11-080000.stillwater-backup',
    ]);
    expect(namesToPrune(names, 4)).toEqual([]);
    expect(namesToPrune(names, 100)).toEqual([]);
  });

  it('never names anything else in the folder, whatever it is called', () => {
    const others = [
      'passport scan.pdf',
      'stillwater-before-moving.stillwater-backup',
      'stillwater-2025-03-01-080000.stillwater-backup.old',
      'stillwater-2025-02-30-080000.stillwater-backup',
    ];
    expect(namesToPrune([...others, ...names], 1)).toEqual([
      'stillwater-2025-03-10-080000.stillwater-backup',
      'stillwater-2025-03-11-080000.stillwater-backup',
      'stillwater-2025-03-12-080000.stillwater-backup',
    ]);
  });

  it('always keeps one, even when asked to keep none', () => {
    expect(namesToPrune(names, 0)).toHaveLength(3);
    expect(namesToPrune(names, Number.NaN)).toEqual([]);
  });

  it('keeps the backup just written even when its name is the oldest, the clock having been put back', () => {
    const justWritten = 'stillwater-2025-01-01-080000.stillwater-backup';
    expect(namesToPrune([...names, justWritten], 2, justWritten)).toEqual([
      'stillwater-2025-03-10-080000.stillwater-backup',
      'stillwater-2025-03-11-080000.stillwater-backup',
      'stillwater-2025-03-12-080000.stillwater-backup',
    ]);
  });
});
