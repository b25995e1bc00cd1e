/**
 * Every IPC channel, by the name of the API method that uses it. The main process, the
 * preload and the renderer all derive from this map, so a channel cannot exist in one and
 * be missing from another.
 */
export const INVOKE_CHANNELS = {
  getStartup: 'app:startup',
  createVault: 'vault:create',
  unlockVault: 'vault:unlock',
  recoverVault: 'vault:recover',
  lockVault: 'vault:lock',
  changePassphrase: 'vault:change-passphrase',
  rekeyVault: 'vault:rekey',
  confirmRekey: 'vault:confirm-rekey',
  getNotebook: 'notebook:get',
  getOlderJournal: 'notebook:older-journal',
  saveNote: 'notebook:save-note',
  saveHighlight: 'notebook:save-highlight',
  saveJournalEntry: 'notebook:save-journal-entry',
  saveStepWork: 'notebook:save-step-work',
  trashItem: 'notebook:trash',
  restoreItem: 'notebook:restore',
  emptyTrash: 'notebook:empty-trash',
  deleteForGood: 'notebook:delete-for-good',
  saveDraft: 'notebook:save-draft',
  discardDraft: 'notebook:discard-draft',
  getRevisions: 'notebook:revisions',
  restoreRevision: 'notebook:restore-revision',
  search: 'search:query',
  getPrivacyStatus: 'privacy:status',
  updatePrivacySettings: 'privacy:update',
  panic: 'privacy:panic',
  clearClipboardLater: 'privacy:clear-clipboard-later',
  updatePreferences: 'preferences:update',
  getReadingState: 'reading:get',
  recordReadingPosition: 'reading:record-position',
  backUpNow: 'backup:now',
  chooseRestoreFile: 'backup:choose-restore',
  openRestore: 'backup:open-restore',
  confirmRestore: 'backup:confirm-restore',
  cancelRestore: 'backup:cancel-restore',
  getAutomaticBackup: 'backup:automatic',
  updateAutomaticBackup: 'backup:update-automatic',
  chooseAutomaticBackupFolder: 'backup:choose-automatic-folder',
  exportMarkdown: 'export:markdown',
  savePdf: 'export:pdf',
} as const;
export type InvokeMethod = keyof typeof INVOKE_CHANNELS;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[InvokeMethod];

/** Messages that main sends to the renderer. */
export const EVENT_CHANNELS = {
  onMenuCommand: 'menu:command',
  onTaskProgress: 'task:progress',
} as const;
export type EventMethod = keyof typeof EVENT_CHANNELS;
export type EventChannel = (typeof EVENT_CHANNELS)[EventMethod];
