import { z } from 'zod';
import { SectionIdSchema } from '../guide/model';
import { MENU_COMMANDS } from '../menu-commands';
import {
  HIGHLIGHT_COLOURS,
  MAX_TAGS,
  MAX_TAG_LENGTH,
  MAX_TEXT_LENGTH,
  MOODS,
  type Draft,
  type Notebook,
  type NotebookItem,
  type NoteRevision,
  type TextAnchor,
} from '../notebook/model';
import { MAX_PASSPHRASE_LENGTH, MIN_NEW_PASSPHRASE_LENGTH } from '../passphrase-rules';
import { AUTO_LOCK_MINUTES, type PrivacySettings, type PrivacyStatus } from '../privacy';
import { TEXT_SCALES, THEMES, type ReaderPreferences } from '../preferences';
import type { ReadingState } from '../reading';
import type { EventMethod, InvokeMethod } from './channels';

export const ReaderPreferencesSchema = z.object({
  theme: z.enum(THEMES),
  textScale: z.literal(TEXT_SCALES),
}) satisfies z.ZodType<ReaderPreferences>;

export const PrivacySettingsSchema = z.object({
  autoLockMinutes: z.literal(AUTO_LOCK_MINUTES),
  lockOnMinimise: z.boolean(),
  // An Electron accelerator: modifiers and one key joined by "+".
  panicShortcut: z
    .string()
    .max(80)
    .regex(/^([A-Za-z]+\+)+[A-Za-z0-9]+$/),
  contentProtection: z.boolean(),
  clearClipboard: z.boolean(),
}) satisfies z.ZodType<PrivacySettings>;

export const PrivacyStatusSchema = z.object({
  settings: PrivacySettingsSchema,
  contentProtectionAvailable: z.boolean(),
  blockedRequests: z.number().int().min(0),
}) satisfies z.ZodType<PrivacyStatus>;

const fraction = z.number().min(0).max(1);

export const SectionReadingSchema = z.object({ position: fraction, progress: fraction });

export const ReadingStateSchema = z.object({
  lastSectionId: SectionIdSchema.nullable(),
  sections: z.partialRecord(SectionIdSchema, SectionReadingSchema),
}) satisfies z.ZodType<ReadingState>;

const passphrase = z.string().max(MAX_PASSPHRASE_LENGTH);
const newPassphrase = passphrase
  .min(MIN_NEW_PASSPHRASE_LENGTH)
  .refine((value) => value.trim() !== '', 'must be more than spaces');

export const VaultStateSchema = z.enum(['none', 'locked', 'unlocked']);

const RecordIdSchema = z.string().regex(/^[0-9a-f]{32}$/);
const timestamp = z.iso.datetime();
const writing = z.string().max(MAX_TEXT_LENGTH);

export const TextAnchorSchema = z.object({
  quote: z.string().min(1).max(20_000),
  prefix: z.string().max(64),
  suffix: z.string().max(64),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  guideVersion: z.number().int().positive(),
}) satisfies z.ZodType<TextAnchor>;

const itemStamps = { id: RecordIdSchema, created: timestamp, updated: timestamp };

const noteFields = { sectionId: SectionIdSchema, text: writing };

/** The forms that keep drafts: a new or edited journal entry, and a highlight's note. */
export const DraftKeySchema = z
  .string()
  .regex(/^(journal:new|journal:[0-9a-f]{32}|highlight-note:[0-9a-f]{32})$/);
export const DraftFieldsSchema = z
  .record(z.string().regex(/^[a-zA-Z]{1,32}$/), writing)
  .refine((fields) => Object.keys(fields).length <= 8, 'at most 8 fields');
export const DraftSchema = z.object({
  key: DraftKeySchema,
  fields: DraftFieldsSchema,
  savedAt: timestamp,
}) satisfies z.ZodType<Draft>;
const highlightFields = {
  sectionId: SectionIdSchema,
  anchor: TextAnchorSchema,
  colour: z.enum(HIGHLIGHT_COLOURS),
  note: writing,
};
const journalFields = {
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

/** What each kind of record holds in the vault, checked again whenever it is read back. */
export const NOTEBOOK_BODY_SCHEMAS = {
  note: z.object(noteFields),
  highlight: z.object(highlightFields),
  'journal-entry': z.object(journalFields),
} as const;

export const NotebookItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), ...noteFields, ...itemStamps }),
  z.object({ kind: z.literal('highlight'), ...highlightFields, ...itemStamps }),
  z.object({ kind: z.literal('journal-entry'), ...journalFields, ...itemStamps }),
]) satisfies z.ZodType<NotebookItem>;

export const TrashedItemSchema = z.object({ item: NotebookItemSchema, trashedAt: timestamp });
export const NoteRevisionSchema = z.object({
  id: RecordIdSchema,
  noteId: RecordIdSchema,
  text: writing,
  savedAt: timestamp,
}) satisfies z.ZodType<NoteRevision>;

