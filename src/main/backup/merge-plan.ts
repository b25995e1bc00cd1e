import type { MergeCount, MergeSummary } from '../../shared/backup/schemas';
import type { NoteRevision } from '../../shared/notebook/model';
import { REVISIONS_KEPT } from '../../shared/notebook/model';
import { mergedStepWork } from '../notebook/restore-merge';
import { revisionsBeyondLimit } from '../notebook/retention';
import {
  REVISION_KIND,
  draftRecordName,
  itemBody,
  readItem,
  readNotebookRecord,
  revisionBody,
  type NotebookRecord,
} from '../notebook/stored-records';
import { READING_STATE_KIND } from '../reading/reading-service';
import { readReadingState } from '../reading/stored-reading-state';
import { StoredRecordSchema, type StoredRecord } from '../vault/record-format';

/*
 * What restoring a backup into a vault that has records of its own writes: the newest
 * version of each record wins, nothing here is deleted, and the notebook's "one of" rules
 * hold afterwards (one note per section, one step's answers per step, one weighing). A pure
 * policy, like retention: the caller reads both sides and writes the plan.
 *
 * About 480 lines: the rules depend on one another (a record matched by id first,
 * then by its slot, then its earlier versions, then the cap on them), so they share one
 * working copy of the vault as the plan leaves it, kept in one class.
 */

export type { MergeSummary };

/** Where this vault files a singleton record (the reading place, a form's draft), by name. */
export interface SingletonIds {
  idHere(name: string): string;
}

export interface MergeOptions {
  /** A new random record id, for a text the merge keeps as an earlier version. */
  newRecordId: () => string;
  /**
   * Records here that the vault could not open, or that the manifest does not vouch for:
   * like a damaged one, never written over.
   */
  unreadableHere?: Iterable<string>;
}

export interface MergePlan {
  /** Whole records, to be written exactly as given (timestamps included). */
  writes: StoredRecord[];
  summary: MergeSummary;
}

/** What a record holds once read: one of the notebook's, or the reading place. */
type Read = NotebookRecord | { kind: 'place' };
interface Version {
  record: StoredRecord;
  read: Read;
}
type ItemVersion = Version & { read: { kind: 'item' } };

/** Each record kind as a person counts it; the reading place and drafts are counted apart. */
const COUNTED_AS: Partial<Record<string, keyof MergeCount>> = {
  note: 'notes',
  highlight: 'highlights',
  'journal-entry': 'journalEntries',
  'step-work': 'stepWork',
  trash: 'inTrash',
  [REVISION_KIND]: 'earlierVersions',
};
const noItems = (): MergeCount => ({
  notes: 0,
  highlights: 0,
  journalEntries: 0,
  stepWork: 0,
  inTrash: 0,
  earlierVersions: 0,
});

/** What `records` hold, counted as a person counts them: for "it holds 3 notes and …". */
export function itemCounts(records: readonly StoredRecord[]): MergeCount {
  const counts = noItems();
  for (const record of records) {
    const what = COUNTED_AS[record.kind];
    if (what) counts[what] += 1;
  }
  return counts;
}

/** Notes before their earlier versions, so a revision never arrives before its note. */
const WRITE_ORDER = Object.keys(COUNTED_AS);

const instant = (stamp: string) => Date.parse(stamp);
/** Timestamps compared as instants: the same moment may be written to another precision. */
const isNewer = (a: StoredRecord, b: StoredRecord) => instant(a.updated) > instant(b.updated);
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const oldestFirst = (a: Version, b: Version) =>
  instant(a.record.updated) - instant(b.record.updated) || byId(a.record.id, b.record.id);

/** The same JSON whatever the order of its keys: what an answer map is, once merged. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Object.entries(value).sort(([a], [b]) => byId(a, b));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
}

/**
 * What the record is to a person, whichever side of the trash it is on: two records under
 * one id are two versions of one thing only when this agrees. Anything else under the same
 * id (a collision, a planted record) is never written over.
 */
