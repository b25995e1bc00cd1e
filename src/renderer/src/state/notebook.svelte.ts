import { SvelteMap } from 'svelte/reactivity';
import type { SectionId } from '../../../shared/guide/ids';
import type { StillwaterApi } from '../../../shared/ipc/api';
import type {
  Highlight,
  HighlightColour,
  JournalEntry,
  NotebookIntegrity,
  NotebookItem,
  SectionNote,
  StepWork,
  TextAnchor,
  TrashedItem,
} from '../../../shared/notebook/model';
import type { StepWorkEntry } from '../../../shared/companion/model';
import { describeSaveProblem } from '../lib/errors';
import { DraftState } from './drafts.svelte';
import { UndoState } from './undo.svelte';

export type NotebookApi = Pick<
  StillwaterApi,
  | 'getNotebook'
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
  items = $state<NotebookItem[]>([]);
  trash = $state<TrashedItem[]>([]);
  unreadable = $state(0);
  integrity = $state<NotebookIntegrity>({ missing: 0, stale: 0, replayed: 0, unverified: false });
  /** Why the last save failed, when the disk is to blame; null otherwise. */
  saveProblem = $state<string | null>(null);
  /**
   * Whether what main keeps has reached the page. Until it has, nothing in the notebook can
   * be written: a note typed over one that has not arrived would replace it.
   */
  status = $state<'loading' | 'open' | 'failed' | 'retrying'>('loading');
  noteStatus = $state<Partial<Record<SectionId, SaveStatus>>>({});

  readonly notes: SectionNote[] = $derived(
    this.items.filter((i): i is SectionNote => i.kind === 'note'),
  );
  readonly highlights: Highlight[] = $derived(
    this.items.filter((i): i is Highlight => i.kind === 'highlight'),
  );
  /** The companion's entries, newest first. */
  readonly stepWork: StepWork[] = $derived(
    this.items
      .filter((i): i is StepWork => i.kind === 'step-work')
      .sort((a, b) => b.created.localeCompare(a.created)),
  );
  readonly journal: JournalEntry[] = $derived(
    this.items
      .filter((i): i is JournalEntry => i.kind === 'journal-entry')
      .sort((a, b) => b.date.localeCompare(a.date) || b.created.localeCompare(a.created)),
  );

  #api: NotebookApi;
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
    try {
      const notebook = await this.#api.getNotebook();
      this.items = notebook.items;
      this.trash = notebook.trash;
      this.drafts.restore(notebook.drafts);
      this.unreadable = notebook.unreadable;
      this.integrity = notebook.integrity;
      this.status = 'open';
    } catch {
      this.status = 'failed';
    }
  }

  #replace(item: NotebookItem): void {
    const index = this.items.findIndex((existing) => existing.id === item.id);
    if (index === -1) this.items.push(item);
    else this.items[index] = item;
  }

  noteFor(sectionId: SectionId): SectionNote | undefined {
    return this.notes.find((note) => note.sectionId === sectionId);
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
    // The anchor held here is reactive state, which cannot be cloned to main: a plain copy.
    const plain = { id, sectionId, anchor: { ...anchor }, colour, note };
    this.#replace(await this.#api.saveHighlight(plain));
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
    // Entries held here are reactive state, which cannot be cloned to main: a plain copy.
    const plain = structuredClone($state.snapshot(entry)) as StepWorkEntry;
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
  ): (StepWork & { entry: Extract<StepWorkEntry, { type: T }> })[] {
    return this.stepWork.filter(
      (item): item is StepWork & { entry: Extract<StepWorkEntry, { type: T }> } =>
        item.entry.type === type,
    );
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
    this.trash = this.trash.filter((entry) => entry.item.id !== id);
    this.#replace(item);
    return item;
  }

  async #trashQuietly(id: string): Promise<TrashedItem> {
    const entry = await this.#api.trashItem({ id });
    this.items = this.items.filter((item) => item.id !== id);
    this.trash.push(entry);
    return entry;
  }

  /** Removes one item in the trash for good; the person has already been asked. */
  async deleteForGood(id: string): Promise<void> {
    await this.#api.deleteForGood({ id });
    this.trash = this.trash.filter((entry) => entry.item.id !== id);
  }

  async emptyTrash(): Promise<void> {
    await this.#api.emptyTrash();
    this.trash = [];
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
  }

  /** Main keeps the text a note had before each change as its newest version. */
  async #restoreNewestRevision(noteId: string): Promise<void> {
    const [newest] = await this.#api.getRevisions({ noteId });
    if (newest) await this.#useRevision(noteId, newest.id);
  }
}
