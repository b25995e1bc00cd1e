import { z } from 'zod';
import { StepWorkEntrySchema } from '../../shared/companion/schemas';
import { SectionIdSchema } from '../../shared/guide/model';
import {
  HIGHLIGHT_COLOURS,
  MAX_TAGS,
  MAX_TAG_LENGTH,
  MAX_TEXT_LENGTH,
  MOODS,
  type Draft,
  type NoteRevision,
  type NotebookItem,
  type NotebookKind,
  type TrashedItem,
} from '../../shared/notebook/model';
import { DraftFieldsSchema, DraftKeySchema, TextAnchorSchema } from '../../shared/notebook/schemas';
import { RecordIdSchema } from '../../shared/vault/schemas';
import { recordTooLarge } from '../vault/errors';
import { versionOneBody } from '../vault/record-body';
import type { StoredRecord } from '../vault/vault';

/**
 * The notebook as it is sealed in the vault: one record per item, trashed item, earlier
 * version of a note, and draft. This is a disk format, kept apart from the IPC shapes: every
 * body is versioned (see record-body), and every one read back is parsed as hostile. A body
 * that fails its schema, a newer version among them, or that is filed under an id that is not
 * its own, is damaged: it is counted, never acted on, never written over. Every body is
 * checked the same way before it is written (refuseUnreadable).
 */
export const TRASH_KIND = 'trash';
export const REVISION_KIND = 'note-revision';
export const DRAFT_KIND = 'draft';

/**
 * The name a draft's record id is made from, through the vault's singleton ids: one record
 * per form, under a file name that says nothing of the form.
 */
export const draftRecordName = (key: string): string => `draft:${key}`;

const timestamp = z.iso.datetime();
const writing = z.string().max(MAX_TEXT_LENGTH);

const ITEM_FIELDS = {
  note: { sectionId: SectionIdSchema, text: writing },
  highlight: {
    sectionId: SectionIdSchema,
    anchor: TextAnchorSchema,
    colour: z.enum(HIGHLIGHT_COLOURS),
    note: writing,
  },
  'journal-entry': {
    date: z.iso.date(),
    text: writing,
    mood: z.literal(MOODS).nullable(),
    tags: z.array(z.string().min(1).max(MAX_TAG_LENGTH)).max(MAX_TAGS),
    sectionId: SectionIdSchema.nullable(),
  },
  'step-work': { entry: StepWorkEntrySchema },
} as const;

const ITEM_BODY_SCHEMAS = {
  note: versionOneBody(ITEM_FIELDS.note),
  highlight: versionOneBody(ITEM_FIELDS.highlight),
  'journal-entry': versionOneBody(ITEM_FIELDS['journal-entry']),
  'step-work': versionOneBody(ITEM_FIELDS['step-work']),
} as const;

const stamps = { id: RecordIdSchema, created: timestamp, updated: timestamp };

/** A trashed item keeps its kind and its stamps inside the trash record's body. */
const TrashedItemBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), ...ITEM_FIELDS.note, ...stamps }),
  z.object({ kind: z.literal('highlight'), ...ITEM_FIELDS.highlight, ...stamps }),
  z.object({ kind: z.literal('journal-entry'), ...ITEM_FIELDS['journal-entry'], ...stamps }),
  z.object({ kind: z.literal('step-work'), ...ITEM_FIELDS['step-work'], ...stamps }),
]);

const TrashBodySchema = versionOneBody({ trashedAt: timestamp, item: TrashedItemBodySchema });
const RevisionBodySchema = versionOneBody({
  noteId: RecordIdSchema,
  text: writing,
  savedAt: timestamp,
});
const DraftBodySchema = versionOneBody({
  key: DraftKeySchema,
  fields: DraftFieldsSchema,
  savedAt: timestamp,
});

/** What a notebook record turned out to hold once read. */
export type NotebookRecord =
  | { kind: 'item'; item: NotebookItem }
  | { kind: 'trash'; entry: TrashedItem }
  | { kind: 'revision'; revision: NoteRevision }
  | { kind: 'draft'; draft: Draft };

/** Why a notebook record is damaged: something in it is longer than allowed, or anything else. */
type Damage = { damaged: 'too-large' | 'shape' };

/** The id a draft of `key` is filed under: the vault's singleton id of its record name. */
export type DraftRecordId = (key: string) => string;

function isItemKind(kind: string): kind is NotebookKind {
  return Object.hasOwn(ITEM_BODY_SCHEMAS, kind);
}

function withoutVersion<T extends { v: number }>({ v, ...rest }: T): Omit<T, 'v'> {
  return rest;
}

function damageOf(error: z.ZodError): Damage {
  return {
    damaged: error.issues.some((issue) => issue.code === 'too_big') ? 'too-large' : 'shape',
  };
}

/** Filed under an id that is not its own: acted on, it would act on another record. */
const MISFILED: Damage = { damaged: 'shape' };

