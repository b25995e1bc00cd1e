import type { StepWorkEntry } from '../../shared/companion/schemas';
import type { SectionId } from '../../shared/guide/ids';
import type {
  Draft,
  NoteRevision,
  NotebookIntegrity,
  NotebookItem,
  SectionNote,
  StepWork,
  TrashedItem,
} from '../../shared/notebook/model';
import type { IntegrityReport, StoredRecord, UnreadableRecord } from '../vault/vault';
import { readNotebookRecord, type DraftRecordId } from './stored-records';

/** What the vault's list() found. */
interface Listing {
  records: StoredRecord[];
  unreadable: UnreadableRecord[];
  integrity: IntegrityReport;
}

/** The notebook as read from the vault: decrypted, sorted by what each record holds. */
export interface NotebookContents {
  items: Map<string, NotebookItem>;
  trash: Map<string, TrashedItem>;
  /** Each note's earlier versions, by the note's id. */
  revisions: Map<string, NoteRevision[]>;
  drafts: Map<string, Draft>;
  unreadable: number;
  integrity: NotebookIntegrity;
  /**
   * Every record found but not read: one the vault could not open, one whose body is
   * damaged or from a newer Stillwater, and one the manifest does not vouch for. Nothing is
   * ever written over them, nor are they deleted.
   */
  unread: Set<string>;
}

/** The listing without `others`: records another part of Stillwater keeps, and speaks for. */
function withoutOthers(listing: Listing, others: ReadonlySet<string>): Listing {
  const ours = (id: string) => !others.has(id);
  const { integrity } = listing;
  return {
    records: listing.records.filter((record) => ours(record.id)),
    unreadable: listing.unreadable.filter((record) => ours(record.recordId)),
    integrity: {
      ...integrity,
      missing: integrity.missing.filter(ours),
      stale: integrity.stale.filter(ours),
      replayed: integrity.replayed.filter(ours),
    },
  };
}

/**
 * Sorts what the vault listed into the notebook's parts. Records the vault could not open,
 * and notebook records whose body is damaged, are only counted, and their ids kept. Records
 * in `others` (the reading place) are left out: their troubles are not the notebook's.
 */
export function notebookContents(
  listing: Listing,
  draftRecordId: DraftRecordId,
  others: ReadonlySet<string> = new Set(),
): NotebookContents {
  const { records, unreadable, integrity } = withoutOthers(listing, others);
  const contents: NotebookContents = {
    items: new Map(),
    trash: new Map(),
    revisions: new Map(),
    drafts: new Map(),
    unreadable: unreadable.length,
    integrity: integrityOf(integrity),
    unread: new Set([
      ...unreadable.map((record) => record.recordId),
      ...integrity.stale,
      ...integrity.replayed,
    ]),
  };
  for (const record of records) {
    const read = readNotebookRecord(record, draftRecordId);
    if (read === 'damaged') {
      contents.unreadable += 1;
      contents.unread.add(record.id);
    } else if (read?.kind === 'item') contents.items.set(read.item.id, read.item);
    else if (read?.kind === 'trash') contents.trash.set(record.id, read.entry);
    else if (read?.kind === 'draft') contents.drafts.set(read.draft.key, read.draft);
    else if (read?.kind === 'revision') {
      const list = contents.revisions.get(read.revision.noteId) ?? [];
      list.push(read.revision);
      contents.revisions.set(read.revision.noteId, list);
    }
  }
  return contents;
}

/** The manifest's findings as counts: ids mean nothing to a person. */
function integrityOf(report: IntegrityReport): NotebookIntegrity {
  return {
    missing: report.missing.length,
    stale: report.stale.length,
    replayed: report.replayed.length,
    unverified: report.unverified,
  };
}

/** Whether two entries are of the same tool, and for a step's answers, the same step. */
export function isSameSlot(a: StepWorkEntry, b: StepWorkEntry): boolean {
  return a.type === b.type && (a.type !== 'step' || (b.type === 'step' && a.step === b.step));
}

/**
 * The one entry of the companion that `entry` would replace: its step's answers, or the
 * weighing. Other entries (messages, needs, the log, things to do) are many.
 */
export function stepWorkOf(
  items: Iterable<NotebookItem>,
  entry: StepWorkEntry,
): StepWork | undefined {
  if (entry.type !== 'step' && entry.type !== 'weighing') return undefined;
  let found: StepWork | undefined;
  for (const item of items) {
    if (item.kind !== 'step-work' || item.entry.type !== entry.type) continue;
    if (entry.type === 'step' && item.entry.type === 'step' && item.entry.step !== entry.step)
      continue;
    if (!found || item.updated > found.updated) found = item;
  }
  return found;
}

/** The section's one note; should older data hold two, the one written last. */
export function sectionNoteOf(
  items: Iterable<NotebookItem>,
  sectionId: SectionId,
): SectionNote | undefined {
  let found: SectionNote | undefined;
  for (const item of items) {
    if (item.kind === 'note' && item.sectionId === sectionId) {
      if (!found || item.updated > found.updated) found = item;
    }
  }
  return found;
}
