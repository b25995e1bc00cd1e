/**
 * The system's file dialogs, as main asks them. Paths chosen here stay in main: the page
 * asks for a backup, a restore or an export, never names a file itself, so no path it sends
 * can lead anywhere.
 */
export interface FileDialogs {
  /** Where to save a new file, or null when the person cancels. */
  chooseSaveFile(request: { kind: SavedFileKind; defaultName: string }): Promise<string | null>;
  /** A backup to restore, or null. */
  chooseBackupFile(): Promise<string | null>;
  /** A folder, for automatic backups or an export, or null. */
  chooseFolder(purpose: FolderPurpose): Promise<string | null>;
}

export type SavedFileKind = 'backup' | 'pdf';
export type FolderPurpose = 'automatic-backups' | 'export';

export const BACKUP_EXTENSION = 'stillwater-backup';

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** "2026-11-27", the day on this computer's calendar, for the names of files a person saves. */
export function calendarDay(now: Date): string {
  return `${now.getFullYear()}-${twoDigits(now.getMonth() + 1)}-${twoDigits(now.getDate())}`;
}

/** "09-52-09", the time on this computer's clock, in a file's name (no colons: Windows). */
export function clockTime(now: Date): string {
  return [now.getHours(), now.getMinutes(), now.getSeconds()].map(twoDigits).join('-');
}

/** What each dialog says and filters for, shared by the app's dialogs and their tests. */
export const DIALOG_WORDING = {
  backup: { title: 'Save a backup', filterName: 'Stillwater backup', extension: BACKUP_EXTENSION },
  pdf: { title: 'Save as PDF', filterName: 'PDF document', extension: 'pdf' },
  restore: { title: 'Choose a backup to restore' },
  'automatic-backups': {
    title: 'Choose a folder for automatic backups',
    button: 'Use this folder',
  },
  export: { title: 'Choose where to put the export', button: 'Export here' },
} as const;

/** The parts of Electron's `dialog` the app's dialogs use. */
export interface ElectronDialogLike {
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
    properties: ('createDirectory' | 'showOverwriteConfirmation')[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: {
    title: string;
    defaultPath: string;
    buttonLabel?: string;
    filters?: { name: string; extensions: string[] }[];
    properties: ('openFile' | 'openDirectory' | 'createDirectory')[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** The app's dialogs, opened in `startIn` (the person's documents folder). */
export function electronFileDialogs(dialog: ElectronDialogLike, startIn: string): FileDialogs {
  const chosen = ({ canceled, filePaths }: { canceled: boolean; filePaths: string[] }) =>
    (!canceled && filePaths[0]) || null;
  return {
    async chooseSaveFile({ kind, defaultName }) {
      const wording = DIALOG_WORDING[kind];
      const { canceled, filePath } = await dialog.showSaveDialog({
        title: wording.title,
        defaultPath: `${startIn}/${defaultName}`,
        filters: [{ name: wording.filterName, extensions: [wording.extension] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return (!canceled && filePath) || null;
    },
    async chooseBackupFile() {
      return chosen(
        await dialog.showOpenDialog({
          title: DIALOG_WORDING.restore.title,
          defaultPath: startIn,
          filters: [{ name: DIALOG_WORDING.backup.filterName, extensions: [BACKUP_EXTENSION] }],
          properties: ['openFile'],
        }),
      );
    },
    async chooseFolder(purpose) {
      const wording = DIALOG_WORDING[purpose];
      return chosen(
        await dialog.showOpenDialog({
          title: wording.title,
          defaultPath: startIn,
          buttonLabel: wording.button,
          properties: ['openDirectory', 'createDirectory'],
        }),
      );
    },
  };
}
