import { focusAfterUpdate, focusNextItem, itemElement, type FocusTarget } from '../lib/focus';

/** What a list says once an opened card closes with its changes kept. */
export const CHANGES_SAVED = 'Your changes are saved.';

/**
 * A list of cards that open in place to be changed and go to the trash (the journal, the
 * companion's lists): which card is open, what the list last said, and where focus goes
 * after each, so that every such list hands focus on the same way.
 */
export class CardList {
  /** The item whose card is a form just now. */
  editing = $state<string | null>(null);
  /** Said in the list's status line: the last change kept, or nothing. */
  said = $state('');

  #trash: (id: string) => Promise<void>;
  #fallback: () => FocusTarget;

  /**
   * `trash` moves an item to the trash (offering Undo); `fallback` is where focus goes when
   * no card is left to take it, read when it is needed, as it may be bound later.
   */
  constructor(trash: (id: string) => Promise<void>, fallback: () => FocusTarget) {
    this.#trash = trash;
    this.#fallback = fallback;
  }

  edit(id: string): void {
    this.said = '';
    this.editing = id;
  }

  /** The card shows the item again, and takes focus back from the form that was in it. */
  async close(id: string, saved: boolean): Promise<void> {
    this.editing = null;
    this.said = saved ? CHANGES_SAVED : '';
    await focusAfterUpdate(() => itemElement(id), this.#fallback());
  }

  /**
   * The trashed card's button goes with it: focus moves on to the card now in its place.
   * `shown` are the ids of the cards on screen, in order, before it goes.
   */
  async trash(shown: readonly string[], id: string): Promise<void> {
    this.said = '';
    await this.#trash(id);
    await focusNextItem(shown, id, this.#fallback());
  }
}
