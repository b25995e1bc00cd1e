import type { NotebookKind } from './schemas';

/**
 * What the person writes around the guide. Plain values, so the renderer can use them
 * without bundling a validator; the schemas, and the types inferred from them, are in
 * ./schemas and re-exported here as types only.
 */
export type {
  Draft,
  Highlight,
  JournalEntry,
  Notebook,
  NotebookIntegrity,
  NotebookItem,
  NotebookKind,
  NoteRevision,
  OlderJournal,
  SectionNote,
  StepWork,
  TextAnchor,
  TrashedItem,
} from './schemas';

export const HIGHLIGHT_COLOURS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColour = (typeof HIGHLIGHT_COLOURS)[number];

export const MOODS = [1, 2, 3, 4, 5] as const;
export type Mood = (typeof MOODS)[number];

/** Generous enough for a 1 MB paste; a bound all the same. */
export const MAX_TEXT_LENGTH = 2_000_000;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

export const NOTEBOOK_KINDS: readonly NotebookKind[] = [
  'note',
  'highlight',
  'journal-entry',
  'step-work',
];

/** Items leave the trash for good after this long. */
export const TRASH_DAYS = 30;
/** Each note keeps this many earlier versions. */
export const REVISIONS_KEPT = 20;

/**
 * How many of the newest journal entries come with the notebook when it opens; the older
 * ones follow in pages of at most JOURNAL_PAGE_MAX, so the page has what it shows first at
 * once, and no one message carries the whole journal.
 */
export const JOURNAL_FIRST_PAGE = 200;
export const JOURNAL_PAGE_MAX = 5_000;
