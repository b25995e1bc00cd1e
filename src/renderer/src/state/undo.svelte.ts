export interface UndoOffer {
  /** What just happened, in a few plain words. */
  message: string;
  undo: () => Promise<void>;
  /** The item that undoing brings back, which takes focus once it is on the page. */
  itemId?: string;
}

/**
 * The one "Undo" on offer: after trashing, removing a highlight, restoring or putting an
 * earlier version back. It stays until it is used, dismissed, or replaced by the next one:
 * on a long page it can be many Tab presses away, and no one should have to race it
 * (WCAG 2.2.1).
 */
export class UndoState {
  current = $state<(UndoOffer & { serial: number }) | null>(null);

  #serial = 0;

  offer(offer: UndoOffer): void {
    this.current = { ...offer, serial: ++this.#serial };
  }

  async undo(): Promise<void> {
    const offer = this.current;
    this.dismiss();
    await offer?.undo();
  }

  dismiss(): void {
    this.current = null;
  }
}
