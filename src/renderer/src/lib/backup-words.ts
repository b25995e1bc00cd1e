import type { MergeCount, MergeSummary } from '../../../shared/backup/schemas';
import { quantity } from './text';

const ITEM_WORDS: Record<keyof MergeCount, [one: string, many: string]> = {
  notes: ['note', 'notes'],
  highlights: ['highlight', 'highlights'],
  journalEntries: ['journal entry', 'journal entries'],
  stepWork: ['page of step work', 'pages of step work'],
  inTrash: ['item in the trash', 'items in the trash'],
  earlierVersions: ['earlier version of a note', 'earlier versions of notes'],
};

/** "3 notes, 1 highlight and 2 journal entries"; empty when every count is 0. */
export function countsInWords(counts: MergeCount): string {
  const parts = (Object.keys(ITEM_WORDS) as (keyof MergeCount)[])
    .filter((kind) => counts[kind] > 0)
    .map((kind) => quantity(counts[kind], ...ITEM_WORDS[kind]));
  if (parts.length < 2) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * What a merge brings in and changes, a sentence a line, as it would (before) or as it did
 * (after); empty when it changes nothing.
 */
export function mergeInWords(summary: MergeSummary, when: 'before' | 'after'): string[] {
  const [add, bring] = when === 'before' ? ['Adds', 'Brings in'] : ['Added', 'Brought in'];
  const added = countsInWords(summary.added);
  const updated = countsInWords(summary.updated);
  return [
    ...(added ? [`${add} ${added}.`] : []),
    ...(updated ? [`${bring} newer versions of ${updated}.`] : []),
    ...(summary.placeAndDrafts > 0
      ? [`${bring} your place in the guide, or unsaved drafts, where the backup’s were newer.`]
      : []),
  ];
}

/** What a merge leaves as it is, in one sentence. */
export function keptInWords(summary: MergeSummary): string {
  const kept = summary.same + summary.keptHere;
  const parts = [
    kept > 0 &&
      `Already here, the same or newer, and left as they are: ${quantity(kept, 'item', 'items')}.`,
    summary.skipped > 0 &&
      `Not brought in, since this version of Stillwater cannot read them: ${quantity(summary.skipped, 'item', 'items')}.`,
  ];
  return parts.filter(Boolean).join(' ');
}

/** A file's size as people say it: "840 kB", "12.5 MB". */
export function sizeInWords(bytes: number): string {
  const [value, unit] =
    bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [bytes / 1_000, 'kilobyte'];
  return new Intl.NumberFormat(undefined, {
    style: 'unit',
    unit,
    maximumFractionDigits: 1,
  }).format(value);
}

/** What a backup had to leave out, because it could not be read when the backup was made. */
export function leftOutInWords(leftOut: number): string {
  return `${quantity(leftOut, 'item', 'items')} Stillwater could not read when it was made ${leftOut === 1 ? 'is' : 'are'} not in it.`;
}
