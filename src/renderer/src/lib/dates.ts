import {
  formatDate as formatDateIn,
  formatDateTime as formatDateTimeIn,
} from '../../../shared/dates';

export { addDays, calendarDayOf, daysBetween, isCalendarDay, today } from '../../../shared/dates';

let theComputerLocale: string | undefined;

/**
 * The computer's language as Chromium reports it (in Electron, the system's), or the first
 * of its languages that Intl can write dates in.
 */
export function computerLocale(): string {
  // Asked once: the computer's language does not change while Stillwater runs.
  theComputerLocale ??= new Intl.DateTimeFormat(navigator.languages).resolvedOptions().locale;
  return theComputerLocale;
}

/** A calendar day or a moment, as Stillwater writes a date (see shared/dates). */
export function formatDate(iso: string, locale = computerLocale()): string {
  return formatDateIn(iso, locale);
}

/** A moment with its time on the computer's clock, as when a note was saved. */
export function formatDateTime(iso: string, locale = computerLocale()): string {
  return formatDateTimeIn(iso, locale);
}
