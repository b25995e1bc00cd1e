import { z } from 'zod';
import {
  AutomaticBackupPatchSchema,
  AutomaticBackupStatusSchema,
  BackupKeySchema,
  BackupSavedSchema,
  ConfirmRestoreInputSchema,
  RestoreChoiceSchema,
  RestoreDoneSchema,
  RestorePreviewSchema,
  TaskProgressSchema,
} from '../backup/schemas';
import {
  ExportMarkdownInputSchema,
  ExportSavedSchema,
  SavePdfInputSchema,
} from '../export/schemas';
import { MENU_COMMANDS } from '../menu-commands';
import {
  DiscardDraftInputSchema,
  ItemIdInputSchema,
  NoteRevisionSchema,
  NotebookItemSchema,
  NotebookSchema,
  OlderJournalInputSchema,
  OlderJournalSchema,
  RestoreRevisionInputSchema,
  RevisionsInputSchema,
  SaveDraftInputSchema,
  SaveHighlightInputSchema,
  SaveJournalEntryInputSchema,
  SaveStepWorkInputSchema,
  SaveNoteInputSchema,
  TrashedItemSchema,
} from '../notebook/schemas';
import { SearchHitSchema, SearchInputSchema } from '../search/schemas';
import { ReaderPreferencesPatchSchema, ReaderPreferencesSchema } from '../preferences/schemas';
import {
  ClearClipboardInputSchema,
  PrivacySettingsPatchSchema,
  PrivacyStatusSchema,
} from '../privacy/schemas';
import { PositionReportSchema, ReadingStateSchema } from '../reading/schemas';
import { StartupSchema } from '../startup/schemas';
import {
  ChangePassphraseInputSchema,
  CreateVaultInputSchema,
  RecoverVaultInputSchema,
  RecoveryKeyOutputSchema,
  UnlockVaultInputSchema,
} from '../vault/schemas';
import type { EventMethod, InvokeMethod } from './channels';

// Each feature's schemas live with the feature; these re-exports keep them importable from
// the contract, where they were first defined.
export {
  DraftFieldsSchema,
  DraftKeySchema,
  DraftSchema,
  NoteRevisionSchema,
  NotebookItemSchema,
  NotebookSchema,
  TextAnchorSchema,
  TrashedItemSchema,
} from '../notebook/schemas';
export { ReaderPreferencesSchema } from '../preferences/schemas';
export { PrivacySettingsSchema, PrivacyStatusSchema } from '../privacy/schemas';
export { ReadingStateSchema, SectionReadingSchema } from '../reading/schemas';
export { StartupSchema } from '../startup/schemas';
export { VaultStateSchema } from '../vault/schemas';

const none = z.undefined();

/**
 * The schemas of every call's input and output, assembled from the features' own. Inputs are
 * parsed in main before any service sees them; `.strict()` makes an unexpected field an
 * error rather than something ignored.
 */
export const INVOKE_SCHEMAS = {
  // The page's first call, and at start-up its only one: everything the first screen shows.
  getStartup: { input: none, output: StartupSchema },
  createVault: { input: CreateVaultInputSchema, output: RecoveryKeyOutputSchema },
  unlockVault: { input: UnlockVaultInputSchema, output: z.void() },
  recoverVault: { input: RecoverVaultInputSchema, output: z.void() },
  lockVault: { input: none, output: z.void() },
  changePassphrase: { input: ChangePassphraseInputSchema, output: z.void() },
  // Prepares a new key and returns the new recovery key; nothing changes until confirmRekey.
  rekeyVault: { input: ChangePassphraseInputSchema, output: RecoveryKeyOutputSchema },
  confirmRekey: { input: none, output: z.void() },
  getNotebook: { input: none, output: NotebookSchema },
  getOlderJournal: { input: OlderJournalInputSchema, output: OlderJournalSchema },
  saveNote: { input: SaveNoteInputSchema, output: NotebookItemSchema },
  saveHighlight: { input: SaveHighlightInputSchema, output: NotebookItemSchema },
  saveJournalEntry: { input: SaveJournalEntryInputSchema, output: NotebookItemSchema },
  saveStepWork: { input: SaveStepWorkInputSchema, output: NotebookItemSchema },
  trashItem: { input: ItemIdInputSchema, output: TrashedItemSchema },
  restoreItem: { input: ItemIdInputSchema, output: NotebookItemSchema },
  emptyTrash: { input: none, output: z.void() },
  deleteForGood: { input: ItemIdInputSchema, output: z.void() },
  saveDraft: { input: SaveDraftInputSchema, output: z.void() },
  discardDraft: { input: DiscardDraftInputSchema, output: z.void() },
  getRevisions: { input: RevisionsInputSchema, output: z.array(NoteRevisionSchema) },
  restoreRevision: { input: RestoreRevisionInputSchema, output: NotebookItemSchema },
  search: { input: SearchInputSchema, output: z.array(SearchHitSchema) },
  getPrivacyStatus: { input: none, output: PrivacyStatusSchema },
  updatePrivacySettings: { input: PrivacySettingsPatchSchema, output: PrivacyStatusSchema },
  panic: { input: none, output: z.void() },
  clearClipboardLater: { input: ClearClipboardInputSchema, output: z.void() },
  updatePreferences: { input: ReaderPreferencesPatchSchema, output: ReaderPreferencesSchema },
  getReadingState: { input: none, output: ReadingStateSchema },
  recordReadingPosition: { input: PositionReportSchema, output: z.void() },
  // Main asks where to save or what to open: no path ever comes from the page.
  backUpNow: { input: none, output: BackupSavedSchema },
  chooseRestoreFile: { input: none, output: RestoreChoiceSchema },
  openRestore: { input: BackupKeySchema, output: RestorePreviewSchema },
  confirmRestore: { input: ConfirmRestoreInputSchema, output: RestoreDoneSchema },
  cancelRestore: { input: none, output: z.void() },
  getAutomaticBackup: { input: none, output: AutomaticBackupStatusSchema },
  // The folder is never in the patch: only main's folder dialog chooses it.
  updateAutomaticBackup: { input: AutomaticBackupPatchSchema, output: AutomaticBackupStatusSchema },
  chooseAutomaticBackupFolder: { input: none, output: AutomaticBackupStatusSchema },
  // Plain exports: the page composes the Markdown; main asks where, and prints the page.
  exportMarkdown: { input: ExportMarkdownInputSchema, output: ExportSavedSchema },
  savePdf: { input: SavePdfInputSchema, output: ExportSavedSchema },
} satisfies Record<InvokeMethod, { input: z.ZodType; output: z.ZodType }>;

export const EVENT_SCHEMAS = {
  onMenuCommand: z.enum(MENU_COMMANDS),
  onTaskProgress: TaskProgressSchema,
} satisfies Record<EventMethod, z.ZodType>;

export type InputOf<M extends InvokeMethod> = z.input<(typeof INVOKE_SCHEMAS)[M]['input']>;
export type ParsedInputOf<M extends InvokeMethod> = z.output<(typeof INVOKE_SCHEMAS)[M]['input']>;
export type OutputOf<M extends InvokeMethod> = z.output<(typeof INVOKE_SCHEMAS)[M]['output']>;
export type PayloadOf<E extends EventMethod> = z.output<(typeof EVENT_SCHEMAS)[E]>;
