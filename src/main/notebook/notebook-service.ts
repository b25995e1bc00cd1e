import { LONGEST_WAIT_HOURS } from '../../shared/companion/model';
import type { StepWorkEntry } from '../../shared/companion/schemas';
import type { SectionId } from '../../shared/guide/ids';
import { journalOrder, type JournalPlace } from '../../shared/notebook/item-order';
import {
  JOURNAL_FIRST_PAGE,
  type Draft,
  type JournalEntry,
  type NoteRevision,
  type OlderJournal,
  type Notebook,
  type NotebookItem,
  type NotebookKind,
  type SectionNote,
  type StepWork,
  type TrashedItem,
} from '../../shared/notebook/model';
import { AppError, isAppError } from '../app-error';
import type { Logger } from '../logger';
import { vaultLocked } from '../vault/errors';
import { Vault, type BatchStep, type StoredRecord } from '../vault/vault';
import type { VaultSession } from '../vault/vault-session';
import {
  notebookContents,
  sectionNoteOf,
  isSameSlot,
  stepWorkOf,
  type NotebookContents,
} from './notebook-contents';
import { mergedNoteText, mergedStepWork } from './restore-merge';
import {
  expiredTrash,
  lastRevisionTime,
  newestFirst,
  revisionsBeyondLimit,
  shouldKeepRevision,
} from './retention';
import {
  DRAFT_KIND,
  REVISION_KIND,
  TRASH_KIND,
  draftBody,
  fieldsOf,
  itemBody,
  readItem,
  revisionBody,
  trashBody,
  type ItemFields,
} from './stored-records';
import { NotebookWrites, draftRecordId } from './notebook-writes';

type ItemOf<K extends NotebookKind> = Extract<NotebookItem, { kind: K }>;

/**
 * What the notebook tells those who follow its items (search), as each change is made. All
 * of it is called in the notebook's own turn, so a follower sees the changes in order.
 */
export interface NotebookWatcher {
  /** The notebook was read: `items` is live, and changes only as the calls below say. */
  loaded(items: ReadonlyMap<string, NotebookItem>): void;
  saved(item: NotebookItem): void;
  removed(id: string): void;
  /** The decrypted notebook is gone: the vault locked, or it is to be read again. */
  forgotten(): void;
}

/**
 * The notebook's items, telling its watcher of every change, wherever it is made, and
 * keeping the journal in order for the pages the page asks for, sorted again only after a
 * change to it.
 */
class WatchedItems extends Map<string, NotebookItem> {
  #watcher: NotebookWatcher | null = null;
  #journal: JournalEntry[] | null = null;

  /** The journal entries, newest first, as the page lists them. */
  journal(): readonly JournalEntry[] {
    this.#journal ??= [...this.values()]
      .filter((item): item is JournalEntry => item.kind === 'journal-entry')
      .sort(journalOrder);
    return this.#journal;
  }

  static of(items: ReadonlyMap<string, NotebookItem>, watcher: NotebookWatcher): WatchedItems {
    const watched = new WatchedItems();
    for (const [id, item] of items) watched.set(id, item);
    watched.#watcher = watcher;
    return watched;
  }

  override set(id: string, item: NotebookItem): this {
    if (item.kind === 'journal-entry' || this.get(id)?.kind === 'journal-entry') {
      this.#journal = null;
    }
    super.set(id, item);
    this.#watcher?.saved(item);
    return this;
  }

  override delete(id: string): boolean {
    if (this.get(id)?.kind === 'journal-entry') this.#journal = null;
    const had = super.delete(id);
    if (had) this.#watcher?.removed(id);
    return had;
  }
}

/** The notebook decrypted, and the vault it was read from: it is good for that vault only. */
interface Loaded extends NotebookContents {
  items: WatchedItems;
  vault: Vault;
  writes: NotebookWrites;
}

export interface NotebookServiceOptions {
  logger: Logger;
  now?: () => Date;
  /** The ids of records in the vault that other services keep, and speak for. */
  othersRecords?: (vault: Vault) => readonly string[];
}

const notFound = (what: string) => new AppError('not-found', `${what} was not found`);

/**
 * Everything the person writes around the guide: notes, highlights and journal entries,
 * with an encrypted trash and the last revisions of each note. All of it lives in the
 * vault; this keeps a decrypted copy in memory while the vault is open, and forgets it
 * when the vault changes.
 *
 * A little over 300 lines: it is the notebook's whole public surface, one method per IPC
 * verb, each a few lines over the same queue (#change); the policies, the stored shapes and
 * the writes live in the files beside it.
 */
