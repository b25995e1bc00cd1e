/**
 * Dates as the person's own language writes them, in a few named formats so that the same
 * kind of date looks the same on every page.
 */
const FORMATS = {
  /** "Thursday, 26 November 2026": the heading of a journal entry. */
  long: { dateStyle: 'full' },
  /** "26 November 2026": a date within a sentence, as in the guide's credits. */
  written: { dateStyle: 'long' },
  /** "26 Nov 2026": beside an item in a list. */
  short: { dateStyle: 'medium' },
  /** "26 Nov 2026, 09:00": when an earlier version of a note was saved. */
  shortWithTime: { dateStyle: 'medium', timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateFormat = keyof typeof FORMATS;

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

// One formatter per format and kind of date: building one is slow next to using it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(format: DateFormat, calendarDay: boolean): Intl.DateTimeFormat {
  const key = `${format}:${calendarDay}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(navigator.languages, {
      ...FORMATS[format],
      ...(calendarDay ? { timeZone: 'UTC' } : {}),
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * `iso` is either a calendar day ("2026-11-26": a journal entry's date, the guide's
 * publication), which is the same day wherever the computer is, or a moment (a timestamp),
 * shown in the computer's own time zone.
 */
export function formatDate(iso: string, format: DateFormat): string {
  const calendarDay = CALENDAR_DAY.test(iso);
  return formatterFor(format, calendarDay).format(new Date(calendarDay ? `${iso}T00:00:00Z` : iso));
}

/** Today on this computer's calendar, as a date field holds it: "2026-11-26". */
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
