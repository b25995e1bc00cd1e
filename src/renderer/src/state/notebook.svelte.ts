import { SvelteMap } from 'svelte/reactivity';
import type { SectionId } from '../../../shared/guide/ids';
import type { StillwaterApi } from '../../../shared/ipc/api';
import type {
  Highlight,
  HighlightColour,
  JournalEntry,
  NotebookIntegrity,
  NotebookItem,
  NotebookKind,
  SectionNote,
  StepWork,
  TextAnchor,
  TrashedItem,
} from '../../../shared/notebook/model';
import type { StepWorkEntry } from '../../../shared/companion/model';
import { describeSaveProblem } from '../lib/errors';
import { journalOrder, newestFirst, oldestFirst } from '../../../shared/notebook/item-order';
import { DraftState } from './drafts.svelte';
import { GroupedItems, OrderedItems } from './ordered-items.svelte';
import { UndoState } from './undo.svelte';

export type NotebookApi = Pick<
  StillwaterApi,
  | 'getNotebook'
  | 'getOlderJournal'
  | 'saveNote'
  | 'saveHighlight'
  | 'saveJournalEntry'
  | 'saveStepWork'
  | 'trashItem'
  | 'restoreItem'
  | 'emptyTrash'
  | 'getRevisions'
  | 'restoreRevision'
  | 'saveDraft'
  | 'discardDraft'
  | 'deleteForGood'
>;

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

/** Older journal entries come this many at a time: each page a short task for the page. */
const JOURNAL_PAGE = 2_000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

/** How long typing must pause before a note saves itself. */
export const AUTOSAVE_DELAY_MS = 600;

/** A section's note as typed, until main has it. */
interface UnsavedNote {
  text: string;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The save on its way to main, and the words it carries. */
  sending: { text: string; done: Promise<void> } | null;
}

/**
 * Everything the person has written, as the renderer holds it while the vault is open.
 * Notes save themselves a moment after typing stops, and at once when asked to flush: on
 * blur, on lock, when the window closes. Until a save succeeds the words stay here.
 *
 * Main finds a section's note by the section and makes one write at a time, in the order
 * they arrive, so two saves of one note cannot cross: the last words sent are the ones kept.
 */
export class NotebookState {
  unreadable = $state(0);
  integrity = $state<NotebookIntegrity>({ missing: 0, stale: 0, replayed: 0, unverified: false });
  /** Why the last save failed, when the disk is to blame; null otherwise. */
  saveProblem = $state<string | null>(null);
  /**
   * Whether what main keeps has reached the page. Until it has, nothing in the notebook can
   * be written: a note typed over one that has not arrived would replace it.
   */
  status = $state<'loading' | 'open' | 'failed' | 'retrying'>('loading');
  /**
   * Whether the journal's older entries have all arrived too. The notebook opens with its
   * newest entries; what needs every entry (an export, the print view) waits for this.
   */
  complete = $state(false);
  noteStatus = $state<Partial<Record<SectionId, SaveStatus>>>({});

