import {
  REVISIONS_KEPT,
  TRASH_DAYS,
  type NoteRevision,
  type TrashedItem,
} from '../../shared/notebook/model';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Typing keeps saving; a new revision is kept at most this often. */
export const REVISION_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Whether saving `next` over `previous` should keep `previous` as a revision: when enough
 * time has passed since the last one, or when most of the text is about to disappear, so
 * that an accidental select-all-and-delete can always be undone.
 */
export function shouldKeepRevision(
  previous: string,
  next: string,
  lastRevisionAt: number | null,
  now: number,
): boolean {
  if (previous === next || previous.trim() === '') return false;
  if (next.length < previous.length / 2) return true;
  if (continuesWord(previous, next)) return false;
  return lastRevisionAt === null || now - lastRevisionAt >= REVISION_INTERVAL_MS;
}

/**
 * Whether `next` only goes on typing the word `previous` ends in: `previous` is then a
 * pause in the middle of a word, not a version worth keeping.
 */
export function continuesWord(previous: string, next: string): boolean {
  return (
    next.startsWith(previous) &&
    /[\p{L}\p{N}]$/u.test(previous) &&
    /^[\p{L}\p{N}\p{M}]/u.test(next.slice(previous.length))
  );
}

/** When the newest of a note's revisions was kept, or null when it has none. */
export function lastRevisionTime(revisions: NoteRevision[]): number | null {
  return revisions.map((r) => Date.parse(r.savedAt)).sort((a, b) => b - a)[0] ?? null;
}

/** A note's revisions, the newest first: the order they are offered in, and kept by. */
export function newestFirst(revisions: NoteRevision[]): NoteRevision[] {
  return [...revisions].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** The revisions beyond the newest REVISIONS_KEPT, oldest first: these may go. */
export function revisionsBeyondLimit(
  revisions: NoteRevision[],
  limit = REVISIONS_KEPT,
): NoteRevision[] {
  return newestFirst(revisions).slice(limit).reverse();
}

/** Items that have been in the trash for TRASH_DAYS or more. */
export function expiredTrash(trash: TrashedItem[], now: number, days = TRASH_DAYS): TrashedItem[] {
  return trash.filter((entry) => now - Date.parse(entry.trashedAt) >= days * DAY_MS);
}