const count = z.number().int().min(0);

export const NotebookSchema = z.object({
  items: z.array(NotebookItemSchema),
  drafts: z.array(DraftSchema),
  trash: z.array(TrashedItemSchema),
  unreadable: count,
  integrity: z.object({ missing: count, stale: count, replayed: count, unverified: z.boolean() }),
}) satisfies z.ZodType<Notebook>;

const optionalId = { id: RecordIdSchema.optional() };

/**
 * The schemas of every call's input and output. Inputs are parsed in main before any service
 * sees them; `.strict()` makes an unexpected field an error rather than something ignored.
 */
export const INVOKE_SCHEMAS = {
  getVaultState: { input: z.undefined(), output: VaultStateSchema },
  createVault: {
    input: z.object({ passphrase: newPassphrase }).strict(),
    output: z.object({ recoveryKey: z.string() }),
  },
  unlockVault: { input: z.object({ passphrase }).strict(), output: z.void() },
  recoverVault: {
    input: z.object({ recoveryKey: z.string().max(200), passphrase: newPassphrase }).strict(),
    output: z.void(),
  },
  lockVault: { input: z.undefined(), output: z.void() },
  changePassphrase: {
    input: z.object({ current: passphrase, next: newPassphrase }).strict(),
    output: z.void(),
  },
  // Prepares a new key and returns the new recovery key; nothing changes until confirmRekey.
  rekeyVault: {
    input: z.object({ current: passphrase, next: newPassphrase }).strict(),
    output: z.object({ recoveryKey: z.string() }),
  },
  confirmRekey: { input: z.undefined(), output: z.void() },
  getNotebook: { input: z.undefined(), output: NotebookSchema },
  // A section has one note, and main knows which: the renderer names the section only.
  saveNote: {
    input: z.object(noteFields).strict(),
    output: NotebookItemSchema,
  },
  saveHighlight: {
    input: z.object({ ...optionalId, ...highlightFields }).strict(),
    output: NotebookItemSchema,
  },
  saveJournalEntry: {
    input: z.object({ ...optionalId, ...journalFields }).strict(),
    output: NotebookItemSchema,
  },
  trashItem: { input: z.object({ id: RecordIdSchema }).strict(), output: TrashedItemSchema },
  restoreItem: { input: z.object({ id: RecordIdSchema }).strict(), output: NotebookItemSchema },
  emptyTrash: { input: z.undefined(), output: z.void() },
  deleteForGood: { input: z.object({ id: RecordIdSchema }).strict(), output: z.void() },
  saveDraft: {
    input: z.object({ key: DraftKeySchema, fields: DraftFieldsSchema }).strict(),
    output: z.void(),
  },
  discardDraft: { input: z.object({ key: DraftKeySchema }).strict(), output: z.void() },
  getRevisions: {
    input: z.object({ noteId: RecordIdSchema }).strict(),
    output: z.array(NoteRevisionSchema),
  },
  restoreRevision: {
    input: z.object({ noteId: RecordIdSchema, revisionId: RecordIdSchema }).strict(),
    output: NotebookItemSchema,
  },
  getPrivacyStatus: { input: z.undefined(), output: PrivacyStatusSchema },
  updatePrivacySettings: {
    input: PrivacySettingsSchema.partial().strict(),
    output: PrivacyStatusSchema,
  },
  panic: { input: z.undefined(), output: z.void() },
  clearClipboardLater: {
    input: z.object({ text: z.string().max(MAX_TEXT_LENGTH) }).strict(),
    output: z.void(),
  },
  getPreferences: { input: z.undefined(), output: ReaderPreferencesSchema },
  updatePreferences: {
    input: ReaderPreferencesSchema.partial().strict(),
    output: ReaderPreferencesSchema,
  },
  getReadingState: { input: z.undefined(), output: ReadingStateSchema },
  recordReadingPosition: {
    input: z.object({ sectionId: SectionIdSchema, position: fraction, seen: fraction }).strict(),
    output: z.void(),
  },
} satisfies Record<InvokeMethod, { input: z.ZodType; output: z.ZodType }>;

export const EVENT_SCHEMAS = {
  onMenuCommand: z.enum(MENU_COMMANDS),
} satisfies Record<EventMethod, z.ZodType>;

export type InputOf<M extends InvokeMethod> = z.input<(typeof INVOKE_SCHEMAS)[M]['input']>;
export type ParsedInputOf<M extends InvokeMethod> = z.output<(typeof INVOKE_SCHEMAS)[M]['input']>;
export type OutputOf<M extends InvokeMethod> = z.output<(typeof INVOKE_SCHEMAS)[M]['output']>;
export type PayloadOf<E extends EventMethod> = z.output<(typeof EVENT_SCHEMAS)[E]>;

/** "theme: Invalid option…; textScale: …": names each field that failed, never its value. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}
