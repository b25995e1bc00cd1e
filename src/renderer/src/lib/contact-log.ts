import type { ContactFrom, StepWorkEntry } from '../../../shared/companion/model';
import type { StepWork } from '../../../shared/notebook/model';
import { addDays, daysBetween } from './dates';

/**
 * Step 4's log of contact: his messages and the person's own attempts, each on a day. What
 * it tells is only ever how long it has been, never a streak or a goal: the guide asks the
 * person to stop reaching out, and the log is there to notice, not to keep score.
 */

export type ContactItem = StepWork & { entry: Extract<StepWorkEntry, { type: 'contact' }> };

/** How many days the timeline shows, ending today: six weeks. */
export const TIMELINE_DAYS = 42;

/** The log newest day first; on one day, the one written last first. */
export function byDay(items: readonly ContactItem[]): ContactItem[] {
  return [...items].sort(
    (a, b) => b.entry.date.localeCompare(a.entry.date) || b.created.localeCompare(a.created),
  );
}

/**
 * Whole days since the latest contact `from` one side, on the computer's calendar; null if
 * there is none yet. A day chosen after today is left out: it has not happened.
 */
export function daysSinceLast(
  items: readonly ContactItem[],
  from: ContactFrom,
  today: string,
): number | null {
  const days = items
    .filter(({ entry }) => entry.from === from && entry.date <= today)
    .map(({ entry }) => daysBetween(entry.date, today));
  return days.length === 0 ? null : Math.min(...days);
}

/** One day of the timeline that has something logged: how much came from each side. */
export interface TimelineDay {
  date: string;
  /** Days after the timeline's first day, 0 to TIMELINE_DAYS - 1. */
  index: number;
  him: number;
  me: number;
}

/** The timeline's first day, and its days that have anything logged, oldest first. */
export function timeline(
  items: readonly ContactItem[],
  today: string,
): { start: string; days: TimelineDay[] } {
  const start = addDays(today, 1 - TIMELINE_DAYS);
  const days = new Map<string, TimelineDay>();
  for (const { entry } of items) {
    if (entry.date < start || entry.date > today) continue;
    const day = days.get(entry.date) ?? {
      date: entry.date,
      index: daysBetween(start, entry.date),
      him: 0,
      me: 0,
    };
    day[entry.from] += 1;
    days.set(entry.date, day);
  }
  return { start, days: [...days.values()].sort((a, b) => a.index - b.index) };
}
