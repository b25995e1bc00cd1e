import { asDiskError, vaultLocked } from './errors';

/**
 * The vault's operations in flight. Each starts only while the vault is open, and the lock
 * waits for all of them, so none ever sees a zeroed key; one record's operations run in
 * order, so a read never sees a write half way through.
 */
export class OperationGate {
  readonly #isClosed: () => boolean;
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #turns = new Map<string, Promise<unknown>>();

  constructor(isClosed: () => boolean) {
    this.#isClosed = isClosed;
  }

  /** Runs one operation while the vault is open. A full or read-only disk gets its own kind. */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#isClosed()) return Promise.reject(vaultLocked());
    const task = work().catch((error: unknown) => {
      throw asDiskError(error);
    });
    this.#inFlight.add(task);
    void task.then(
      () => this.#inFlight.delete(task),
      () => this.#inFlight.delete(task),
    );
    return task;
  }

  /** Runs `work` after every earlier operation on the same record has finished. */
  inTurn<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.inTurnOfAll([id], work);
  }

  /**
   * Runs `work` once every earlier operation on any of `ids` has finished, and holds each
   * record's turn until it ends. Every turn is taken at once, so two batches that share
   * records run one after the other, never each waiting for the other.
   */
  inTurnOfAll<T>(ids: readonly string[], work: () => Promise<T>): Promise<T> {
    const unique = [...new Set(ids)];
    const previous = unique.map((id) => this.#turns.get(id) ?? Promise.resolve());
    // Earlier turns never reject: each is stored as `done` below.
    const next = Promise.all(previous).then(work);
    const done = next.then(
      () => undefined,
      () => undefined,
    );
    for (const id of unique) {
      this.#turns.set(id, done);
      void done.then(() => {
        if (this.#turns.get(id) === done) this.#turns.delete(id);
      });
    }
    return next;
  }

  /** Waits until no operation is in flight, including any started meanwhile. */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }
}
