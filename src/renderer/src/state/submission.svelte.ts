import { handleError, isAboutTheKey, type Attempt } from '../lib/errors';

/**
 * One form on its way to main: busy until the answer comes, then the reason in plain words
 * if it was refused. A second submit while one is under way is ignored, so a double press
 * sends once.
 */
export class Submission {
  busy = $state(false);
  error = $state('');
  /** The refusal is about what was typed in the key or passphrase field itself. */
  aboutTheField = $state(false);

  #attempt: Attempt;

  constructor(attempt: Attempt) {
    this.#attempt = attempt;
  }

  /**
   * Sends `work`, and answers whether it went through. `onFailure` runs once the form is
   * free again, for what a form does after a refusal (focus a field, wait).
   */
  async submit(
    work: () => Promise<void>,
    onFailure?: (failure: unknown) => void,
  ): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.clear();
    try {
      await work();
      this.busy = false;
      return true;
    } catch (failure) {
      this.error = handleError(failure, this.#attempt);
      this.aboutTheField = isAboutTheKey(failure);
      this.busy = false;
      onFailure?.(failure);
      return false;
    }
  }

  /** Refuses without sending: something typed needs putting right first, as `reason` says. */
  refuse(reason: string): void {
    this.error = reason;
    this.aboutTheField = true;
  }

  clear(): void {
    this.error = '';
    this.aboutTheField = false;
  }
}