function identityOf(read: Read): string {
  if (read.kind === 'item') return read.item.kind;
  if (read.kind === 'trash') return read.entry.item.kind;
  if (read.kind === 'revision') return REVISION_KIND;
  return read.kind;
}

function readIncoming(record: StoredRecord): Read | null {
  if (!StoredRecordSchema.safeParse(record).success) return null;
  if (record.kind === READING_STATE_KIND) {
    return readReadingState(record.body) ? { kind: 'place' } : null;
  }
  // The backup's drafts are filed under its own singleton ids, made from a key this vault
  // does not have: their id is not checked here, as they are matched by their form's key.
  const read = readNotebookRecord(record, () => record.id);
  return read === 'damaged' ? null : read;
}

function readHere(record: StoredRecord, ids: SingletonIds): Read | null {
  if (record.kind === READING_STATE_KIND) {
    const ours = record.id === ids.idHere(READING_STATE_KIND) && readReadingState(record.body);
    return ours ? { kind: 'place' } : null;
  }
  const read = readNotebookRecord(record, (key) => ids.idHere(draftRecordName(key)));
  return read === 'damaged' ? null : read;
}

/**
 * The one-of slot a live item takes, as a key: a section's note, a step's answers (the slot
 * notebook-contents' isSameSlot compares), the weighing. A key rather than a comparison, so
 * that the holder of each slot is looked up, not searched for, among ten thousand records.
 */
function slotOf(read: Read): string | null {
  if (read.kind !== 'item') return null;
  const { item } = read;
  if (item.kind === 'note') return `note:${item.sectionId}`;
  if (item.kind !== 'step-work') return null;
  const { entry } = item;
  if (entry.type === 'step') return `step:${entry.step}`;
  return entry.type === 'weighing' ? 'weighing' : null;
}

const isItem = (version: Version | undefined): version is ItemVersion =>
  version?.read.kind === 'item';

/** A text the merge must keep as an earlier version of a note, unless one holds it already. */
interface KeptText {
  noteId: string;
  text: string;
  savedAt: string;
  /** Whether nothing else this backup's note brought was written. */
  onlyChange: boolean;
}

/**
 * The writes that merge `incoming` (a backup's records) into `here` (every record this vault
 * listed, the reading place included), and what they change, counted for the person.
 * `singletons` names this vault's singleton ids; `options.unreadableHere` the records it
 * found but could not read (unopened, stale, replayed), which no write may replace.
 */
export function planMerge(
  here: StoredRecord[],
  incoming: StoredRecord[],
  singletons: SingletonIds,
  options: MergeOptions,
): MergePlan {
  return new Merge(here, singletons, options).plan(incoming);
}

class Merge {
  readonly #ids: SingletonIds;
  readonly #newRecordId: () => string;
  readonly #here = new Map<string, StoredRecord>();
  /** Every readable record, as the plan leaves it. */
  readonly #result = new Map<string, Version>();
  /** Live items by the slot they take, and revisions by their note: looked up per record. */
  readonly #bySlot = new Map<string, Set<string>>();
  readonly #byNote = new Map<string, Set<string>>();
  /** The newest item of each slot, once looked for: kept as records are set. */
  readonly #holders = new Map<string, ItemVersion>();
  /** Here, but unreadable or someone else's: never written over. */
  readonly #untouchable = new Set<string>();
  readonly #writes = new Map<string, StoredRecord>();
  /** The backup's notes merged into a section's note here: their versions follow them. */
  readonly #movedNotes = new Map<string, string>();
  readonly #keptTexts: KeptText[] = [];
  /** Earlier versions only in the backup: the only ones the cap may leave out. */
  readonly #addedRevisions = new Set<string>();
  #keptHere = 0;
  #same = 0;
  #skipped = 0;

