import type { BackupSaved, TaskProgress } from '../../../shared/backup/schemas';
import type { StillwaterApi } from '../../../shared/ipc/api';
import { Submission } from './submission.svelte';

export type SavedBackup = Extract<BackupSaved, { outcome: 'saved' }>;
export type ProgressApi = Pick<StillwaterApi, 'onTaskProgress'>;

/** How far main has come with one kind of long task, for a progress bar; null when idle. */
export class TaskProgressState {
  current = $state<TaskProgress | null>(null);
  readonly #task: TaskProgress['task'];
  readonly #api: ProgressApi;

  constructor(api: ProgressApi, task: TaskProgress['task']) {
    this.#api = api;
    this.#task = task;
  }

  /** Follows main's reports while `work` runs, and forgets them once it is over. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    const stop = this.#api.onTaskProgress((progress) => {
      if (progress.task === this.#task) this.current = progress;
    });
    try {
      return await work();
    } finally {
      stop();
      this.current = null;
    }
  }
}

/**
 * "Back up now": main asks where, writes the backup, and says how it went. Typing goes on
 * meanwhile (main reads the vault one record at a time), so the person may leave Settings
 * while it runs: the state outlives the tab (backupStateFor), and coming back shows it.
 */
export class BackupState {
  saved = $state<SavedBackup | null>(null);
  readonly submission = new Submission('back-up');
  readonly progress: TaskProgressState;
  readonly #api: Pick<StillwaterApi, 'backUpNow'>;

  constructor(api: Pick<StillwaterApi, 'backUpNow' | 'onTaskProgress'>) {
    this.#api = api;
    this.progress = new TaskProgressState(api, 'backup');
  }

  /** True once a backup is saved; false when refused, cancelled, or one is running already. */
  async backUpNow(): Promise<boolean> {
    if (this.submission.busy) return false;
    this.saved = null;
    let saved = false;
    await this.submission.submit(() =>
      this.progress.during(async () => {
        const result = await this.#api.backUpNow();
        if (result.outcome === 'saved') {
          this.saved = result;
          saved = true;
        }
      }),
    );
    return saved;
  }
}

const backupStates = new WeakMap<object, BackupState>();

/** The one backup state of the page's API, for as long as the page lives. */
export function backupStateFor(
  api: Pick<StillwaterApi, 'backUpNow' | 'onTaskProgress'>,
): BackupState {
  let state = backupStates.get(api);
  if (!state) {
    state = new BackupState(api);
    backupStates.set(api, state);
  }
  return state;
}
