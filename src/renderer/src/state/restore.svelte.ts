import type {
  BackupKey,
  RestoreChoice,
  RestoreDone,
  RestorePreview,
} from '../../../shared/backup/schemas';
import type { StillwaterApi } from '../../../shared/ipc/api';
import { TaskProgressState } from './backup.svelte';
import { Submission } from './submission.svelte';

export type RestoreApi = Pick<
  StillwaterApi,
  'chooseRestoreFile' | 'openRestore' | 'confirmRestore' | 'cancelRestore' | 'onTaskProgress'
>;
export type ChosenBackup = Extract<RestoreChoice, { outcome: 'chosen' }>;

/**
 * Restoring a backup, one step at a time: choose the file, open it with its passphrase or
 * recovery key (main verifies all of it, and says what restoring would do), then restore.
 * Nothing changes before the last step, and going back at any point changes nothing.
 */
export class RestoreState {
  step = $state<'choose' | 'open' | 'confirm' | 'done'>('choose');
  chosen = $state<ChosenBackup | null>(null);
  preview = $state<RestorePreview | null>(null);
  done = $state<RestoreDone | null>(null);
  readonly choosing = new Submission('open-backup');
  readonly opening = new Submission('open-backup');
  readonly restoring = new Submission('restore');
  readonly progress: TaskProgressState;
  readonly #api: RestoreApi;

  constructor(api: RestoreApi) {
    this.#api = api;
    this.progress = new TaskProgressState(api, 'restore');
  }

  async choose(): Promise<void> {
    await this.choosing.submit(async () => {
      const choice = await this.#api.chooseRestoreFile();
      if (choice.outcome === 'cancelled') return;
      this.chosen = choice;
      this.preview = null;
      this.step = 'open';
    });
  }

  /** Resolves true once the backup opened and verified, with what restoring would do. */
  open(key: BackupKey): Promise<boolean> {
    return this.opening.submit(() =>
      this.progress.during(async () => {
        this.preview = await this.#api.openRestore(key);
        this.step = 'confirm';
      }),
    );
  }

  confirm(newPassphrase?: string): Promise<boolean> {
    return this.restoring.submit(() =>
      this.progress.during(async () => {
        this.done = await this.#api.confirmRestore(newPassphrase ? { newPassphrase } : {});
        this.step = 'done';
      }),
    );
  }

  /** Back to the start; main forgets the backup and anything it decrypted of it. */
  async cancel(): Promise<void> {
    this.step = 'choose';
    this.chosen = null;
    this.preview = null;
    this.done = null;
    this.opening.clear();
    this.restoring.clear();
    await this.#api.cancelRestore().catch(() => {});
  }
}
