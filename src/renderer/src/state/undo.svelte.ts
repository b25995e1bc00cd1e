export interface UndoOffer {
  /** What just happened, in a few plain words. */
  message: string;
  undo: () => Promise<void>;
  /** The item that undoing brings back, which takes focus once it is on the page. */
  itemId?: string;
}

/**
 * The one "Undo" on offer: after trashing, removing a highlight, restoring or putting an
 * earlier version back. It stays at least `visibleMs`, and for as long as the person's
 * pointer or focus is on it, so no one has to race it (WCAG 2.2.1).
 */
export class UndoState {
  current = $state<(UndoOffer & { serial: number }) | null>(null);

  #visibleMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #held = false;
  #serial = 0;

  constructor(visibleMs = 12_000) {
    this.#visibleMs = visibleMs;
  }

  offer(offer: UndoOffer): void {
    this.current = { ...offer, serial: ++this.#serial };
    this.#arm();
  }

  /** Pointer or focus is on the notice: it waits; once they leave, the wait starts again. */
  hold(held: boolean): void {
    this.#held = held;
    if (!held) this.#arm();
  }

  async undo(): Promise<void> {
    const offer = this.current;
    this.dismiss();
    await offer?.undo();
  }

  dismiss(): void {
    clearTimeout(this.#timer);
    this.current = null;
    this.#held = false;
  }

  #arm(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (!this.#held) this.current = null;
    }, this.#visibleMs);
  }
}
