/**
 * The pause the vault asks for after wrong guesses, counted down in whole seconds. It reads
 * the wall clock rather than counting ticks, so a busy or sleeping machine cannot make the
 * countdown wrong; the clock is read often enough that each second shows when it comes.
 */
export class RetryWait {
  #until = $state(0);
  #now = $state(0);
  #timer: ReturnType<typeof setInterval> | null = null;

  readonly secondsLeft = $derived(Math.max(0, Math.ceil((this.#until - this.#now) / 1000)));
  readonly waiting = $derived(this.secondsLeft > 0);
  /** A wait has run out since the last try: the person may not have seen it end. */
  readonly over = $derived(this.#until > 0 && this.secondsLeft === 0);

  /** Starts a wait of `ms`, replacing any under way. */
  start(ms: number): void {
    this.#now = Date.now();
    this.#until = this.#now + ms;
    this.#timer ??= setInterval(() => this.#tick(), 250);
  }

  /** A new try is under way: an earlier wait's end is no longer news. */
  forget(): void {
    if (!this.waiting) this.#until = 0;
  }

  /** Stops the clock, for when the screen goes away. */
  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  #tick(): void {
    this.#now = Date.now();
    if (this.#now >= this.#until) this.stop();
  }
}