  constructor(here: StoredRecord[], ids: SingletonIds, options: MergeOptions) {
    this.#ids = ids;
    this.#newRecordId = options.newRecordId;
    for (const id of options.unreadableHere ?? []) this.#untouchable.add(id);
    for (const record of here) {
      this.#here.set(record.id, record);
      const read = readHere(record, ids);
      if (read && !this.#untouchable.has(record.id)) this.#set({ record, read });
      else this.#untouchable.add(record.id);
    }
  }

  plan(incoming: StoredRecord[]): MergePlan {
    const entries: Version[] = [];
    const revisions: Version[] = [];
    const singletons: Version[] = [];
    for (const record of incoming) {
      const read = readIncoming(record);
      if (!read) this.#skipped += 1;
      else if (read.kind === 'revision') revisions.push({ record, read });
      else if (read.kind === 'place' || read.kind === 'draft') singletons.push({ record, read });
      else entries.push({ record, read });
    }
    // Every record matched by id first, so that a slot is judged against each record's
    // newest version (a note trashed in the backup frees its section before another comes).
    const placing = entries.sort(oldestFirst).filter((version) => this.#byId(version));
    for (const version of placing) this.#intoSlot(version);
    for (const version of revisions.sort(oldestFirst)) this.#revision(version);
    this.#keepTexts();
    this.#capRevisions();
    for (const version of singletons.sort(oldestFirst)) this.#singleton(version);
    return { writes: this.#orderedWrites(), summary: this.#summary() };
  }

  /** Rule 1; true when the record still has to find its place (new, or newer and live). */
  #byId(version: Version): boolean {
    const { id } = version.record;
    if (this.#untouchable.has(id)) return this.#skip();
    const there = this.#result.get(id);
    if (!there) return true;
    if (identityOf(there.read) !== identityOf(version.read)) return this.#skip();
    if (!isNewer(version.record, there.record)) return this.#notNewer(version, there);
    // Live again where it was not (trashed here), it may find its slot taken.
    const freed = slotOf(version.read) !== null && !isItem(there);
    if (freed) return true;
    this.#write(version);
    return false;
  }

  /** Rules 3 to 6: a live note or step's work meets the one its slot holds here. */
  #intoSlot(version: Version): void {
    const holder = isItem(version) ? this.#holderFor(version) : undefined;
    if (!holder || !isItem(version)) this.#write(version);
    else if (version.read.item.kind === 'note') this.#mergeNote(version, holder);
    else this.#mergeStepWork(version, holder);
  }

  /** The record holding `version`'s slot under another id: the newest, should there be two. */
  #holderFor(version: ItemVersion): ItemVersion | undefined {
    const slot = slotOf(version.read);
    if (slot === null) return undefined;
    let holder = this.#holders.get(slot);
    if (!holder) {
      for (const id of this.#bySlot.get(slot) ?? []) {
        const other = this.#result.get(id);
        if (isItem(other) && (!holder || oldestFirst(holder, other) < 0)) holder = other;
      }
      if (holder) this.#holders.set(slot, holder);
    }
    return holder?.record.id === version.record.id ? undefined : holder;
  }

  /** Rule 3: the newer text is the section's note; the older one an earlier version of it. */
  #mergeNote(version: ItemVersion, holder: ItemVersion): void {
    const [incoming, current] = [version.read.item, holder.read.item];
    if (incoming.kind !== 'note' || current.kind !== 'note') return;
    this.#movedNotes.set(incoming.id, current.id);
    if (incoming.text === current.text) {
      this.#same += 1;
      return;
    }
    const older = isNewer(version.record, holder.record) ? holder : version;
    if (older === holder) {
      const fields = { sectionId: current.sectionId, text: incoming.text };
      // A note's text is within bounds, so the holder with it is too.
      const merged = this.#as(holder, itemBody<'note'>(fields), version.record.updated);
      if (merged) this.#write(merged);
    }
    this.#keptTexts.push({
      noteId: current.id,
      text: older === holder ? current.text : incoming.text,
      savedAt: older.record.updated,
      onlyChange: older === version,
    });
  }

  /** Rule 4: the two become one, every answer of both kept, the newer's status first. */
  #mergeStepWork(version: ItemVersion, holder: ItemVersion): void {
    const [incoming, current] = [version.read.item, holder.read.item];
    if (incoming.kind !== 'step-work' || current.kind !== 'step-work') return;
    const incomingNewer = isNewer(version.record, holder.record);
    const entry = incomingNewer
      ? mergedStepWork(incoming.entry, current.entry)
      : mergedStepWork(current.entry, incoming.entry);
    if (canonical(entry) === canonical(current.entry)) {
      this.#notNewer(version, holder);
      return;
    }
    const updated = incomingNewer ? version.record.updated : holder.record.updated;
    const merged = this.#as(holder, itemBody<'step-work'>({ entry }), updated);
    // Joined, the two may be longer than a step's answers may be. Rather than lose either,
    // the backup's is then kept beside the one here, as older vaults with two are read.
    this.#write(merged ?? version);
  }

  /**
   * `holder`'s record with a new body and `updated`, read back as the notebook will; null
   * when the notebook would find it damaged.
   */
  #as(holder: Version, body: unknown, updated: string): Version | null {
    const record = { ...holder.record, updated, body };
    const item = readItem(record);
    return item ? { record, read: { kind: 'item', item } } : null;
  }

  /** Incoming revisions follow their note to where it was merged (rule 3), else rule 1. */
  #revision(version: Version): void {
    if (version.read.kind !== 'revision') return;
    const { revision } = version.read;
    const noteId = this.#movedNotes.get(revision.noteId) ?? revision.noteId;
    const moved = { ...revision, noteId };
    const record =
      noteId === revision.noteId
        ? version.record
        : { ...version.record, body: revisionBody(moved) };
    if (this.#byId({ record, read: { kind: 'revision', revision: moved } })) {
      this.#write({ record, read: { kind: 'revision', revision: moved } });
      this.#addedRevisions.add(record.id);
    }
  }

  #keepTexts(): void {
    const keptByNote = new Map<string, Set<string>>();
    for (const { noteId, text, savedAt, onlyChange } of this.#keptTexts) {
      const kept = keptByNote.get(noteId) ?? new Set(this.#revisionsOf(noteId).map((r) => r.text));
      keptByNote.set(noteId, kept);
      if (kept.has(text)) {
        if (onlyChange) this.#keptHere += 1;
        continue;
      }
      kept.add(text);
      const revision: NoteRevision = { id: this.#newRecordId(), noteId, text, savedAt };
      const record = {
        kind: REVISION_KIND,
        id: revision.id,
        created: savedAt,
        updated: savedAt,
        body: revisionBody(revision),
      };
      this.#write({ record, read: { kind: 'revision', revision } });
    }
  }

  /**
   * At most REVISIONS_KEPT earlier versions per note, as the notebook keeps: the backup's
   * oldest are left out first, and none here is ever deleted. A text the merge itself kept
   * (one that was a note's text) is never left out; should that take a note past the cap,
   * its next saved version trims it, as the notebook does.
   */
  #capRevisions(): void {
    for (const ids of this.#byNote.values()) {
      if (ids.size <= REVISIONS_KEPT) continue;
      const revisions = [...ids].map((id) => this.#result.get(id));
      const droppable = revisions
        .filter(
          (version): version is Version => !!version && this.#addedRevisions.has(version.record.id),
        )
        .sort((a, b) => oldestFirst(a, b));
      const limit = Math.max(0, REVISIONS_KEPT - (revisions.length - droppable.length));
      const asRevisions = droppable.flatMap(({ read }) =>
        read.kind === 'revision' ? [read.revision] : [],
      );
      for (const { id } of revisionsBeyondLimit(asRevisions, limit)) this.#unwrite(id);
    }
  }

  /** Rule 2: the reading place and each form's draft, matched by name; the newer wins. */
  #singleton(version: Version): void {
    const name =
      version.read.kind === 'draft' ? draftRecordName(version.read.draft.key) : READING_STATE_KIND;
    const id = this.#ids.idHere(name);
    if (this.#untouchable.has(id)) return void this.#skip();
    const there = this.#result.get(id);
    if (there && identityOf(there.read) !== identityOf(version.read)) return void this.#skip();
    if (there && !isNewer(version.record, there.record)) return;
    const created = there?.record.created ?? version.record.created;
    this.#write({ record: { ...version.record, id, created }, read: version.read });
  }

  #notNewer(version: Version, there: Version): false {
    if (isNewer(there.record, version.record)) this.#keptHere += 1;
    else this.#same += 1;
    return false;
  }

  #skip(): false {
    this.#skipped += 1;
    return false;
  }

  #revisionsOf(noteId: string): NoteRevision[] {
    return [...(this.#byNote.get(noteId) ?? [])].flatMap((id) => {
      const read = this.#result.get(id)?.read;
      return read?.kind === 'revision' ? [read.revision] : [];
    });
  }

  #write(version: Version): void {
    this.#set(version);
    this.#writes.set(version.record.id, version.record);
  }

  /** Leaves out a write of a record only in the backup: there was nothing here to put back. */
  #unwrite(id: string): void {
    const before = this.#result.get(id);
    if (before) this.#unindex(before, null);
    this.#result.delete(id);
    this.#writes.delete(id);
  }

  #set(version: Version): void {
    const before = this.#result.get(version.record.id);
    if (before) this.#unindex(before, version);
    this.#result.set(version.record.id, version);
    this.#index(version);
  }

  #index(version: Version): void {
    const { id } = version.record;
    const { read } = version;
    if (read.kind === 'revision') {
      const { noteId } = read.revision;
      this.#byNote.set(noteId, (this.#byNote.get(noteId) ?? new Set()).add(id));
    }
    const slot = slotOf(read);
    if (slot === null || !isItem(version)) return;
    this.#bySlot.set(slot, (this.#bySlot.get(slot) ?? new Set()).add(id));
    const holder = this.#holders.get(slot);
    // A holder only ever grows newer here; should one not, the slot is looked over again.
    if (holder?.record.id === id && oldestFirst(version, holder) < 0) this.#holders.delete(slot);
    else if (holder && oldestFirst(holder, version) <= 0) this.#holders.set(slot, version);
  }

  /** Takes `before` out of the indexes, as `after` (or nothing) takes its place. */
  #unindex(before: Version, after: Version | null): void {
    const { id } = before.record;
    if (before.read.kind === 'revision') this.#byNote.get(before.read.revision.noteId)?.delete(id);
    const slot = slotOf(before.read);
    if (slot === null || (after && slotOf(after.read) === slot)) return;
    this.#bySlot.get(slot)?.delete(id);
    if (this.#holders.get(slot)?.record.id === id) this.#holders.delete(slot);
  }

  #orderedWrites(): StoredRecord[] {
    const rank = (kind: string) => {
      const at = WRITE_ORDER.indexOf(kind);
      return at === -1 ? WRITE_ORDER.length : at;
    };
    return [...this.#writes.values()].sort(
      (a, b) => rank(a.kind) - rank(b.kind) || byId(a.kind, b.kind) || byId(a.id, b.id),
    );
  }

  #summary(): MergeSummary {
    const summary: MergeSummary = {
      added: noItems(),
      updated: noItems(),
      keptHere: this.#keptHere,
      same: this.#same,
      skipped: this.#skipped,
      placeAndDrafts: 0,
    };
    for (const record of this.#writes.values()) {
      const what = COUNTED_AS[record.kind];
      if (!what) summary.placeAndDrafts += 1;
      else summary[this.#here.has(record.id) ? 'updated' : 'added'][what] += 1;
    }
    return summary;
  }
}
