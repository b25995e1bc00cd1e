import type { SectionId } from '../../shared/guide/ids';
import type {
  Draft,
  Highlight,
  JournalEntry,
  NoteRevision,
  Notebook,
  NotebookItem,
  NotebookIntegrity,
  SectionNote,
  TrashedItem,
} from '../../shared/notebook/model';
import { AppError } from '../app-error';
import type { Logger } from '../logger';
import { vaultLocked } from '../vault/errors';
import type { IntegrityReport, Vault } from '../vault/vault';
import { Vault as VaultClass } from '../vault/vault';
import type { VaultSession } from '../vault/vault-session';
import { expiredTrash, revisionsBeyondLimit, shouldKeepRevision } from './retention';
import {
  DRAFT_KIND,
  REVISION_KIND,
  TRASH_KIND,
  draftBody,
  fieldsOf,
  itemBody,
  readItem,
  readNotebookRecord,
  revisionBody,
  trashBody,
} from './stored-records';

/** Between a section's note and a note put back from the trash into the same section. */
export const RESTORED_DIVIDER = '\n\n— Put back from the trash —\n\n';

type Fields<T extends NotebookItem> = Omit<T, 'id' | 'created' | 'updated' | 'kind'>;

const notFound = (what: string) => new AppError('not-found', `${what} was not found`);

