import type { JournalEntry } from './model';

/**
 * The orders the notebook's lists keep, the same in main and on the page: main sends the
 * journal in pages by this order, and the page keeps it by the same one.
 */

/** Compares two ISO dates or timestamps: as written, they sort as they happened. */
export const compareIso = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const compareIds = (a: { id: string }, b: { id: string }): number => compareIso(a.id, b.id);

type Stamped = { id: string; created: string };

export const oldestFirst = (a: Stamped, b: Stamped): number =>
  compareIso(a.created, b.created) || compareIds(a, b);

export const newestFirst = (a: Stamped, b: Stamped): number =>
  compareIso(b.created, a.created) || compareIds(a, b);

/** Where a journal entry stands in the journal: enough to say which entries come after it. */
export type JournalPlace = Pick<JournalEntry, 'date' | 'created' | 'id'>;

/** Newest day first; on one day, the entry written last first; never a tie. */
export const journalOrder = (a: JournalPlace, b: JournalPlace): number =>
  compareIso(b.date, a.date) || newestFirst(a, b);
