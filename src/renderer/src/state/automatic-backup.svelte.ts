import type {
  AutomaticBackupError,
  AutomaticBackupEvery,
  AutomaticBackupStatus,
} from '../../../shared/backup/automatic-backup';
import type { StillwaterApi } from '../../../shared/ipc/api';
import { Submission } from './submission.svelte';

export type AutomaticBackupApi = Pick<
  StillwaterApi,
  'getAutomaticBackup' | 'updateAutomaticBackup' | 'chooseAutomaticBackupFolder'
>;

const WHY_NOT_WRITTEN: Record<AutomaticBackupError, string> = {
  'folder-missing':
    'The last automatic backup could not be written: the folder is not there. Choose a folder again.',
  'disk-full': 'The last automatic backup could not be written: the disk is full.',
  'disk-read-only':
    'The last automatic backup could not be written: that disk can only be read just now.',
  'disk-denied':
    'The last automatic backup could not be written: Stillwater is not allowed to write in that folder.',
  failed: 'The last automatic backup could not be written. Stillwater tries again in a while.',
};

/**
 * Automatic backups as the person set them, and how the last one went. Each change goes to
 * main, which backs up at once when the change makes one due, and answers with the outcome.
 */
export class AutomaticBackupState {
  status = $state<AutomaticBackupStatus | null>(null);
  readonly saving = new Submission('save-setting');
  readonly #api: AutomaticBackupApi;

  constructor(api: AutomaticBackupApi) {
    this.#api = api;
  }

  /** Why the last automatic backup was not written, in plain words; empty when it was. */
  get problem(): string {
    const error = this.status?.lastError;
    return error ? WHY_NOT_WRITTEN[error] : '';
  }

  async load(): Promise<void> {
    await this.saving.submit(async () => {
      this.status = await this.#api.getAutomaticBackup();
    });
  }

  chooseFolder(): Promise<boolean> {
    return this.saving.submit(async () => {
      this.status = await this.#api.chooseAutomaticBackupFolder();
    });
  }

  setEvery(every: AutomaticBackupEvery): Promise<boolean> {
    return this.saving.submit(async () => {
      this.status = await this.#api.updateAutomaticBackup({ every });
    });
  }

  setKeep(keep: number): Promise<boolean> {
    return this.saving.submit(async () => {
      this.status = await this.#api.updateAutomaticBackup({ keep });
    });
  }
}