export class NotebookService {
  readonly #session: VaultSession;
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #othersRecords: (vault: Vault) => readonly string[];
  #loaded: Loaded | null = null;
  #loading: Promise<Loaded> | null = null;
  readonly #watchers: NotebookWatcher[] = [];
  /** Every watcher, as one. */
  readonly #watcher: NotebookWatcher = {
    loaded: (items) => this.#watchers.forEach((watcher) => watcher.loaded(items)),
    saved: (item) => this.#watchers.forEach((watcher) => watcher.saved(item)),
    removed: (id) => this.#watchers.forEach((watcher) => watcher.removed(id)),
    forgotten: () => this.#watchers.forEach((watcher) => watcher.forgotten()),
  };
  /** Writes happen one at a time, so two quick saves of one note cannot cross. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    session: VaultSession,
    { logger, now = () => new Date(), othersRecords = () => [] }: NotebookServiceOptions,
  ) {
    this.#session = session;
    this.#logger = logger;
    this.#now = now;
    this.#othersRecords = othersRecords;
    // Decrypted items live only while the vault is open.
    session.onLock({ forget: () => this.#forgetLoaded() });
  }

  /** Follows every change to the items from now on, starting with the items as they are. */
  watch(watcher: NotebookWatcher): void {
    this.#watchers.push(watcher);
    if (this.#loaded) watcher.loaded(this.#loaded.items);
  }

  /** Waits for the notebook to be read, reading it if no one has yet since the unlock. */
  async whenLoaded(): Promise<void> {
    await this.#load();
  }

  #forgetLoaded(): void {
    this.#loaded = null;
    this.#watcher.forgotten();
  }

  /** Reads the whole notebook, once per unlock; later calls answer from memory. */
  /**
   * The notebook as the page first needs it: everything but the journal, and the journal's
   * newest entries; the older ones follow through olderJournal, a page at a time.
   */
  async notebook(): Promise<Notebook> {
    const state = await this.#load();
    const journal = state.items.journal();
    const newest = journal.slice(0, JOURNAL_FIRST_PAGE);
    const others = [...state.items.values()].filter((item) => item.kind !== 'journal-entry');
    return {
      items: [...others, ...newest],
      drafts: [...state.drafts.values()],
      trash: [...state.trash.values()],
      unreadable: state.unreadable,
      integrity: state.integrity,
      olderJournalEntries: journal.length - newest.length,
    };
  }

  /** Up to `limit` journal entries that come after `after` in the journal's order. */
  async olderJournal(after: JournalPlace, limit: number): Promise<OlderJournal> {
    const journal = (await this.#load()).items.journal();
    let start = 0;
    let end = journal.length;
    while (start < end) {
      const middle = (start + end) >>> 1;
      if (journalOrder(journal[middle] as JournalEntry, after) <= 0) start = middle + 1;
      else end = middle;
    }
    const entries = journal.slice(start, start + limit);
    return { entries, remaining: journal.length - start - entries.length };
  }

  saveNote({ sectionId, text }: { sectionId: SectionId; text: string }): Promise<SectionNote> {
    return this.#change(async (state) => {
      const existing = sectionNoteOf(state.items.values(), sectionId);
      if (existing) {
        const last = lastRevisionTime(state.revisions.get(existing.id) ?? []);
        if (shouldKeepRevision(existing.text, text, last, this.#now().getTime())) {
          return this.#saveKeepingRevision(state, existing, { sectionId, text });
        }
      }
      return this.#put(state, 'note', { sectionId, text }, existing?.id);
    });
  }

  saveHighlight({ id, ...fields }: ItemFields<'highlight'> & { id?: string }) {
    return this.#change((state) => this.#put(state, 'highlight', fields, id));
  }

  saveJournalEntry({ id, ...fields }: ItemFields<'journal-entry'> & { id?: string }) {
    return this.#change((state) => this.#put(state, 'journal-entry', fields, id));
  }

  /**
   * Keeps an entry of the seven-step companion. A step's answers and the weighing are one
   * each: saved again, they replace the one there is, whatever id the page sends. A message
   * waits no longer than the longest wait offered, by main's clock.
   */
  saveStepWork({ id, entry }: ItemFields<'step-work'> & { id?: string }) {
    return this.#change((state) => {
      const single = stepWorkOf(state.items.values(), entry);
      // An id is kept only for an entry of the same tool (and step): sent with another's,
      // a save would write over it, and nothing of it would go to the trash.
      const existing = id ? state.items.get(id) : undefined;
      const same = existing?.kind === 'step-work' && isSameSlot(existing.entry, entry);
      return this.#put(
        state,
        'step-work',
        { entry: this.#withinLongestWait(entry) },
        single?.id ?? (same ? id : undefined),
      );
    });
  }

  #withinLongestWait(entry: StepWorkEntry): StepWorkEntry {
    if (entry.type !== 'message' || entry.waitUntil === null) return entry;
    const longest = this.#now().getTime() + LONGEST_WAIT_HOURS * 3_600_000;
    if (Date.parse(entry.waitUntil) <= longest) return entry;
    return { ...entry, waitUntil: new Date(longest).toISOString() };
  }

  /** Moves an item to the trash: the same record, re-sealed under the kind "trash". */
  trash(id: string): Promise<TrashedItem> {
    return this.#change(async (state) => {
      const item = state.items.get(id);
      if (!item) throw notFound('That item');
      const entry: TrashedItem = { item, trashedAt: this.#now().toISOString() };
      await state.writes.seal(TRASH_KIND, trashBody(entry), id, item.created);
      state.items.delete(id);
      state.trash.set(id, entry);
      return entry;
    });
  }

  restore(id: string): Promise<NotebookItem> {
    return this.#change(async (state) => {
      const entry = state.trash.get(id);
      if (!entry) throw notFound('That item');
      if (entry.item.kind === 'note') {
        const sectionNote = sectionNoteOf(state.items.values(), entry.item.sectionId);
        if (sectionNote) return this.#mergeIntoSectionNote(state, id, entry.item, sectionNote);
      }
      if (entry.item.kind === 'step-work') {
        const single = stepWorkOf(state.items.values(), entry.item.entry);
        if (single) return this.#mergeIntoStepWork(state, id, entry.item, single);
      }
      const record = await state.writes.seal(
        entry.item.kind,
        itemBody(fieldsOf(entry.item)),
        id,
        entry.item.created,
      );
      const item = readItem(record) as NotebookItem;
      state.trash.delete(id);
      state.items.set(id, item);
      return item;
    });
  }

  /**
   * Keeps what is typed into a form, under a file name that says nothing of the form. A
   * draft of that form that could not be read is never written over: the save is refused as
   * damage, and the words stay where they are, in the form.
   */
  saveDraft(key: string, fields: Record<string, string>): Promise<void> {
    return this.#change(async (state) => {
      const draft: Draft = { key, fields, savedAt: this.#now().toISOString() };
      await state.writes.seal(DRAFT_KIND, draftBody(draft), state.writes.draftId(key));
      state.drafts.set(key, draft);
    });
  }

  discardDraft(key: string): Promise<void> {
    return this.#change(async (state) => {
      if (!state.drafts.has(key)) return;
      await state.writes.remove(state.writes.draftId(key));
      state.drafts.delete(key);
    });
  }

  /** Removes one item in the trash for good, with its earlier versions. */
  deleteForGood(id: string): Promise<void> {
    return this.#change(async (state) => {
      if (!state.trash.has(id)) throw notFound('That item');
      await this.#forget(state, [id]);
    });
  }

  emptyTrash(): Promise<void> {
    return this.#change(async (state) => {
      await this.#forget(state, [...state.trash.keys()]);
    });
  }

  async revisions(noteId: string): Promise<NoteRevision[]> {
    const state = await this.#load();
    return newestFirst(state.revisions.get(noteId) ?? []);
  }

  /** Puts an earlier version back, keeping the current text as a revision first. */
  restoreRevision(noteId: string, revisionId: string): Promise<SectionNote> {
    return this.#change(async (state) => {
      const note = state.items.get(noteId);
      const revision = state.revisions.get(noteId)?.find((r) => r.id === revisionId);
      if (note?.kind !== 'note' || !revision) throw notFound('That version');
      const fields = { sectionId: note.sectionId, text: revision.text };
      if (note.text !== revision.text) return this.#saveKeepingRevision(state, note, fields);
      return this.#put(state, 'note', fields, noteId);
    });
  }

  /**
   * Plans a restore's merge against the vault as it is now, in its turn among the notebook's
   * changes (so nothing is saved between the plan and its writes), writes the records it
   * chose exactly as they are, and reads the notebook again, however far it got: a merge may
   * touch any item.
   */
  applyRestore<Summary>(
    plan: (listed: Awaited<ReturnType<Vault['list']>>) => {
      writes: readonly StoredRecord[];
      summary: Summary;
    },
    onProgress: (done: number, total: number) => void = () => {},
  ): Promise<Summary> {
    return this.#change(async (state) => {
      try {
        const { writes, summary } = plan(await state.vault.list());
        for (const [index, record] of writes.entries()) {
          await state.vault.putRestored(record);
          onProgress(index + 1, writes.length);
        }
        return summary;
      } finally {
        this.#forgetLoaded();
      }
    });
  }

  /** Runs one change on the notebook as loaded, once every change before it has finished. */
  #change<T>(work: (state: Loaded) => Promise<T>): Promise<T> {
    const run = async () => work(await this.#load());
    const next = this.#queue.then(run, run);
    // The queue keeps no value: a resolved save would otherwise keep its text after a lock.
    this.#queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  async #load(): Promise<Loaded> {
    const vault = this.#session.current();
    if (this.#loaded?.vault === vault) return this.#loaded;
    this.#loading ??= this.#readAll(vault).finally(() => (this.#loading = null));
    const state = await this.#loading;
    // A lock while the notebook was being read must not leave it behind in memory.
    if (state.vault.isLocked) throw vaultLocked();
    if (this.#loaded !== state) {
      this.#loaded = state;
      this.#watcher.loaded(state.items);
    }
    return state;
  }

  async #readAll(vault: Vault): Promise<Loaded> {
    const contents = notebookContents(
      await vault.list(),
      draftRecordId(vault),
      new Set(this.#othersRecords(vault)),
    );
    const state: Loaded = {
      vault,
      ...contents,
      items: WatchedItems.of(contents.items, this.#watcher),
      writes: new NotebookWrites(vault, contents.unread),
    };
    if (state.unreadable > 0) {
      this.#logger.warn(`${state.unreadable} notebook records could not be read`);
    }
    const { missing, stale, replayed, unverified } = state.integrity;
    if (missing + stale + replayed > 0 || unverified) {
      this.#logger.warn(
        `the manifest disagrees: ${missing} missing, ${stale} stale, ${replayed} replayed` +
          (unverified ? ', and it could not be read' : ''),
      );
    }
    // The purge acts only on what the manifest vouches for: never on a copy taken in on a
    // crash's word, or kept from a time when the manifest could not be checked. It goes by
    // the trash record's own id, the one record it is sure of.
    const expired = new Set(expiredTrash([...state.trash.values()], this.#now().getTime()));
    const purged = [...state.trash]
      .filter(([id, entry]) => expired.has(entry) && vault.isVouched(id))
      .map(([id]) => id);
    await this.#purge(state, purged);
    return state;
  }

  /**
   * Deletes expired items of the trash, with their revisions, as one change. A failure
   * part-way does not keep the notebook from opening: what was deleted is forgotten here as
   * the vault's manifest has, and the rest is purged on the next open.
   */
  async #purge(state: Loaded, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.#forget(state, ids);
    } catch (error) {
      const reason = isAppError(error)
        ? error.kind
        : ((error as NodeJS.ErrnoException | null)?.code ?? 'an unexpected error');
      this.#logger.warn(`the trash's purge stopped part-way (${reason}); it goes on next time`);
      for (const id of ids) {
        const kept = (state.revisions.get(id) ?? []).filter((r) => state.vault.isExpected(r.id));
        if (state.vault.isExpected(id)) state.revisions.set(id, kept);
        else this.#forgotten(state, [id]);
      }
    }
  }

  /** Removes items and their revisions from the vault for good, as one change. */
  async #forget(state: Loaded, ids: readonly string[]): Promise<void> {
    await state.writes.batch(this.#forgetting(state, ids));
    this.#forgotten(state, ids);
  }

  /**
   * The steps that delete items and their revisions: the revisions first, durable before
   * any item goes, so a deletion stopped part-way never leaves a revision without its item,
   * and what is left is deleted the next time.
   */
  #forgetting(state: Loaded, ids: readonly string[]): BatchStep[] {
    const revisions = ids.flatMap((id) => (state.revisions.get(id) ?? []).map((r) => r.id));
    return [{ remove: revisions }, { remove: ids }];
  }

  #forgotten(state: Loaded, ids: readonly string[]): void {
    for (const id of ids) {
      state.trash.delete(id);
      state.revisions.delete(id);
    }
  }

  async #put<K extends NotebookKind>(
    state: Loaded,
    kind: K,
    fields: ItemFields<K>,
    id?: string,
  ): Promise<ItemOf<K>> {
    const existing = id ? state.items.get(id) : undefined;
    const targetId = existing?.kind === kind ? existing.id : Vault.newRecordId();
    const created = existing?.kind === kind ? existing.created : undefined;
    const record = await state.writes.seal(kind, itemBody<K>(fields), targetId, created);
    const item = readItem(record) as ItemOf<K>;
    state.items.set(item.id, item);
    return item;
  }

  /**
   * Puts a trashed step's answers, or weighing, back into the one there is since: there is
   * one of each, so both become one, and nothing of either is lost.
   */
  async #mergeIntoStepWork(
    state: Loaded,
    trashedId: string,
    restored: StepWork,
    current: StepWork,
  ): Promise<StepWork> {
    const fields = { entry: mergedStepWork(current.entry, restored.entry) };
    const body = itemBody<'step-work'>(fields);
    // The merged entry is durable before the trashed one it took in is deleted.
    const [record] = await state.writes.batch([
      { put: [{ kind: 'step-work', body, id: current.id, created: current.created }] },
      ...this.#forgetting(state, [trashedId]),
    ]);
    this.#forgotten(state, [trashedId]);
    return this.#tookIn<'step-work'>(state, record);
  }

  /**
   * Puts a trashed note back into a section that has a note of its own since: both texts
   * stay, and the section's note as it was is kept as an earlier version. When the two
   * together would be longer than a note may be, it is refused before anything is written,
   * and both stay as they were.
   */
  async #mergeIntoSectionNote(
    state: Loaded,
    trashedId: string,
    restored: SectionNote,
    current: SectionNote,
  ): Promise<SectionNote> {
    const fields = {
      sectionId: current.sectionId,
      text: mergedNoteText(current.text, restored.text),
    };
    return this.#saveKeepingRevision(state, current, fields, trashedId);
  }

  /**
   * Saves a note's new text, keeping the text it had as a revision, as one change: the
   * revision is durable before the new text replaces the old, revisions beyond the limit go
   * with the new text, and a trashed note merged into this one (`mergedFromTrash`) is
   * deleted only once the new text is durable. Every record is checked before any is written.
   */
  async #saveKeepingRevision(
    state: Loaded,
    note: SectionNote,
    fields: ItemFields<'note'>,
    mergedFromTrash?: string,
  ): Promise<SectionNote> {
    const revision: NoteRevision = {
      id: Vault.newRecordId(),
      noteId: note.id,
      text: note.text,
      savedAt: this.#now().toISOString(),
    };
    const revisions = [...(state.revisions.get(note.id) ?? []), revision];
    const beyondLimit = revisionsBeyondLimit(revisions);
    const merged = mergedFromTrash === undefined ? [] : [mergedFromTrash];
    const [, record] = await state.writes.batch([
      {
        put: [
          {
            kind: REVISION_KIND,
            body: revisionBody(revision),
            id: revision.id,
            created: revision.savedAt,
          },
        ],
      },
      {
        put: [{ kind: 'note', body: itemBody<'note'>(fields), id: note.id, created: note.created }],
        remove: beyondLimit.map((old) => old.id),
      },
      ...this.#forgetting(state, merged),
    ]);
    state.revisions.set(
      note.id,
      revisions.filter((kept) => !beyondLimit.includes(kept)),
    );
    this.#forgotten(state, merged);
    return this.#tookIn<'note'>(state, record);
  }

  /** An item a batch wrote, taken into the notebook as loaded. */
  #tookIn<K extends NotebookKind>(state: Loaded, record: StoredRecord | undefined): ItemOf<K> {
    const item = (record && readItem(record)) as ItemOf<K> | null;
    if (!item) throw new Error('a batch did not return the item it wrote');
    state.items.set(item.id, item);
    return item;
  }
}
