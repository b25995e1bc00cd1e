import { z } from 'zod';
import { NewPassphraseSchema, PassphraseSchema } from '../vault/schemas';
import {
  AUTOMATIC_BACKUP_ERRORS,
  AUTOMATIC_BACKUP_EVERY,
  AUTOMATIC_BACKUP_KEEP_MAX,
  AUTOMATIC_BACKUP_KEEP_MIN,
  AUTOMATIC_BACKUP_NAME_PATTERN,
  MAX_BACKUP_FOLDER_LENGTH,
} from './automatic-backup';

/** What opens a backup: the passphrase, or the recovery key, of the moment it was made. */
export const BackupKeySchema = z.union([
  z.object({ passphrase: PassphraseSchema }).strict(),
  z.object({ recoveryKey: z.string().max(200) }).strict(),
]);
export type BackupKey = z.infer<typeof BackupKeySchema>;

const count = z.number().int().nonnegative();
const cancelled = z.object({ outcome: z.literal('cancelled') });

/** "Back up now": where it went (the file's name only), and what it holds. */
export const BackupSavedSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('saved'),
    name: z.string(),
    records: count,
    leftOut: count,
    bytes: count,
  }),
  cancelled,
]);
export type BackupSaved = z.infer<typeof BackupSavedSchema>;

/** What a backup says of itself before any key is asked for. */
export const RestoreChoiceSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('chosen'),
    name: z.string(),
    created: z.string(),
    records: count,
    leftOut: count,
  }),
  cancelled,
]);
export type RestoreChoice = z.infer<typeof RestoreChoiceSchema>;

/**
 * How many of each thing a person sees in the notebook a restore wrote: counted by what it is
 * to them, not by record kind. The companion's tools are all "step work".
 */
export const MergeCountSchema = z
  .object({
    notes: count,
    highlights: count,
    journalEntries: count,
    stepWork: count,
    inTrash: count,
    earlierVersions: count,
  })
  .strict();
export type MergeCount = z.infer<typeof MergeCountSchema>;

/**
 * What restoring a backup into a vault that has records of its own changed, or would: the
 * summary shown before and after the merge. The reading place and the forms' drafts are one
 * figure of their own; neither is an item of the notebook.
 */
export const MergeSummarySchema = z
  .object({
    /** Only in the backup, or a text the merge had to keep beside another. */
    added: MergeCountSchema,
    /** Here too, and newer in the backup. */
    updated: MergeCountSchema,
    /** Newer here: the backup's copy changes nothing. */
    keptHere: count,
    /** The same in both. */
    same: count,
    /** In the backup, but unreadable, of a kind this Stillwater does not know, or where a record here that could not be read would be written over. */
    skipped: count,
    /** The place in the guide and the drafts of forms, when the backup's were newer. */
    placeAndDrafts: count,
  })
  .strict();
export type MergeSummary = z.infer<typeof MergeSummarySchema>;

export const RestoreModeSchema = z.enum(['new-vault', 'merge']);

/** A verified backup, and what restoring it would do. */
export const RestorePreviewSchema = z.object({
  mode: RestoreModeSchema,
  created: z.string(),
  records: count,
  leftOut: count,
  /** What the backup holds, as a person counts it. */
  holds: MergeCountSchema,
  /** With 'merge': what would change. */
  summary: MergeSummarySchema.nullable(),
  /** A backup opened with its recovery key becomes a vault with a new passphrase. */
  needsNewPassphrase: z.boolean(),
});
export type RestorePreview = z.infer<typeof RestorePreviewSchema>;

export const ConfirmRestoreInputSchema = z
  .object({ newPassphrase: NewPassphraseSchema.optional() })
  .strict();

export const RestoreDoneSchema = z.object({
  mode: RestoreModeSchema,
  /** What the backup held, as a person counts it. */
  holds: MergeCountSchema,
  summary: MergeSummarySchema.nullable(),
  /** Where the vault was backed up before a merge changed it. */
  safetyCopyMadeAt: z.string().nullable(),
});
export type RestoreDone = z.infer<typeof RestoreDoneSchema>;

/** How far a long backup or restore has come, sent as it goes. */
export const TaskProgressSchema = z.object({
  task: z.enum(['backup', 'restore']),
  done: count,
  total: count,
});
export type TaskProgress = z.infer<typeof TaskProgressSchema>;

/** "/…" on macOS and Linux; "C:\…" or "\\server\share\…" on Windows. */
const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

/**
 * A folder as main's folder dialog gave it: absolute, so it never depends on where the app was
 * started, and free of the NUL that no file system accepts in a name.
 */
export const BackupFolderSchema = z
  .string()
  .max(MAX_BACKUP_FOLDER_LENGTH)
  .regex(ABSOLUTE_PATH, 'must be an absolute path')
  .refine((folder) => !folder.includes('\0'), 'must not hold NUL');

export const AutomaticBackupSettingsSchema = z.object({
  /** Null until the person picks one; as main found it on disk, with no link along the way. */
  folder: BackupFolderSchema.nullable(),
  every: z.enum(AUTOMATIC_BACKUP_EVERY),
  keep: z.number().int().min(AUTOMATIC_BACKUP_KEEP_MIN).max(AUTOMATIC_BACKUP_KEEP_MAX),
  /** When the last automatic backup was written, by this computer's clock. */
  lastAutomaticAt: z.iso.datetime().nullable(),
  /**
   * The automatic backups Stillwater itself wrote into `folder` and has not yet removed, by
   * name: the only files it ever prunes. At most as many as may be kept.
   */
  written: z.array(z.string().regex(AUTOMATIC_BACKUP_NAME_PATTERN)).max(AUTOMATIC_BACKUP_KEEP_MAX),
});
export type AutomaticBackupSettings = z.infer<typeof AutomaticBackupSettingsSchema>;

/**
 * What the page may change. The folder is not here: only main's own folder dialog sets it, so
 * a page can never point backups at a folder the person did not pick themselves.
 */
export const AutomaticBackupPatchSchema = AutomaticBackupSettingsSchema.pick({
  every: true,
  keep: true,
})
  .partial()
  .strict();
export type AutomaticBackupPatch = z.infer<typeof AutomaticBackupPatchSchema>;

export const AutomaticBackupErrorSchema = z.enum(AUTOMATIC_BACKUP_ERRORS);
export type AutomaticBackupError = z.infer<typeof AutomaticBackupErrorSchema>;

/** What the page is shown: the settings, less the names of the backups written, which are main's. */
export const AutomaticBackupStatusSchema = AutomaticBackupSettingsSchema.omit({
  written: true,
}).extend({
  /** Why the last attempt wrote nothing; null once one succeeds, or while they are off. */
  lastError: AutomaticBackupErrorSchema.nullable(),
});
export type AutomaticBackupStatus = z.infer<typeof AutomaticBackupStatusSchema>;
