import type { SectionId } from '../guide/ids';

/**
 * What the person writes around the guide. Plain types, so the renderer can use them
 * without a validator; the schemas that check them at the boundary are in ipc/contract.ts.
 */
export const HIGHLIGHT_COLOURS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColour = (typeof HIGHLIGHT_COLOURS)[number];

export const MOODS = [1, 2, 3, 4, 5] as const;
export type Mood = (typeof MOODS)[number];

/** Generous enough for a 1 MB paste; a bound all the same. */
export const MAX_TEXT_LENGTH = 2_000_000;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

/**
 * Where a highlight sits, recorded the way robust annotation tools do: the quoted text with
 * some context either side, and its position, so it can be found again if the text moves.
 */
export interface TextAnchor {
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  guideVersion: number;
}

interface ItemBase {
  id: string;
  created: string;
  updated: string;
}

export interface SectionNote extends ItemBase {
  kind: 'note';
  sectionId: SectionId;
  text: string;
}

export interface Highlight extends ItemBase {
  kind: 'highlight';
  sectionId: SectionId;
  anchor: TextAnchor;
  colour: HighlightColour;
  note: string;
}

export interface JournalEntry extends ItemBase {
  kind: 'journal-entry';
  /** The day it is about, YYYY-MM-DD; today unless the person changes it. */
  date: string;
  text: string;
  mood: Mood | null;
  tags: string[];
  sectionId: SectionId | null;
}

export type NotebookItem = SectionNote | Highlight | JournalEntry;
export type NotebookKind = NotebookItem['kind'];
export const NOTEBOOK_KINDS: readonly NotebookKind[] = ['note', 'highlight', 'journal-entry'];

export interface TrashedItem {
  item: NotebookItem;
  trashedAt: string;
}

export interface NoteRevision {
  id: string;
  noteId: string;
  text: string;
  savedAt: string;
}

/**
 * Where the records on disk disagree with the vault's own list of them: counted so the
 * person can be told. Those records are left as they are, and nothing acts on them.
 */
export interface NotebookIntegrity {
  /** Listed, but gone from the folder. */
  missing: number;
  /** Put back from an older copy. */
  stale: number;
  /** Deleted, then put back. */
  replayed: number;
  /** The list itself was missing or damaged, so nothing could be checked. */
  unverified: boolean;
}

/**
 * Words typed into a form that has not been saved yet, kept so that a lock, a crash or a
 * restart loses none of them. `key` names the form (`journal:new`, `journal:<id>`,
 * `highlight-note:<id>`); `fields` holds its fields as typed.
 */
export interface Draft {
  key: string;
  fields: Record<string, string>;
  savedAt: string;
}

export interface Notebook {
  items: NotebookItem[];
  drafts: Draft[];
  trash: TrashedItem[];
  /** Records that could not be read: counted so the person can be told, never dropped. */
  unreadable: number;
  integrity: NotebookIntegrity;
}

/** Items leave the trash for good after this long. */
export const TRASH_DAYS = 30;
/** Each note keeps this many earlier versions. */
export const REVISIONS_KEPT = 20;
