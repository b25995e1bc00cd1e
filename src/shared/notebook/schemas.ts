import { z } from 'zod';
import { StepWorkEntrySchema } from '../companion/schemas';
import { SectionIdSchema } from '../guide/model';
import { RECORD_ID_SOURCE, RecordIdSchema } from '../vault/schemas';
import {
  HIGHLIGHT_COLOURS,
  JOURNAL_PAGE_MAX,
  MAX_TAGS,
  MAX_TAG_LENGTH,
  MAX_TEXT_LENGTH,
  MOODS,
} from './model';

/**
 * What the person writes around the guide, as it crosses the IPC boundary. These schemas
 * check every call at the boundary, and the notebook's types are inferred from them. How
 * main keeps the same things on disk is its own, versioned, format (main/notebook/stored-records).
 */
const timestamp = z.iso.datetime();
const writing = z.string().max(MAX_TEXT_LENGTH);

/**
 * Where a highlight sits, recorded the way robust annotation tools do: the quoted text with
 * some context either side, and its position, so it can be found again if the text moves.
 */
export const TextAnchorSchema = z
  .object({
    quote: z.string().min(1).max(20_000),
    prefix: z.string().max(64),
    suffix: z.string().max(64),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    guideVersion: z.number().int().positive(),
  })
  .refine((anchor) => anchor.start < anchor.end, {
    message: 'a highlight ends after it starts',
    path: ['end'],
  });
export type TextAnchor = z.infer<typeof TextAnchorSchema>;

const itemStamps = { id: RecordIdSchema, created: timestamp, updated: timestamp };

const noteFields = { sectionId: SectionIdSchema, text: writing };
const highlightFields = {
  sectionId: SectionIdSchema,
  anchor: TextAnchorSchema,
  colour: z.enum(HIGHLIGHT_COLOURS),
  note: writing,
};
const journalFields = {
  /** The day it is about, YYYY-MM-DD; today unless the person changes it. */
  date: z.iso.date(),
  text: writing,
  mood: z.literal(MOODS).nullable(),
  // Trimmed, and each tag once, here at the boundary: nothing after it trims again.
  tags: z
    .array(z.string().trim().min(1).max(MAX_TAG_LENGTH))
    .max(MAX_TAGS)
    .transform((tags) => [...new Set(tags)]),
  sectionId: SectionIdSchema.nullable(),
};

/** What the person keeps in the seven-step companion: one entry of one of its tools. */
const stepWorkFields = { entry: StepWorkEntrySchema };

