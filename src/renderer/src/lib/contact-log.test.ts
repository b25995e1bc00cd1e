import { describe, expect, it } from 'vitest';
import type { ContactFrom } from '../../../shared/companion/model';
import { byDay, daysSinceLast, timeline, type ContactItem } from './contact-log';

let made = 0;
/** A logged contact as the notebook holds one; written in the order they are made. */
function contact(date: string, from: ContactFrom): ContactItem {
  made += 1;
  const created = new Date(Date.UTC(2026, 0, 1, 0, made)).toISOString();
  return {
    kind: 'step-work',
    id: `contact-${made}`,
    created,
    updated: created,
    entry: { type: 'contact', date, from, note: '' },
  };
}

describe('the contact log’s counts', () => {
  const log = [
    contact('2026-02-26', 'him'),
    contact('2026-03-01', 'me'),
    contact('2026-03-03', 'me'),
    contact('2026-03-09', 'him'),
  ];

  it('counts calendar days since the latest contact from each side, to the day given', () => {
    expect(daysSinceLast(log, 'me', '2026-03-04')).toBe(1);
    expect(daysSinceLast(log, 'me', '2026-03-03')).toBe(0);
    // A day after the one given has not happened yet: the latest is the one before it.
    expect(daysSinceLast(log, 'him', '2026-03-04')).toBe(6);
    expect(daysSinceLast([], 'him', '2026-03-04')).toBeNull();
    expect(daysSinceLast(log.slice(3), 'him', '2026-03-04')).toBeNull();
  });

  it('lists the newest day first, and on one day the one written last first', () => {
    const first = contact('2026-03-05', 'me');
    const second = contact('2026-03-05', 'him');
    expect(byDay([...log, first, second]).map((item) => item.id)).toEqual([
      log[3]?.id,
      second.id,
      first.id,
      log[2]?.id,
      log[1]?.id,
      log[0]?.id,
    ]);
  });

  it('puts six weeks on the timeline, counting each side on each day', () => {
    const { start, days } = timeline(
      [...log, contact('2026-03-09', 'him'), contact('2026-01-01', 'me')],
      '2026-03-10',
    );
    expect(start).toBe('2026-01-28');
    expect(days).toEqual([
      { date: '2026-02-26', index: 29, him: 1, me: 0 },
      { date: '2026-03-01', index: 32, him: 0, me: 1 },
      { date: '2026-03-03', index: 34, him: 0, me: 1 },
      { date: '2026-03-09', index: 40, him: 2, me: 0 },
    ]);
  });
});
