import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDayOf,
  daysBetween,
  computerLocale,
  formatDate,
  formatDateTime,
  isCalendarDay,
  today,
} from './dates';

describe('dates', () => {
  it('writes a calendar day the same wherever the computer is', () => {
    // jsdom speaks en-US, as an American reader's computer does.
    expect(computerLocale()).toBe('en-US');
    expect(formatDate('2026-11-26')).toBe('Thursday, November 26, 2026');
    expect(formatDate('2021-10-13')).toBe('Wednesday, October 13, 2021');
  });

  it('has one form for every date, in each language the computer may speak', () => {
    const moment = new Date(2026, 10, 26, 9, 5).toISOString();
    // Versions of ICU differ on the comma after the weekday in British English.
    for (const [locale, written] of [
      ['en-US', 'Thursday, November 26, 2026'],
      ['en-GB', 'Thursday,? 26 November 2026'],
      ['de-DE', 'Donnerstag, 26\\. November 2026'],
    ] as const) {
      // A calendar day and a moment on the same day read the same.
      expect(formatDate('2026-11-26', locale)).toMatch(new RegExp(`^${written}$`));
      expect(formatDate(moment, locale)).toMatch(new RegExp(`^${written}$`));
      // The time follows the same date, never a shorter or numeric one.
      expect(formatDateTime(moment, locale)).toMatch(new RegExp(`^${written}\\D+0?9:05(\\sAM)?$`));
    }
  });

  it('writes a moment on this computer’s clock, with the time when asked', () => {
    const moment = new Date(2026, 10, 26, 9, 5).toISOString();
    expect(formatDate(moment)).toBe('Thursday, November 26, 2026');
    // Newer ICU puts a narrow no-break space before AM.
    expect(formatDateTime(moment)).toMatch(/^Thursday, November 26, 2026 at 9:05\sAM$/);
  });

  it('gives today as the notebook stores a date', () => {
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('knows a real day from something that only looks like one', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('')).toBe(false);
  });

  it('counts whole calendar days between two days, across months, years and clock changes', () => {
    expect(daysBetween('2026-03-01', '2026-03-04')).toBe(3);
    expect(daysBetween('2026-03-04', '2026-03-01')).toBe(-3);
    // Europe's clocks go forward on 29 March 2026, America's on 8 March: still one day each.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('the calendar day of a date, for filtering', () => {
  const zone = process.env['TZ'];
  afterEach(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });

  it('is the day the list shows: a moment on this computer’s own calendar', () => {
    // Four in the afternoon in California is already the next day in UTC.
    process.env['TZ'] = 'America/Los_Angeles';
    expect(calendarDayOf('2026-11-27T00:03:00.000Z')).toBe('2026-11-26');
    expect(calendarDayOf('2026-11-27')).toBe('2026-11-27');
  });
});
