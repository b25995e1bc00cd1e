import type { StillwaterApi } from '../../src/shared/ipc/api';
import { StillwaterIpcError, type IpcErrorKind } from '../../src/shared/ipc/result';
import type {
  Draft,
  Highlight,
  JournalEntry,
  NotebookIntegrity,
  NotebookItem,
  NoteRevision,
  SectionNote,
  TrashedItem,
} from '../../src/shared/notebook/model';
import type { MenuCommand } from '../../src/shared/menu-commands';
import { DEFAULT_READER_PREFERENCES, type ReaderPreferences } from '../../src/shared/preferences';
import { EMPTY_READING_STATE, type ReadingState } from '../../src/shared/reading';
import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings } from '../../src/shared/privacy';
import { recoveryKeySymbols } from '../../src/shared/recovery-key';

/**
 * An in-memory stand-in for `window.stillwater` in component tests. It keeps what it is
 * told the way main would, so a test can check what the renderer saved.
 */
export const FAKE_RECOVERY_KEY = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-H';
export const FAKE_NEW_RECOVERY_KEY = 'ZYXW-VTSR-QPNM-KJHG-FEDC-BA98-7654-3210-T';

type FakeVaultState = 'none' | 'locked' | 'unlocked';

export function createFakeApi(
  initial: {
    preferences?: ReaderPreferences;
    reading?: ReadingState;
    vault?: { state: FakeVaultState; passphrase?: string };
    /** What main's check of the records against the manifest found. */
    integrity?: Partial<NotebookIntegrity>;
  } = {},
) {
  const vault: { state: FakeVaultState; passphrase: string } = {
    state: 'unlocked',
    passphrase: 'correct horse',
    ...initial.vault,
  };
  const refuse = (kind: IpcErrorKind, retryAfterMs?: number): never => {
    throw new StillwaterIpcError({
      kind,
      message: kind,
      ...(retryAfterMs ? { retryAfterMs } : {}),
    });
  };
  let nextUnlockError: { kind: IpcErrorKind; retryAfterMs?: number } | null = null;
  let preferences = { ...DEFAULT_READER_PREFERENCES, ...initial.preferences };
  const reading: ReadingState = structuredClone(initial.reading ?? EMPTY_READING_STATE);
  const menuListeners = new Set<(command: MenuCommand) => void>();
  let failReading = false;

  let privacy: PrivacySettings = { ...DEFAULT_PRIVACY_SETTINGS };
  let panicked = 0;
  let rekeys = 0;
  let pendingPassphrase: string | null = null;
  let saveFailure: IpcErrorKind | null = null;
  let recoveryKeysTried = 0;
  const clipboardClears: string[] = [];
  const items = new Map<string, NotebookItem>();
  const trash = new Map<string, TrashedItem>();
  const drafts = new Map<string, Draft>();
  const revisions: NoteRevision[] = [];
  function addRevision(noteId: string, text: string): void {
    revisions.push({ id: newId(), noteId, text, savedAt: stamp() });
  }
  let counter = 0;
  const stamp = () => new Date(Date.UTC(2026, 10, 26, 9, 0, counter)).toISOString();
  const newId = () => (++counter).toString(16).padStart(32, '0');
  function save<T extends NotebookItem>(
    kind: T['kind'],
    input: { id?: string | undefined } & Record<string, unknown>,
  ): T {
    if (vault.state !== 'unlocked') refuse('vault-locked');
    const { id: wanted, ...fields } = input;
    const existing = wanted ? items.get(wanted) : undefined;
    const id = existing?.kind === kind ? existing.id : newId();
    const item = {
      ...fields,
      kind,
      id,
      created: existing?.created ?? stamp(),
      updated: stamp(),
    } as T;
    items.set(id, item);
    return structuredClone(item);
  }

  const api: StillwaterApi = {
    getNotebook: async () => {
      if (vault.state !== 'unlocked') refuse('vault-locked');
      return structuredClone({
        items: [...items.values()],
        drafts: [...drafts.values()],
        trash: [...trash.values()],
        unreadable: 0,
        integrity: { missing: 0, stale: 0, replayed: 0, unverified: false, ...initial.integrity },
      });
    },
    saveNote: async (input) => {
      if (saveFailure) refuse(saveFailure);
      // As in main: a section has one note, found by its section, never by an id.
      const existing = [...items.values()].find(
        (item) => item.kind === 'note' && item.sectionId === input.sectionId,
      );
      return save<SectionNote>('note', { ...input, ...(existing ? { id: existing.id } : {}) });
    },
    saveHighlight: async (input) => save<Highlight>('highlight', input),
    deleteForGood: async ({ id }) => {
      if (!trash.delete(id)) refuse('not-found');
    },
    saveDraft: async ({ key, fields }) => {
      if (vault.state !== 'unlocked') refuse('vault-locked');
      drafts.set(key, { key, fields: { ...fields }, savedAt: stamp() });
    },
    discardDraft: async ({ key }) => {
      if (vault.state !== 'unlocked') refuse('vault-locked');
      drafts.delete(key);
    },
    saveJournalEntry: async (input) => save<JournalEntry>('journal-entry', input),
    trashItem: async ({ id }) => {
      const item = items.get(id);
      if (!item) return refuse('not-found');
      items.delete(id);
      const entry = { item, trashedAt: stamp() };
      trash.set(id, entry);
      return structuredClone(entry);
    },
    restoreItem: async ({ id }) => {
      const entry = trash.get(id);
      if (!entry) return refuse('not-found');
      trash.delete(id);
      items.set(id, entry.item);
      return structuredClone(entry.item);
    },
    emptyTrash: async () => {
      trash.clear();
    },
    getRevisions: async ({ noteId }) =>
      structuredClone(
        revisions
          .filter((revision) => revision.noteId === noteId)
          .sort((a, b) => b.savedAt.localeCompare(a.savedAt)),
      ),
    // As in main: the note's text before the change is kept as its newest version.
    restoreRevision: async ({ noteId, revisionId }) => {
      const note = items.get(noteId);
      const revision = revisions.find((candidate) => candidate.id === revisionId);
      if (note?.kind !== 'note' || !revision) return refuse('not-found');
      if (note.text !== revision.text) addRevision(noteId, note.text);
      return save<SectionNote>('note', {
        id: noteId,
        sectionId: note.sectionId,
        text: revision.text,
      });
    },
    getVaultState: async () => vault.state,
    createVault: async ({ passphrase }) => {
      if (vault.state !== 'none') refuse('vault-exists');
      Object.assign(vault, { state: 'unlocked', passphrase });
      return { recoveryKey: FAKE_RECOVERY_KEY };
    },
    unlockVault: async ({ passphrase }) => {
      if (nextUnlockError) {
        const { kind, retryAfterMs } = nextUnlockError;
        nextUnlockError = null;
        refuse(kind, retryAfterMs);
      }
      if (passphrase !== vault.passphrase) refuse('wrong-passphrase');
      vault.state = 'unlocked';
    },
    recoverVault: async ({ recoveryKey, passphrase }) => {
      // As main does: a typing mistake is told apart, and only a well-formed key is tried.
      const symbols = recoveryKeySymbols(recoveryKey);
      if (symbols === null) refuse('recovery-key-typo');
      recoveryKeysTried += 1;
      if (symbols !== recoveryKeySymbols(FAKE_RECOVERY_KEY)) refuse('wrong-passphrase');
      Object.assign(vault, { state: 'unlocked', passphrase });
    },
    lockVault: async () => {
      vault.state = 'locked';
    },
    changePassphrase: async ({ current, next }) => {
      if (current !== vault.passphrase) refuse('wrong-passphrase');
      vault.passphrase = next;
    },
    rekeyVault: async ({ current, next }) => {
      if (current !== vault.passphrase) refuse('wrong-passphrase');
      pendingPassphrase = next;
      return { recoveryKey: FAKE_NEW_RECOVERY_KEY };
    },
    confirmRekey: async () => {
      if (pendingPassphrase === null) return refuse('vault-locked');
      vault.passphrase = pendingPassphrase;
      pendingPassphrase = null;
      rekeys += 1;
    },
    getPrivacyStatus: async () => ({
      settings: { ...privacy },
      contentProtectionAvailable: false,
      blockedRequests: 0,
    }),
    updatePrivacySettings: async (patch) => {
      privacy = { ...privacy, ...patch } as PrivacySettings;
      return { settings: { ...privacy }, contentProtectionAvailable: false, blockedRequests: 0 };
    },
    panic: async () => {
      panicked += 1;
      vault.state = 'locked';
    },
    clearClipboardLater: async ({ text }) => {
      clipboardClears.push(text);
    },
    getPreferences: async () => ({ ...preferences }),
    updatePreferences: async (patch) => {
      preferences = { ...preferences, ...patch };
      return { ...preferences };
    },
    getReadingState: async () => {
      if (vault.state !== 'unlocked') refuse('vault-locked');
      if (failReading) throw new Error('reading state unavailable');
      return structuredClone(reading);
    },
    recordReadingPosition: async ({ sectionId, position, seen }) => {
      if (vault.state !== 'unlocked') refuse('vault-locked');
      const previous = reading.sections[sectionId]?.progress ?? 0;
      reading.sections[sectionId] = { position, progress: Math.max(previous, seen) };
      reading.lastSectionId = sectionId;
    },
    onMenuCommand: (listener) => {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
  };

  return {
    api,
    preferences: () => preferences,
    reading: () => reading,
    sendMenuCommand: (command: MenuCommand) =>
      menuListeners.forEach((listener) => listener(command)),
    failReadingState: () => (failReading = true),
    vault: () => vault,
    privacy: () => privacy,
    panicked: () => panicked,
    rekeys: () => rekeys,
    drafts: () => structuredClone([...drafts.values()]),
    trashIds: () => [...trash.keys()],
    /** An earlier version of a note, as main keeps one when a note changes enough. */
    addRevision,
    /** Makes every note save fail with `kind` (a full disk, say) until set back to null. */
    failNoteSaves: (kind: IpcErrorKind | null) => (saveFailure = kind),
    clipboardClears,
    /** Recovery keys that reached the check against the vault: typing mistakes never do. */
    recoveryKeysTried: () => recoveryKeysTried,
    items: () => [...items.values()],
    trash: () => [...trash.values()],
    failNextUnlock: (kind: IpcErrorKind, retryAfterMs?: number) => {
      nextUnlockError = retryAfterMs ? { kind, retryAfterMs } : { kind };
    },
  };
}
