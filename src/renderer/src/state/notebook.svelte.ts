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
  TextAnchor,
  TrashedItem,
} from '../../../shared/notebook/model';
import { describeSaveProblem } from '../lib/vault-messages';
import { DraftState } from './drafts.svelte';
import { UndoState } from './undo.svelte';

export type NotebookApi = Pick<
  StillwaterApi,
  | 'getNotebook'
  | 'saveNote'
  | 'saveHighlight'
  | 'saveJournalEntry'
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

interface Draft {
  sectionId: SectionId;
  text: string;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Everything the person has written, as the renderer holds it while the vault is open.
 * Notes save themselves a moment after typing stops, and at once when asked to flush: on
 * blur, on lock, when the window closes. Until a save succeeds the words stay in the draft.
 */
export class NotebookState {
  items = $state<NotebookItem[]>([]);
  trash = $state<TrashedItem[]>([]);
  unreadable = $state(0);
  integrity = $state<NotebookIntegrity>({ missing: 0, stale: 0, replayed: 0, unverified: false });
  /** Why the last save failed, when the disk is to blame; null otherwise. */
  saveProblem = $state<string | null>(null);
  loaded = $state(false);
  failed = $state(false);
  noteStatus = $state<Partial<Record<SectionId, SaveStatus>>>({});

  readonly notes: SectionNote[] = $derived(
    this.items.filter((i): i is SectionNote => i.kind === 'note'),
  );
  readonly highlights: Highlight[] = $derived(
    this.items.filter((i): i is Highlight => i.kind === 'highlight'),
  );
  readonly journal: JournalEntry[] = $derived(
    this.items
      .filter((i): i is JournalEntry => i.kind === 'journal-entry')
      .sort((a, b) => b.date.localeCompare(a.date) || b.created.localeCompare(a.created)),
  );

  #api: NotebookApi;
  // Reactive, so the note shown while typing is always the newest draft.
  #drafts = new SvelteMap<SectionId, Draft>();
  // Bookkeeping only: nothing on screen depends on which saves are in flight.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #saving = new Map<SectionId, Promise<void>>();
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

  async load(): Promise<void> {
    try {
      const notebook = await this.#api.getNotebook();
      this.items = notebook.items;
      this.trash = notebook.trash;
      this.drafts.restore(notebook.drafts);
      this.unreadable = notebook.unreadable;
      this.integrity = notebook.integrity;
      this.loaded = true;
    } catch {
      this.failed = true;
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

  /** The text to show for a section's note: the unsaved draft if there is one. */
  noteText(sectionId: SectionId): string {
    return this.#drafts.get(sectionId)?.text ?? this.noteFor(sectionId)?.text ?? '';
  }

  /** Called on every keystroke. Saving waits for a pause in typing. */
  editNote(sectionId: SectionId, text: string): void {
    const draft = this.#drafts.get(sectionId) ?? { sectionId, text, timer: undefined };
    draft.text = text;
    clearTimeout(draft.timer);
    draft.timer = setTimeout(() => void this.#saveNote(sectionId), this.#delayMs);
    this.#drafts.set(sectionId, draft);
    this.noteStatus[sectionId] = 'pending';
  }

  /**
   * Queues a save of the section's draft behind any save already under way, so two saves of
   * one note never race (the second would not yet know the note's id).
   */
  #saveNote(sectionId: SectionId): Promise<void> {
    const previous = this.#saving.get(sectionId) ?? Promise.resolve();
    const next = previous.then(() => this.#saveDraft(sectionId));
    this.#saving.set(sectionId, next);
    void next.finally(() => {
      if (this.#saving.get(sectionId) === next) this.#saving.delete(sectionId);
    });
    return next;
  }

  async #saveDraft(sectionId: SectionId): Promise<void> {
    const draft = this.#drafts.get(sectionId);
    if (!draft) return;
    clearTimeout(draft.timer);
    const text = draft.text;
    this.noteStatus[sectionId] = 'saving';
    try {
      const saved = await this.#api.saveNote({ sectionId, text });
      this.#replace(saved);
      // Only forget the draft if nothing was typed while it was being saved.
      if (this.#drafts.get(sectionId)?.text === text) this.#drafts.delete(sectionId);
      this.noteStatus[sectionId] = this.#drafts.has(sectionId) ? 'pending' : 'saved';
      this.saveProblem = null;
    } catch (error) {
      this.noteStatus[sectionId] = 'failed';
      this.saveProblem = describeSaveProblem(error);
    }
  }

  /** Saves every unsaved note, and sends every waiting draft, now. */
  async flush(): Promise<void> {
    await Promise.all([
      ...[...this.#drafts.keys()].map((sectionId) => this.#saveNote(sectionId)),
      this.drafts.flush(),
    ]);
  }

  get hasUnsavedWork(): boolean {
    return this.#drafts.size > 0;
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

  async moveToTrash(id: string): Promise<void> {
    const entry = await this.#trashQuietly(id);
    this.undo.offer({
      message: entry.item.kind === 'highlight' ? 'Highlight removed.' : 'Moved to the trash.',
      undo: async () => void (await this.#putBack(id)),
    });
  }

  async restore(id: string): Promise<void> {
    const item = await this.#putBack(id);
    this.undo.offer(
      item.id === id
        ? {
            message: 'Put back from the trash.',
            undo: async () => void (await this.#trashQuietly(id)),
          }
        : {
            // Put back into the section's own note: undoing restores that note as it was,
            // and the merged text stays among its earlier versions.
            message: 'Put back, after this section’s note.',
            undo: () => this.#restoreNewestRevision(item.id),
          },
    );
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
      undo: () => this.#restoreNewestRevision(noteId),
    });
  }

  async #useRevision(noteId: string, revisionId: string): Promise<void> {
    const note = await this.#api.restoreRevision({ noteId, revisionId });
    this.#replace(note);
    if (note.kind === 'note') this.#drafts.delete(note.sectionId);
  }

  /** Main keeps the text a note had before each change as its newest version. */
  async #restoreNewestRevision(noteId: string): Promise<void> {
    const [newest] = await this.#api.getRevisions({ noteId });
    if (newest) await this.#useRevision(noteId, newest.id);
  }
}