function parseItem(record: StoredRecord, kind: NotebookKind): NotebookRecord | Damage {
  const body = ITEM_BODY_SCHEMAS[kind].safeParse(record.body);
  if (!body.success) return damageOf(body.error);
  const { id, created, updated } = record;
  const item = { ...withoutVersion(body.data), kind, id, created, updated } as NotebookItem;
  return { kind: 'item', item };
}

/**
 * Reads any record the notebook keeps against its kind's schema, and against the id it is
 * filed under; null when it is not the notebook's (the reading position).
 */
function parseRecord(
  record: StoredRecord,
  draftRecordId: DraftRecordId,
): NotebookRecord | Damage | null {
  if (isItemKind(record.kind)) return parseItem(record, record.kind);
  if (record.kind === TRASH_KIND) {
    const body = TrashBodySchema.safeParse(record.body);
    if (!body.success) return damageOf(body.error);
    // A trashed item is the same record as the item: restored or purged, this id is acted on.
    if (body.data.item.id !== record.id) return MISFILED;
    return { kind: 'trash', entry: withoutVersion(body.data) };
  }
  if (record.kind === REVISION_KIND) {
    const body = RevisionBodySchema.safeParse(record.body);
    if (!body.success) return damageOf(body.error);
    return { kind: 'revision', revision: { id: record.id, ...withoutVersion(body.data) } };
  }
  if (record.kind === DRAFT_KIND) {
    const body = DraftBodySchema.safeParse(record.body);
    if (!body.success) return damageOf(body.error);
    // Saved and discarded by its key, a draft must be filed under the id its key names.
    if (draftRecordId(body.data.key) !== record.id) return MISFILED;
    return { kind: 'draft', draft: withoutVersion(body.data) };
  }
  return null;
}

/** The item a record of an item's kind holds, or null when its body is damaged. */
export function readItem(record: StoredRecord): NotebookItem | null {
  if (!isItemKind(record.kind)) return null;
  const read = parseItem(record, record.kind);
  return 'item' in read ? read.item : null;
}

/**
 * Reads any record: what it holds, 'damaged' when it is one of the notebook's but fails its
 * schema or is filed under another id, or null when it is not the notebook's at all.
 */
export function readNotebookRecord(
  record: StoredRecord,
  draftRecordId: DraftRecordId,
): NotebookRecord | 'damaged' | null {
  const read = parseRecord(record, draftRecordId);
  return read && 'damaged' in read ? 'damaged' : read;
}

/**
 * Refuses, before it is sealed, a record the notebook would read back as damaged: written,
 * it would be unreadable, and the copy it replaced gone. Stillwater's own bodies fail only
 * by growing too long (a note put back into another); anything else is a fault.
 */
export function refuseUnreadable(
  record: Pick<StoredRecord, 'kind' | 'id' | 'body'>,
  draftRecordId: DraftRecordId,
): void {
  const stamp = new Date(0).toISOString();
  const read = parseRecord({ ...record, created: stamp, updated: stamp }, draftRecordId);
  if (read === null) throw new Error(`the notebook does not keep records of kind ${record.kind}`);
  if (!('damaged' in read)) return;
  if (read.damaged === 'too-large') throw recordTooLarge(record.id);
  throw new Error(`record ${record.id} would be read back as damaged`);
}

/** An item's own fields: what the person wrote, without its kind and stamps. */
export type ItemFields<K extends NotebookKind> = Omit<
  Extract<NotebookItem, { kind: K }>,
  'kind' | 'id' | 'created' | 'updated'
>;
type ItemBody<K extends NotebookKind> = z.output<(typeof ITEM_BODY_SCHEMAS)[K]>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// An item's fields and its stored body (less `v`) must stay the same shape: if one changes
// alone, this stops compiling, and the disk format needs a new version.
const ITEM_FIELDS_MATCH_THEIR_BODIES: {
  [K in NotebookKind]: Same<ItemFields<K>, Omit<ItemBody<K>, 'v'>>;
} = { note: true, highlight: true, 'journal-entry': true, 'step-work': true };
void ITEM_FIELDS_MATCH_THEIR_BODIES;

/** The body that seals an item's fields under its own kind. */
export function itemBody<K extends NotebookKind>(fields: ItemFields<K>): ItemBody<K> {
  return { v: 1, ...fields } as ItemBody<K>;
}

/** An item's own fields, without its kind and stamps: what is sealed under its kind. */
export function fieldsOf<K extends NotebookKind>(
  item: Extract<NotebookItem, { kind: K }>,
): ItemFields<K> {
  const { id, created, updated, kind, ...fields } = item;
  return fields as ItemFields<K>;
}

export function trashBody(entry: TrashedItem): z.output<typeof TrashBodySchema> {
  return { v: 1, trashedAt: entry.trashedAt, item: entry.item };
}

export function revisionBody({
  noteId,
  text,
  savedAt,
}: NoteRevision): z.output<typeof RevisionBodySchema> {
  return { v: 1, noteId, text, savedAt };
}

export function draftBody({ key, fields, savedAt }: Draft): z.output<typeof DraftBodySchema> {
  return { v: 1, key, fields, savedAt };
}