  // Items arrive from main as plain objects and are never changed in place: each save
  // replaces one item in the one list of its kind, so a save of a note leaves the journal's
  // list, and everything worked out from it, as it was. At 50,000 items, proxying each one
  // and working every list out again on each autosave stalled typing.
  #notes = new OrderedItems<SectionNote>(oldestFirst);
  #highlights = new OrderedItems<Highlight>(oldestFirst);
  #journal = new OrderedItems<JournalEntry>(journalOrder);
  #stepWork = new OrderedItems<StepWork>(newestFirst);
  #noteBySection = new SvelteMap<SectionId, SectionNote>();
  #highlightsBySection = new GroupedItems<SectionId, Highlight>(
    (highlight) => highlight.sectionId,
    oldestFirst,
  );
  #stepWorkByType = new GroupedItems<StepWorkEntry['type'], StepWork>(
    (item) => item.entry.type,
    newestFirst,
  );
  /** Each item as its list holds it, to find it there when it changes. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping; the lists are the state
  #byId = new Map<string, NotebookItem>();
  #trash = $state.raw<readonly TrashedItem[]>([]);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, never rendered
  #returned = new Set<(id: string) => void>();

  get notes(): readonly SectionNote[] {
    return this.#notes.items;
  }
  get highlights(): readonly Highlight[] {
    return this.#highlights.items;
  }
  /** The companion's entries, newest first. */
  get stepWork(): readonly StepWork[] {
    return this.#stepWork.items;
  }
  /** Newest day first; on one day, the entry written last first. */
  get journal(): readonly JournalEntry[] {
    return this.#journal.items;
  }
  get trash(): readonly TrashedItem[] {
    return this.#trash;
  }
  /** Everything, of every kind; worked out only when something reads it. */
  readonly items: readonly NotebookItem[] = $derived([
    ...this.notes,
    ...this.highlights,
    ...this.journal,
    ...this.stepWork,
  ]);

  get isEmpty(): boolean {
    return (
      this.notes.length + this.highlights.length + this.journal.length + this.stepWork.length === 0
    );
  }

  /** The items of one kind, in the order that kind keeps. */
  itemsOf(kind: NotebookKind): readonly NotebookItem[] {
    switch (kind) {
      case 'note':
        return this.notes;
      case 'highlight':
        return this.highlights;
      case 'journal-entry':
        return this.journal;
      case 'step-work':
        return this.stepWork;
    }
  }

  /** A section's highlights, oldest first. */
  highlightsIn(sectionId: SectionId): readonly Highlight[] {
    return this.#highlightsBySection.get(sectionId);
  }

  #api: NotebookApi;
  /** Which load is the latest: pages of an earlier one are dropped. */
  #loads = 0;
  #completing: Promise<void> = new Promise(() => {});
  // Reactive, so the note shown while typing is always the newest words.
  #unsaved = new SvelteMap<SectionId, UnsavedNote>();
  #delayMs: number;

  /** Unsaved forms (the journal, highlight notes), kept encrypted in main as they are typed. */
  readonly drafts: DraftState;
  /** The Undo offered after each action that removes or replaces something. */
  readonly undo: UndoState;

  constructor(api: NotebookApi, autosaveDelayMs = AUTOSAVE_DELAY_MS, undo = new UndoState()) {
    this.#api = api;
    this.#delayMs = autosaveDelayMs;
    this.drafts = new DraftState(api);
    this.undo = undo;
  }

  get isOpen(): boolean {
    return this.status === 'open';
  }

  /** The notebook could not be read; a retry may be under way. */
  get hasFailed(): boolean {
    return this.status === 'failed' || this.status === 'retrying';
  }

  async load(): Promise<void> {
    this.status = this.hasFailed ? 'retrying' : 'loading';
    const loading = ++this.#loads;
    this.complete = false;
    try {
      const notebook = await this.#api.getNotebook();
      this.#fill(notebook.items);
      this.#trash = notebook.trash;
      this.drafts.restore(notebook.drafts);
      this.unreadable = notebook.unreadable;
      this.integrity = notebook.integrity;
      this.status = 'open';
      this.#completing = this.#loadOlderJournal(loading, notebook.olderJournalEntries);
      // Said where the whole journal is needed (an export), not here: the page is open.
      this.#completing.catch(() => {});
    } catch {
      this.status = 'failed';
      this.#completing = Promise.reject(new Error('The notebook could not be read.'));
      this.#completing.catch(() => {});
    }
  }

  /**
   * Brings in the journal's older entries, a page at a time, newest first, letting the page
   * draw between pages. An entry the page already has (saved here since) is kept as it is.
   */
  async #loadOlderJournal(loading: number, remaining: number): Promise<void> {
    let after = this.journal.at(-1);
    let left = remaining;
    while (left > 0 && after && loading === this.#loads) {
      const page = await this.#api.getOlderJournal({
        after: { date: after.date, created: after.created, id: after.id },
        limit: JOURNAL_PAGE,
      });
      if (loading !== this.#loads) return;
      const arrived = page.entries.filter((entry) => !this.#byId.has(entry.id));
      for (const entry of arrived) this.#byId.set(entry.id, entry);
      this.#journal.add(arrived);
      after = page.entries.at(-1);
      left = page.remaining;
      await nextTask();
    }
    if (loading === this.#loads) this.complete = true;
  }

  /** Waits for the journal's older entries; rejects when the notebook could not be read. */
  whenComplete(): Promise<void> {
    return this.#completing;
  }

  #fill(items: readonly NotebookItem[]): void {
    const notes: SectionNote[] = [];
    const highlights: Highlight[] = [];
    const journal: JournalEntry[] = [];
    const stepWork: StepWork[] = [];
    for (const item of items) {
      if (item.kind === 'note') notes.push(item);
      else if (item.kind === 'highlight') highlights.push(item);
      else if (item.kind === 'journal-entry') journal.push(item);
      else stepWork.push(item);
    }
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, as above
    this.#byId = new Map(items.map((item) => [item.id, item]));
    this.#notes.fill(notes);
    this.#highlights.fill(highlights);
    this.#journal.fill(journal);
    this.#stepWork.fill(stepWork);
    this.#highlightsBySection.fill(highlights);
    this.#stepWorkByType.fill(stepWork);
    this.#noteBySection.clear();
    for (const note of notes) this.#noteBySection.set(note.sectionId, note);
  }

  /** Puts a saved item in its place, in its own kind's lists only. */
  #replace(item: NotebookItem): void {
    let previous = this.#byId.get(item.id);
    if (previous && previous.kind !== item.kind) {
      this.#remove(previous);
      previous = undefined;
    }
    this.#byId.set(item.id, item);
    switch (item.kind) {
      case 'note': {
        const before = previous?.kind === 'note' ? previous : undefined;
        this.#notes.put(item, before);
        if (before && before.sectionId !== item.sectionId) this.#forgetNote(before);
        this.#noteBySection.set(item.sectionId, item);
        break;
      }
      case 'highlight': {
        const before = previous?.kind === 'highlight' ? previous : undefined;
        this.#highlights.put(item, before);
        this.#highlightsBySection.put(item, before);
        break;
      }
      case 'journal-entry':
        this.#journal.put(item, previous?.kind === 'journal-entry' ? previous : undefined);
        break;
      case 'step-work': {
        const before = previous?.kind === 'step-work' ? previous : undefined;
        this.#stepWork.put(item, before);
        this.#stepWorkByType.put(item, before);
        break;
      }
    }
  }

  #remove(item: NotebookItem): void {
    this.#byId.delete(item.id);
    switch (item.kind) {
      case 'note':
        this.#notes.remove(item);
        this.#forgetNote(item);
        break;
      case 'highlight':
        this.#highlights.remove(item);
        this.#highlightsBySection.remove(item);
        break;
      case 'journal-entry':
        this.#journal.remove(item);
        break;
      case 'step-work':
        this.#stepWork.remove(item);
        this.#stepWorkByType.remove(item);
        break;
    }
  }

  #forgetNote(note: SectionNote): void {
    if (this.#noteBySection.get(note.sectionId)?.id === note.id)
      this.#noteBySection.delete(note.sectionId);
  }

  noteFor(sectionId: SectionId): SectionNote | undefined {
    return this.#noteBySection.get(sectionId);
  }

  /**
   * Calls `listener` with the id of each item brought back into the notebook (put back from
   * the trash, by Undo, or an earlier version restored), once it is in its lists, so a list
   * showing part of itself can show that item before focus goes to it. Answers the way to stop.
   */
  onReturned(listener: (id: string) => void): () => void {
    this.#returned.add(listener);
    return () => this.#returned.delete(listener);
  }

  #announceReturn(id: string): void {
    for (const listener of this.#returned) listener(id);
  }

  /**
   * Asks the lists on screen to show the item wherever it falls (a search result, "Open" in
   * the Notebook), once it is here: an older journal entry may still be on its way.
   */
  async bringIntoView(id: string): Promise<void> {
    if (!this.#byId.has(id)) await this.whenComplete().catch(() => {});
    if (this.#byId.has(id)) this.#announceReturn(id);
  }

  /** The text to show for a section's note: the unsaved words if there are any. */
  noteText(sectionId: SectionId): string {
    return this.#unsaved.get(sectionId)?.text ?? this.noteFor(sectionId)?.text ?? '';
  }

  /** Called on every keystroke. Saving waits for a pause in typing. */
  editNote(sectionId: SectionId, text: string): void {
    const note = this.#unsaved.get(sectionId) ?? { text, timer: undefined, sending: null };
    note.text = text;
    clearTimeout(note.timer);
    note.timer = setTimeout(() => void this.#saveNote(sectionId), this.#delayMs);
    this.#unsaved.set(sectionId, note);
    this.noteStatus[sectionId] = 'pending';
  }

  /** Sends the section's words to main, unless those very words are already on their way. */
  #saveNote(sectionId: SectionId): Promise<void> {
    const note = this.#unsaved.get(sectionId);
    if (!note) return Promise.resolve();
    clearTimeout(note.timer);
    if (note.sending?.text === note.text) return note.sending.done;
    const text = note.text;
    const done = this.#send(sectionId, text);
    note.sending = { text, done };
    return done;
  }

  async #send(sectionId: SectionId, text: string): Promise<void> {
    this.noteStatus[sectionId] = 'saving';
    try {
      this.#replace(await this.#api.saveNote({ sectionId, text }));
      this.saveProblem = null;
      const note = this.#unsaved.get(sectionId);
      // Words typed while this save was on its way stay, to be saved in their turn.
      if (note?.text === text) this.#unsaved.delete(sectionId);
      this.noteStatus[sectionId] = !note || note.text === text ? 'saved' : this.#statusOf(note);
    } catch (error) {
      this.noteStatus[sectionId] = 'failed';
      this.saveProblem = describeSaveProblem(error);
    } finally {
      const note = this.#unsaved.get(sectionId);
      if (note?.sending?.text === text) note.sending = null;
    }
  }

  #statusOf(note: UnsavedNote): SaveStatus {
    return note.sending && note.sending.text === note.text ? 'saving' : 'pending';
  }

  /** Saves every unsaved note, and sends every waiting draft, now. */
  async flush(): Promise<void> {
    await Promise.all([
      ...[...this.#unsaved.keys()].map((sectionId) => this.#saveNote(sectionId)),
      this.drafts.flush(),
    ]);
  }

  async addHighlight(
    sectionId: SectionId,
    anchor: TextAnchor,
    colour: HighlightColour,
  ): Promise<Highlight> {
    const saved = (await this.#api.saveHighlight({
      sectionId,
      anchor,
      colour,
      note: '',
    })) as Highlight;
    this.#replace(saved);
    return saved;
  }

  async updateHighlight(
    highlight: Highlight,
    changes: Partial<Pick<Highlight, 'colour' | 'note'>>,
  ): Promise<void> {
    const { id, sectionId, anchor, colour, note } = { ...highlight, ...changes };
    this.#replace(await this.#api.saveHighlight({ id, sectionId, anchor, colour, note }));
  }

  async saveJournalEntry(
    entry: Omit<JournalEntry, 'kind' | 'id' | 'created' | 'updated'> & { id?: string },
  ): Promise<JournalEntry> {
    const saved = (await this.#api.saveJournalEntry(entry)) as JournalEntry;
    this.#replace(saved);
    return saved;
  }

  /** Saves an entry of the companion: `id` to change one, none for a new one. */
  async saveStepWork(entry: StepWorkEntry, id?: string): Promise<StepWork> {
    // Forms hold what they edit as reactive state, which cannot be cloned to main: a plain copy.
    const plain = $state.snapshot(entry) as StepWorkEntry;
    const saved = (await this.#api.saveStepWork({
      ...(id ? { id } : {}),
      entry: plain,
    })) as StepWork;
    this.#replace(saved);
    return saved;
  }

  /** The companion's entries of one type, newest first. */
  entriesOf<T extends StepWorkEntry['type']>(
    type: T,
  ): readonly (StepWork & { entry: Extract<StepWorkEntry, { type: T }> })[] {
    // Grouped by the entry's type, so each list holds only entries of its own type.
    return this.#stepWorkByType.get(type) as readonly (StepWork & {
      entry: Extract<StepWorkEntry, { type: T }>;
    })[];
  }

  async moveToTrash(id: string): Promise<void> {
    const entry = await this.#trashQuietly(id);
    this.undo.offer({
      message: entry.item.kind === 'highlight' ? 'Highlight removed.' : 'Moved to the trash.',
      itemId: id,
      undo: async () => void (await this.#putBack(id)),
    });
  }

  /** Answers the id the item came back as: its own, or the section note it joined. */
  async restore(id: string): Promise<string> {
    const item = await this.#putBack(id);
    this.undo.offer(
      item.id === id
        ? {
            message: 'Put back from the trash.',
            itemId: id,
            undo: async () => void (await this.#trashQuietly(id)),
          }
        : {
            // Put back into the section's own note: undoing restores that note as it was,
            // and the merged text stays among its earlier versions.
            message: 'Put back, after this section’s note.',
            itemId: item.id,
            undo: () => this.#restoreNewestRevision(item.id),
          },
    );
    return item.id;
  }

  async #putBack(id: string): Promise<NotebookItem> {
    const item = await this.#api.restoreItem({ id });
    this.#trash = this.#trash.filter((entry) => entry.item.id !== id);
    this.#replace(item);
    this.#announceReturn(item.id);
    return item;
  }

  async #trashQuietly(id: string): Promise<TrashedItem> {
    const entry = await this.#api.trashItem({ id });
    const item = this.#byId.get(id);
    if (item) this.#remove(item);
    this.#trash = [...this.#trash, entry];
    return entry;
  }

  /** Removes one item in the trash for good; the person has already been asked. */
  async deleteForGood(id: string): Promise<void> {
    await this.#api.deleteForGood({ id });
    this.#trash = this.#trash.filter((entry) => entry.item.id !== id);
  }

  async emptyTrash(): Promise<void> {
    await this.#api.emptyTrash();
    this.#trash = [];
  }

  revisions(noteId: string) {
    return this.#api.getRevisions({ noteId });
  }

  async restoreRevision(noteId: string, revisionId: string): Promise<void> {
    await this.#useRevision(noteId, revisionId);
    this.undo.offer({
      message: 'Earlier version put back.',
      itemId: noteId,
      undo: () => this.#restoreNewestRevision(noteId),
    });
  }

  async #useRevision(noteId: string, revisionId: string): Promise<void> {
    const note = await this.#api.restoreRevision({ noteId, revisionId });
    this.#replace(note);
    if (note.kind === 'note') this.#unsaved.delete(note.sectionId);
    this.#announceReturn(note.id);
  }

  /** Main keeps the text a note had before each change as its newest version. */
  async #restoreNewestRevision(noteId: string): Promise<void> {
    const [newest] = await this.#api.getRevisions({ noteId });
    if (newest) await this.#useRevision(noteId, newest.id);
  }
}