interface Loaded {
  vault: Vault;
  items: Map<string, NotebookItem>;
  trash: Map<string, TrashedItem>;
  revisions: Map<string, NoteRevision[]>;
  drafts: Map<string, Draft>;
  unreadable: number;
  integrity: NotebookIntegrity;
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

/**
 * Everything the person writes around the guide: notes, highlights and journal entries,
 * with an encrypted trash and the last revisions of each note. All of it lives in the
 * vault; this keeps a decrypted copy in memory while the vault is open, and forgets it
 * when the vault changes.
 */
export function createNotebookService(
  session: VaultSession,
  { logger, now = () => new Date() }: { logger: Logger; now?: () => Date },
) {
  let loaded: Loaded | null = null;
  let loading: Promise<Loaded> | null = null;
  // Writes happen one at a time, so two quick saves of one note cannot cross.
  let queue: Promise<unknown> = Promise.resolve();

  function serialise<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    // The queue keeps no value: a resolved save would otherwise keep its text after a lock.
    queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  async function readAll(vault: Vault): Promise<Loaded> {
    const { records, unreadable, integrity } = await vault.list();
    const state: Loaded = {
      vault,
      items: new Map(),
      trash: new Map(),
      revisions: new Map(),
      drafts: new Map(),
      unreadable: unreadable.length,
      integrity: integrityOf(integrity),
    };
    for (const record of records) {
      const read = readNotebookRecord(record);
      if (read === 'damaged') state.unreadable += 1;
      else if (read?.kind === 'item') state.items.set(read.item.id, read.item);
      else if (read?.kind === 'trash') state.trash.set(record.id, read.entry);
      else if (read?.kind === 'draft') state.drafts.set(read.draft.key, read.draft);
      else if (read?.kind === 'revision') {
        const list = state.revisions.get(read.revision.noteId) ?? [];
        list.push(read.revision);
        state.revisions.set(read.revision.noteId, list);
      }
    }
    if (state.unreadable > 0) logger.warn(`${state.unreadable} notebook records could not be read`);
    const { missing, stale, replayed, unverified } = state.integrity;
    if (missing + stale + replayed > 0 || unverified) {
      logger.warn(
        `the manifest disagrees: ${missing} missing, ${stale} stale, ${replayed} replayed` +
          (unverified ? ', and it could not be read' : ''),
      );
    }
    // The purge acts only on what the manifest vouches for: never on a copy taken in on a
    // crash's word, or kept from a time when the manifest could not be checked.
    for (const expired of expiredTrash([...state.trash.values()], now().getTime())) {
      if (vault.isVouched(expired.item.id)) await forget(state, expired.item.id);
    }
    return state;
  }

  /** Removes an item and its revisions from the vault for good. */
  async function forget(state: Loaded, id: string): Promise<void> {
    await state.vault.delete(id);
    state.trash.delete(id);
    for (const revision of state.revisions.get(id) ?? []) await state.vault.delete(revision.id);
    state.revisions.delete(id);
  }

  // Decrypted items live only while the vault is open.
  session.onLock({ forget: () => (loaded = null) });

  async function load(): Promise<Loaded> {
    const vault = session.current();
    if (loaded?.vault === vault) return loaded;
    if (!loading) {
      loading = readAll(vault).finally(() => (loading = null));
    }
    const state = await loading;
    // A lock while the notebook was being read must not leave it behind in memory.
    if (state.vault.isLocked) throw vaultLocked();
    loaded = state;
    return loaded;
  }

  async function put<K extends NotebookItem['kind']>(
    kind: K,
    fields: Fields<Extract<NotebookItem, { kind: K }>>,
    id?: string,
  ): Promise<Extract<NotebookItem, { kind: K }>> {
    const state = await load();
    const existing = id ? state.items.get(id) : undefined;
    const targetId = existing?.kind === kind ? existing.id : VaultClass.newRecordId();
    const created = existing?.kind === kind ? existing.created : undefined;
    const record = await state.vault.put(kind, itemBody<K>(fields), targetId, created);
    const item = readItem(record) as Extract<NotebookItem, { kind: K }>;
    state.items.set(item.id, item);
    return item;
  }

  /** The section's one note; should older data hold two, the one written last. */
  function noteOf(state: Loaded, sectionId: SectionId): SectionNote | undefined {
    let found: SectionNote | undefined;
    for (const item of state.items.values()) {
      if (item.kind === 'note' && item.sectionId === sectionId) {
        if (!found || item.updated > found.updated) found = item;
      }
    }
    return found;
  }

  async function saveNote({ sectionId, text }: { sectionId: SectionId; text: string }) {
    const state = await load();
    const existing = noteOf(state, sectionId);
    if (existing) {
      const revisions = state.revisions.get(existing.id) ?? [];
      const last = revisions.map((r) => Date.parse(r.savedAt)).sort((a, b) => b - a)[0] ?? null;
      if (shouldKeepRevision(existing.text, text, last, now().getTime())) {
        await keepRevision(state, existing);
      }
    }
    return put('note', { sectionId, text }, existing?.id);
  }

  /**
   * Puts a trashed note back into a section that has a note of its own since: both texts
   * stay, one after the other under a plain divider, and the section's note as it was is
   * kept as an earlier version.
   */
  async function mergeIntoSectionNote(
    state: Loaded,
    restored: SectionNote,
    current: SectionNote,
  ): Promise<SectionNote> {
    await keepRevision(state, current);
    const merged = await put(
      'note',
      { sectionId: current.sectionId, text: `${current.text}${RESTORED_DIVIDER}${restored.text}` },
      current.id,
    );
    await forget(state, restored.id);
    return merged;
  }

  async function keepRevision(state: Loaded, note: SectionNote): Promise<void> {
    const revision: NoteRevision = {
      id: VaultClass.newRecordId(),
      noteId: note.id,
      text: note.text,
      savedAt: now().toISOString(),
    };
    await state.vault.put(REVISION_KIND, revisionBody(revision), revision.id, revision.savedAt);
    const revisions = [...(state.revisions.get(note.id) ?? []), revision];
    for (const old of revisionsBeyondLimit(revisions)) {
      await state.vault.delete(old.id);
      revisions.splice(revisions.indexOf(old), 1);
    }
    state.revisions.set(note.id, revisions);
  }

  return {
    /** Reads the whole notebook, once per unlock; later calls answer from memory. */
    async notebook(): Promise<Notebook> {
      const state = await load();
      return {
        items: [...state.items.values()],
        drafts: [...state.drafts.values()],
        trash: [...state.trash.values()],
        unreadable: state.unreadable,
        integrity: state.integrity,
      };
    },
    saveNote: (input: { sectionId: SectionId; text: string }) => serialise(() => saveNote(input)),
    saveHighlight: ({ id, ...fields }: Fields<Highlight> & { id?: string }) =>
      serialise(() => put('highlight', fields, id)),
    saveJournalEntry: ({ id, ...fields }: Fields<JournalEntry> & { id?: string }) =>
      serialise(() => put('journal-entry', fields, id)),
    /** Moves an item to the trash: the same record, re-sealed under the kind "trash". */
    trash: (id: string) =>
      serialise(async (): Promise<TrashedItem> => {
        const state = await load();
        const item = state.items.get(id);
        if (!item) throw notFound('That item');
        const entry: TrashedItem = { item, trashedAt: now().toISOString() };
        await state.vault.put(TRASH_KIND, trashBody(entry), id, item.created);
        state.items.delete(id);
        state.trash.set(id, entry);
        return entry;
      }),
    restore: (id: string) =>
      serialise(async (): Promise<NotebookItem> => {
        const state = await load();
        const entry = state.trash.get(id);
        if (!entry) throw notFound('That item');
        const sectionNote =
          entry.item.kind === 'note' ? noteOf(state, entry.item.sectionId) : undefined;
        if (entry.item.kind === 'note' && sectionNote) {
          return mergeIntoSectionNote(state, entry.item, sectionNote);
        }
        const record = await state.vault.put(
          entry.item.kind,
          itemBody(fieldsOf(entry.item)),
          id,
          entry.item.created,
        );
        const item = readItem(record) as NotebookItem;
        state.trash.delete(id);
        state.items.set(id, item);
        return item;
      }),
    /** Keeps what is typed into a form, under a file name that says nothing of the form. */
    saveDraft: (key: string, fields: Record<string, string>) =>
      serialise(async (): Promise<void> => {
        const state = await load();
        const draft: Draft = { key, fields, savedAt: now().toISOString() };
        await state.vault.put(
          DRAFT_KIND,
          draftBody(draft),
          state.vault.singletonId(`draft:${key}`),
        );
        state.drafts.set(key, draft);
      }),
    discardDraft: (key: string) =>
      serialise(async (): Promise<void> => {
        const state = await load();
        if (!state.drafts.has(key)) return;
        await state.vault.delete(state.vault.singletonId(`draft:${key}`));
        state.drafts.delete(key);
      }),
    /** Removes one item in the trash for good, with its earlier versions. */
    deleteForGood: (id: string) =>
      serialise(async (): Promise<void> => {
        const state = await load();
        if (!state.trash.has(id)) throw notFound('That item');
        await forget(state, id);
      }),
    emptyTrash: () =>
      serialise(async (): Promise<void> => {
        const state = await load();
        for (const id of [...state.trash.keys()]) await forget(state, id);
      }),
    async revisions(noteId: string): Promise<NoteRevision[]> {
      const state = await load();
      return [...(state.revisions.get(noteId) ?? [])].sort((a, b) =>
        b.savedAt.localeCompare(a.savedAt),
      );
    },
    /** Puts an earlier version back, keeping the current text as a revision first. */
    restoreRevision: (noteId: string, revisionId: string) =>
      serialise(async (): Promise<SectionNote> => {
        const state = await load();
        const note = state.items.get(noteId);
        const revision = state.revisions.get(noteId)?.find((r) => r.id === revisionId);
        if (note?.kind !== 'note' || !revision) throw notFound('That version');
        if (note.text !== revision.text) await keepRevision(state, note);
        return put('note', { sectionId: note.sectionId, text: revision.text }, noteId);
      }),
  };
}
export type NotebookService = ReturnType<typeof createNotebookService>;
