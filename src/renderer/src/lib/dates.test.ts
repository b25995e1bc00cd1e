import { afterEach, describe, expect, it } from 'vitest';
import { calendarDayOf, formatDate, today } from './dates';

// jsdom speaks en-US, so these are the forms an American reader sees.
describe('dates', () => {
  it('writes a calendar day the same wherever the computer is', () => {
    expect(formatDate('2026-11-26', 'long')).toBe('Thursday, November 26, 2026');
    expect(formatDate('2021-10-13', 'written')).toBe('October 13, 2021');
    expect(formatDate('2026-11-26', 'short')).toBe('Nov 26, 2026');
  });

  it('writes a moment on this computer’s clock, with the time when asked', () => {
    const moment = new Date(2026, 10, 26, 9, 5).toISOString();
    expect(formatDate(moment, 'short')).toBe('Nov 26, 2026');
    // Newer ICU puts a narrow no-break space before AM.
    expect(formatDate(moment, 'shortWithTime')).toMatch(/^Nov 26, 2026, 9:05\sAM$/);
  });

  it('gives today as a date field holds it', () => {
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
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