export const SectionNoteSchema = z.object({
  kind: z.literal('note'),
  ...noteFields,
  ...itemStamps,
});
export type SectionNote = z.infer<typeof SectionNoteSchema>;
export const HighlightSchema = z.object({
  kind: z.literal('highlight'),
  ...highlightFields,
  ...itemStamps,
});
export type Highlight = z.infer<typeof HighlightSchema>;
export const JournalEntrySchema = z.object({
  kind: z.literal('journal-entry'),
  ...journalFields,
  ...itemStamps,
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export const StepWorkSchema = z.object({
  kind: z.literal('step-work'),
  ...stepWorkFields,
  ...itemStamps,
});
export type StepWork = z.infer<typeof StepWorkSchema>;

export const NotebookItemSchema = z.discriminatedUnion('kind', [
  SectionNoteSchema,
  HighlightSchema,
  JournalEntrySchema,
  StepWorkSchema,
]);
export type NotebookItem = z.infer<typeof NotebookItemSchema>;
export type NotebookKind = NotebookItem['kind'];

export const TrashedItemSchema = z.object({ item: NotebookItemSchema, trashedAt: timestamp });
export type TrashedItem = z.infer<typeof TrashedItemSchema>;

export const NoteRevisionSchema = z.object({
  id: RecordIdSchema,
  noteId: RecordIdSchema,
  text: writing,
  savedAt: timestamp,
});
export type NoteRevision = z.infer<typeof NoteRevisionSchema>;

/**
 * The forms that keep drafts, by key: a new journal entry (`journal:new`), an edited one
 * (`journal:<id>`), a highlight's note (`highlight-note:<id>`), and the companion's forms: a
 * new entry of one of its tools (`step-work:new-message`), a step's answers
 * (`step-work:step-3`), the weighing (`step-work:weighing`), and an entry edited
 * (`step-work:<id>`).
 */
export const DraftKeySchema = z
  .string()
  .regex(
    new RegExp(
      `^(journal:new|journal:${RECORD_ID_SOURCE}|highlight-note:${RECORD_ID_SOURCE}|` +
        `step-work:(new-(message|need|contact|self-care)|step-[1-7]|weighing|${RECORD_ID_SOURCE}))$`,
    ),
  );
/** A form's fields as typed. */
export const DraftFieldsSchema = z
  .record(z.string().regex(/^[a-zA-Z]{1,32}$/), writing)
  .refine((fields) => Object.keys(fields).length <= 8, 'at most 8 fields');
/**
 * Words typed into a form that has not been saved yet, kept so that a lock, a crash or a
 * restart loses none of them.
 */
export const DraftSchema = z.object({
  key: DraftKeySchema,
  fields: DraftFieldsSchema,
  savedAt: timestamp,
});
export type Draft = z.infer<typeof DraftSchema>;

const count = z.number().int().min(0);

/**
 * Where the records on disk disagree with the vault's own list of them: counted so the
 * person can be told. Those records are left as they are, and nothing acts on them.
 */
export const NotebookIntegritySchema = z.object({
  /** Listed, but gone from the folder. */
  missing: count,
  /** Put back from an older copy. */
  stale: count,
  /** Deleted, then put back. */
  replayed: count,
  /** The list itself was missing or damaged, so nothing could be checked. */
  unverified: z.boolean(),
});
export type NotebookIntegrity = z.infer<typeof NotebookIntegritySchema>;

export const NotebookSchema = z.object({
  items: z.array(NotebookItemSchema),
  drafts: z.array(DraftSchema),
  trash: z.array(TrashedItemSchema),
  /** Records that could not be read: counted so the person can be told, never dropped. */
  unreadable: count,
  integrity: NotebookIntegritySchema,
  /** Journal entries older than those in `items`, still to be asked for (getOlderJournal). */
  olderJournalEntries: count,
});
export type Notebook = z.infer<typeof NotebookSchema>;

/** The oldest journal entry the page has: the next page starts after it. */
export const OlderJournalInputSchema = z
  .object({
    after: z.object({ date: z.iso.date(), created: timestamp, id: RecordIdSchema }).strict(),
    limit: z.number().int().min(1).max(JOURNAL_PAGE_MAX),
  })
  .strict();
export const OlderJournalSchema = z.object({
  entries: z.array(JournalEntrySchema),
  /** How many are older still. */
  remaining: count,
});
export type OlderJournal = z.infer<typeof OlderJournalSchema>;

const optionalId = { id: RecordIdSchema.optional() };

/** A section has one note, and main knows which: the renderer names the section only. */
export const SaveNoteInputSchema = z.object(noteFields).strict();
export const SaveHighlightInputSchema = z.object({ ...optionalId, ...highlightFields }).strict();
export const SaveJournalEntryInputSchema = z.object({ ...optionalId, ...journalFields }).strict();
export const SaveStepWorkInputSchema = z.object({ ...optionalId, ...stepWorkFields }).strict();
export const ItemIdInputSchema = z.object({ id: RecordIdSchema }).strict();
export const SaveDraftInputSchema = z
  .object({ key: DraftKeySchema, fields: DraftFieldsSchema })
  .strict();
export const DiscardDraftInputSchema = z.object({ key: DraftKeySchema }).strict();
export const RevisionsInputSchema = z.object({ noteId: RecordIdSchema }).strict();
export const RestoreRevisionInputSchema = z
  .object({ noteId: RecordIdSchema, revisionId: RecordIdSchema })
  .strict();
