import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { StillwaterApi } from '../../../shared/ipc/api';
import type { Draft } from '../../../shared/notebook/model';

export type DraftsApi = Pick<StillwaterApi, 'saveDraft' | 'discardDraft'>;
type Fields = Record<string, string>;

/**
 * What is typed into a form before it is saved, sent to main's encrypted drafts within
 * about a second, so that a lock, a crash or a restart loses none of it. Forms read their
 * draft back when they open, and discard it once what it held is saved for real.
 */
export class DraftState {
  #api: DraftsApi;
  #delayMs: number;
  // Reactive, so a form that opens later sees a draft restored from main.
  #fields = new SvelteMap<string, Fields>();
  // Bookkeeping only: nothing on screen depends on which drafts are waiting to be sent.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #waiting = new Map<string, ReturnType<typeof setTimeout>>();
  #sending: Promise<unknown> = Promise.resolve();
  // Forms whose last draft main could not keep, so the form can say so.
  #unkept = new SvelteSet<string>();

  constructor(api: DraftsApi, delayMs = 700) {
    this.#api = api;
    this.#delayMs = delayMs;
  }

  /** The drafts main kept, as the notebook loads. */
  restore(drafts: Draft[]): void {
    for (const draft of drafts) this.#fields.set(draft.key, draft.fields);
  }

  get(key: string): Fields | undefined {
    return this.#fields.get(key);
  }

  /** Whether main refused to keep this form's last draft; the words are still on screen. */
  isUnkept(key: string): boolean {
    return this.#unkept.has(key);
  }

  /** Called as the person types; the draft goes to main after a short pause. */
  keep(key: string, fields: Fields): void {
    this.#fields.set(key, { ...fields });
    clearTimeout(this.#waiting.get(key));
    this.#waiting.set(
      key,
      setTimeout(() => void this.#send(key), this.#delayMs),
    );
  }

  /** The form was saved, or emptied: its draft is no longer needed. */
  discard(key: string): Promise<void> {
    clearTimeout(this.#waiting.get(key));
    this.#waiting.delete(key);
    this.#unkept.delete(key);
    const had = this.#fields.delete(key);
    if (!had) return Promise.resolve();
    return this.#queue(() => this.#api.discardDraft({ key })).catch(() => undefined);
  }

  /** Sends every draft still waiting, now: before a lock, a close or a hide. */
  async flush(): Promise<void> {
    await Promise.all([...this.#waiting.keys()].map((key) => this.#send(key)));
    await this.#sending;
  }

  #send(key: string): Promise<void> {
    clearTimeout(this.#waiting.get(key));
    this.#waiting.delete(key);
    const fields = this.#fields.get(key);
    if (!fields) return Promise.resolve();
    return this.#queue(async () => {
      await this.#api.saveDraft({ key, fields });
      this.#unkept.delete(key);
    }).catch(() => {
      // Not kept this time (the disk may be full, or main will not write over a draft it
      // could not read): say so, and try again a little later, unless the person has typed
      // since, which schedules its own try.
      this.#unkept.add(key);
      if (!this.#waiting.has(key) && this.#fields.get(key) === fields) {
        this.#waiting.set(
          key,
          setTimeout(() => void this.#send(key), this.#delayMs * 4),
        );
      }
    });
  }

  /** One call at a time, so a discard never overtakes the save before it. */
  #queue(call: () => Promise<void>): Promise<void> {
    const next = this.#sending.then(call, call);
    this.#sending = next.catch(() => undefined);
    return next;
  }
}
