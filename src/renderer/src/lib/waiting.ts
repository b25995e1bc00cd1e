import { LONGEST_WAIT_HOURS } from '../../../shared/companion/model';
import { quantity } from './text';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** When a message set to wait `hours` from `now` may be copied, as the notebook stores it. */
export function waitUntilAfter(hours: number, now = Date.now()): string {
  return new Date(now + hours * HOUR_MS).toISOString();
}

/**
 * How long is left before a message's wait ends, from `now`: nothing once it has passed, or
 * if there is none. A wait ends no later than the longest wait offered after the message
 * was `saved`: main caps it so as it saves, by its clock, but one saved while the clock ran
 * ahead, or written by hand, would otherwise lock the message away for as long as it says.
 */
export function timeLeft(waitUntil: string | null, now: number, saved: string): number {
  if (waitUntil === null) return 0;
  const end = Math.min(Date.parse(waitUntil), Date.parse(saved) + LONGEST_WAIT_HOURS * HOUR_MS);
  return Math.max(end - now, 0);
}

/**
 * The time left on a wait, in words: "2 days 5 hours", "5 hours 12 minutes", "12 minutes".
 * In its two largest parts only, a calm sense of how long rather than a ticking clock, and
 * counted up to the last part shown, so it never says "0 minutes" while there is still a wait.
 */
export function timeLeftInWords(ms: number): string {
  const minutes = Math.ceil(ms / MINUTE_MS);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (minutes >= 24 * 60) {
    const wholeHours = Math.ceil(minutes / 60);
    const days = Math.floor(wholeHours / 24);
    return words([quantity(days, 'day', 'days'), wholeHours % 24, 'hour', 'hours']);
  }
  if (hours > 0) return words([quantity(hours, 'hour', 'hours'), rest, 'minute', 'minutes']);
  return quantity(rest, 'minute', 'minutes');
}

/** The larger part, and the smaller one after it unless there is none of it. */
function words([larger, count, one, many]: [string, number, string, string]): string {
  return count > 0 ? `${larger} ${quantity(count, one, many)}` : larger;
}

/**
 * How long until `timeLeftInWords` says something different for a wait with `ms` left: at
 * the next whole minute, which is also the moment a wait under a minute ends.
 */
export function untilWordsChange(ms: number): number {
  return ((ms - 1) % MINUTE_MS) + 1;
}
