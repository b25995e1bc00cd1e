import type { AutomaticBackup } from '../backup/automatic-backup';
import type { BackupService } from '../backup/backup-service';
import type { ExportService } from '../export/export-service';
import type { NotebookService } from '../notebook/notebook-service';
import type { ReaderPreferences } from '../../shared/preferences/model';
import type { PrivacyControls } from '../privacy/privacy-controls';
import { spellCheckOn } from '../privacy/spell-check';
import type { ReadingService } from '../reading/reading-service';
import type { SearchService } from '../search/search-service';
import type { SettingsService } from '../settings/settings-service';
import { readStartup } from '../startup/startup';
import type { VaultSession } from '../vault/vault-session';
import type { IpcHandlers } from './ipc-router';

export interface MainServices {
  settings: SettingsService;
  vault: VaultSession;
  reading: ReadingService;
  notebook: NotebookService;
  search: SearchService;
  privacy: PrivacyControls;
  backup: BackupService;
  automaticBackup: AutomaticBackup;
  exports: ExportService;
}

/** Each channel's handler: a thin call into a service, with input already parsed. */
export function createIpcHandlers({
  settings,
  vault,
  reading,
  notebook,
  search,
  privacy,
  backup,
  automaticBackup,
  exports,
}: MainServices): IpcHandlers {
  // The page is told spelling is checked only where it can be (privacy/spell-check.ts), so
  // no field of its asks for it elsewhere, whatever the settings file says.
  const asShown = (preferences: ReaderPreferences): ReaderPreferences => ({
    ...preferences,
    spellCheck: spellCheckOn(privacy.spellCheckAvailable, preferences.spellCheck),
  });
  const shownSettings = { readerPreferences: () => asShown(settings.readerPreferences()) };
  return {
    getStartup: () => readStartup({ settings: shownSettings, vault, reading }),
    createVault: async ({ passphrase }) => ({ recoveryKey: await vault.create(passphrase) }),
    unlockVault: ({ passphrase }) => vault.unlock(passphrase),
    recoverVault: ({ recoveryKey, passphrase }) => vault.recover(recoveryKey, passphrase),
    lockVault: () => vault.lock(),
    changePassphrase: ({ current, next }) => vault.changePassphrase(current, next),
    rekeyVault: async ({ current, next }) => ({
      recoveryKey: await vault.prepareRekey(current, next),
    }),
    confirmRekey: () => vault.confirmRekey(),
    getNotebook: () => notebook.notebook(),
    getOlderJournal: ({ after, limit }) => notebook.olderJournal(after, limit),
    saveNote: (input) => notebook.saveNote(input),
    saveHighlight: (input) => notebook.saveHighlight(input),
    saveJournalEntry: (input) => notebook.saveJournalEntry(input),
    saveStepWork: (input) => notebook.saveStepWork(input),
    trashItem: ({ id }) => notebook.trash(id),
    restoreItem: ({ id }) => notebook.restore(id),
    emptyTrash: () => notebook.emptyTrash(),
    deleteForGood: ({ id }) => notebook.deleteForGood(id),
    saveDraft: ({ key, fields }) => notebook.saveDraft(key, fields),
    discardDraft: ({ key }) => notebook.discardDraft(key),
    getRevisions: ({ noteId }) => notebook.revisions(noteId),
    restoreRevision: ({ noteId, revisionId }) => notebook.restoreRevision(noteId, revisionId),
    search: ({ query, limit }) => search.search(query, limit),
    getPrivacyStatus: () => privacy.status(),
    updatePrivacySettings: (patch) => privacy.update(patch),
    panic: () => privacy.panic(),
    clearClipboardLater: ({ text }) => privacy.clearClipboardLater(text),
    updatePreferences: (patch) => asShown(settings.updateReaderPreferences(patch)),
    getReadingState: () => reading.state(),
    recordReadingPosition: (report) => reading.record(report),
    backUpNow: () => backup.backUpNow(),
    chooseRestoreFile: () => backup.chooseRestoreFile(),
    openRestore: (key) => backup.openRestore(key),
    confirmRestore: (input) => backup.confirmRestore(input),
    cancelRestore: () => backup.cancelRestore(),
    getAutomaticBackup: () => automaticBackup.status(),
    updateAutomaticBackup: (patch) => automaticBackup.update(patch),
    chooseAutomaticBackupFolder: async () => {
      const folder = await backup.chooseFolder('automatic-backups');
      return folder ? automaticBackup.update({ folder }) : automaticBackup.status();
    },
    exportMarkdown: ({ files }) => exports.exportMarkdown(files),
    savePdf: ({ what }) => exports.savePdf(what),
  };
}
