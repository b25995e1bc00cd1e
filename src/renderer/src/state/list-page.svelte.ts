/** How many items a long list shows at first, and how many more each time it is asked. */
export const PAGE_SIZE = 50;

/**
 * How far down the list an item may be revealed by showing every item before it; one
 * further away is shown with its own page of items, the ones before it skipped, so that a
 * journal of years never draws thousands of cards to show one.
 */
const REVEAL_REACH = 4 * PAGE_SIZE;

/** What the buttons that show more of a long list need to know of it, and ask of it. */
export interface MoreToShow {
  readonly shown: readonly unknown[];
  readonly total: number;
  /** How many items come before the first one shown: skipped to reach one far down. */
  readonly skipped: number;
  /** How many the next "Show more" adds after the items shown, and "Show newer" before them. */
  readonly next: number;
  readonly previous: number;
  /** Shows the next items; answers the id of the first of them, where focus should go. */
  more(): string | undefined;
  /** Shows the items just before those shown; answers the id of the first of them. */
  earlier(): string | undefined;
}

/**
 * The part of a long list on the page: a run of its items, at first its first page, and more
 * on request. A notebook of 50,000 items never builds them all. `all` is the whole list, as
 * filtered; when `narrowedBy` answers something else (another filter chosen), the list starts
 * again from its first page.
 */
export class ListPage<T> implements MoreToShow {
  #all: () => readonly T[];
  #idOf: (item: T) => string;
  #narrowedBy: () => unknown;
  /** The run of items shown, from `from` up to (not including) `to`. */
  #window = $derived.by(() => {
    this.#narrowedBy();
    return { from: 0, to: PAGE_SIZE };
  });

  constructor(
    all: () => readonly T[],
    idOf: (item: T) => string,
    narrowedBy: () => unknown = () => null,
  ) {
    this.#all = all;
    this.#idOf = idOf;
    this.#narrowedBy = narrowedBy;
  }

  get all(): readonly T[] {
    return this.#all();
  }

  /** The items on the page, in the list's order. */
  readonly shown: readonly T[] = $derived.by(() =>
    this.#all().slice(this.#window.from, this.#window.to),
  );

  get total(): number {
    return this.#all().length;
  }

  get skipped(): number {
    return Math.min(this.#window.from, this.total);
  }

  get next(): number {
    return Math.min(PAGE_SIZE, Math.max(0, this.total - this.#window.to));
  }

  get previous(): number {
    return Math.min(PAGE_SIZE, this.skipped);
  }

  more(): string | undefined {
    const { from, to } = this.#window;
    const first = this.#all()[to];
    this.#window = { from, to: to + PAGE_SIZE };
    return first === undefined ? undefined : this.#idOf(first);
  }

  earlier(): string | undefined {
    const { from, to } = this.#window;
    const start = Math.max(0, Math.min(from, this.total) - PAGE_SIZE);
    const first = this.#all()[start];
    this.#window = { from: start, to };
    return first === undefined ? undefined : this.#idOf(first);
  }

  /** Shows the item wherever it stands, so that it can take focus. */
  reveal(id: string): void {
    const at = this.#all().findIndex((item) => this.#idOf(item) === id);
    const { from, to } = this.#window;
    if (at === -1 || (at >= from && at < to)) return;
    if (at >= to && at < to + REVEAL_REACH) {
      this.#window = { from, to: at + 1 };
      return;
    }
    const start = at - (at % PAGE_SIZE);
    this.#window = { from: start, to: start + PAGE_SIZE };
  }
}
