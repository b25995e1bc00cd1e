import { describe, expect, it } from 'vitest';
import { LONGEST_WAIT_HOURS } from '../../../shared/companion/model';
import { timeLeft, timeLeftInWords, untilWordsChange, waitUntilAfter } from './waiting';

const minutes = (count: number) => count * 60_000;

describe('a message’s wait', () => {
  it('ends the chosen number of hours from now', () => {
    const now = Date.parse('2026-11-26T09:00:00.000Z');
    expect(waitUntilAfter(6, now)).toBe('2026-11-26T15:00:00.000Z');
    const saved = new Date(now).toISOString();
    expect(timeLeft('2026-11-26T15:00:00.000Z', now, saved)).toBe(minutes(360));
    expect(timeLeft('2026-11-26T08:00:00.000Z', now, saved)).toBe(0);
    expect(timeLeft(null, now, saved)).toBe(0);
  });

  it('says the time left in its two largest parts, up to the whole minute', () => {
    expect(timeLeftInWords(minutes(72 * 60))).toBe('3 days');
    expect(timeLeftInWords(minutes(24 * 60 + 61))).toBe('1 day 2 hours');
    expect(timeLeftInWords(minutes(5 * 60 + 12))).toBe('5 hours 12 minutes');
    expect(timeLeftInWords(minutes(5 * 60 + 11) + 1)).toBe('5 hours 12 minutes');
    expect(timeLeftInWords(minutes(60))).toBe('1 hour');
    expect(timeLeftInWords(minutes(2))).toBe('2 minutes');
    expect(timeLeftInWords(1)).toBe('1 minute');
  });

  it('changes its words at each whole minute', () => {
    expect(untilWordsChange(minutes(5) + 20_000)).toBe(20_000);
    expect(untilWordsChange(minutes(5))).toBe(minutes(1));
    expect(untilWordsChange(1_500)).toBe(1_500);
  });

  it('ends no later than the longest wait after the message was saved, whatever it says', () => {
    const saved = '2026-11-26T09:00:00.000Z';
    const savedAt = Date.parse(saved);
    const longest = LONGEST_WAIT_HOURS * 3_600_000;
    expect(timeLeft('9999-12-31T00:00:00.000Z', savedAt, saved)).toBe(longest);
    expect(timeLeft('9999-12-31T00:00:00.000Z', savedAt + longest, saved)).toBe(0);
    expect(timeLeft('2026-11-26T10:00:00.000Z', savedAt, saved)).toBe(3_600_000);
    expect(timeLeft(null, savedAt, saved)).toBe(0);
  });
});
