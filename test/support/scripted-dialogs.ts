import type { FileDialogs, FolderPurpose, SavedFileKind } from '../../src/main/backup/file-dialogs';

/**
 * The system's file dialogs, answered as the test scripts them: each dialog main opens takes
 * the next answer, a path or null (the person cancels); with none left, it is cancelled.
 */
export class ScriptedDialogs implements FileDialogs {
  /** Every dialog main opened, in order, as `save:backup`, `open:backup` or `folder:export`. */
  readonly opened: string[] = [];
  readonly #answers: (string | null)[] = [];

  answerNext(...answers: (string | null)[]): void {
    this.#answers.push(...answers);
  }

  chooseSaveFile({ kind }: { kind: SavedFileKind; defaultName: string }): Promise<string | null> {
    return this.#answer(`save:${kind}`);
  }

  chooseBackupFile(): Promise<string | null> {
    return this.#answer('open:backup');
  }

  chooseFolder(purpose: FolderPurpose): Promise<string | null> {
    return this.#answer(`folder:${purpose}`);
  }

  #answer(dialog: string): Promise<string | null> {
    this.opened.push(dialog);
    return Promise.resolve(this.#answers.shift() ?? null);
  }
}
