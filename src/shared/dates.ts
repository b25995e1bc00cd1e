/**
 * Stillwater's one way of writing a date, and its one way of writing a moment with its time,
 * in the computer's own language: every page, list, chart and date field shows a date through
 * here, so a day looks the same wherever it appears. The long form, with the weekday, reads
 * best in a journal ("Thursday, 26 November 2026") and leaves no doubt about which number is
 * the day; it is also how the calendar of a date field names each of its days.
 */
const DATE: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
};

/** The date as above, and the time on the computer's clock ("… 2026 at 09:05"). */
const DATE_AND_TIME: Intl.DateTimeFormatOptions = { ...DATE, hour: 'numeric', minute: '2-digit' };

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

// One formatter per language and kind of date: building one is slow next to using it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: string, withTime: boolean, calendarDay: boolean) {
  const key = `${locale}|${withTime}|${calendarDay}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      ...(withTime ? DATE_AND_TIME : DATE),
      // A calendar day is read at midnight UTC, so it is written in UTC to stay that day.
      ...(calendarDay ? { timeZone: 'UTC' } : {}),
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

function format(iso: string, withTime: boolean, locale: string): string {
  const calendarDay = CALENDAR_DAY.test(iso);
  return formatterFor(locale, withTime && !calendarDay, calendarDay).format(
    new Date(calendarDay ? `${iso}T00:00:00Z` : iso),
  );
}

/**
 * `iso` is either a calendar day ("2026-11-26": a journal entry's date, the guide's
 * publication), which is the same day wherever the computer is, or a moment (a timestamp),
 * whose day is the one on the computer's own calendar.
 */
export function formatDate(iso: string, locale: string): string {
  return format(iso, false, locale);
}

/** A moment (a timestamp) with its time on the computer's clock, as when a note was saved. */
export function formatDateTime(iso: string, locale: string): string {
  return format(iso, true, locale);
}

/** Whether `value` is a real day as the notebook stores one: "2026-02-30" is not. */
export function isCalendarDay(value: string): boolean {
  if (!CALENDAR_DAY.test(value)) return false;
  const midnight = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(midnight) && new Date(midnight).toISOString().startsWith(value);
}

/** Today on this computer's calendar, as the notebook stores a date: "2026-11-26". */
export function today(now = new Date()): string {
  const twoDigits = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${twoDigits(now.getMonth() + 1)}-${twoDigits(now.getDate())}`;
}

/**
 * The day on this computer's calendar that `iso` falls on: a calendar day as it is, a
 * moment in the computer's own time zone, as formatDate shows it.
 */
export function calendarDayOf(iso: string): string {
  return CALENDAR_DAY.test(iso) ? iso : today(new Date(iso));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of a calendar day: days are counted there, where no clock ever changes. */
const midnightOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Whole calendar days from one day to another ("2026-03-01" to "2026-03-04" is 3). */
export function daysBetween(from: string, to: string): number {
  return Math.round((midnightOf(to) - midnightOf(from)) / DAY_MS);
}

/** The calendar day `days` after `day` (before it, for a negative count). */
export function addDays(day: string, days: number): string {
  return new Date(midnightOf(day) + days * DAY_MS).toISOString().slice(0, 10);
}
