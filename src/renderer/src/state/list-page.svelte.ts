/** How many items a long list shows at first, and how many more each time it is asked. */
export const PAGE_SIZE = 50;

/** What a "Show more" button needs to know of a list, and asks of it. */
export interface MoreToShow {
  readonly shown: readonly unknown[];
  readonly total: number;
  /** How many the next "Show more" adds. */
  readonly next: number;
  /** Shows the next items; answers the id of the first of them, where focus should go. */
  more(): string | undefined;
}

/**
 * The part of a long list on the page: its first items, and more on request. A notebook of
 * 50,000 items never builds them all. `all` is the whole list, as filtered; when `narrowedBy`
 * answers something else (another filter chosen), the list starts again from its first page.
 */
export class ListPage<T> implements MoreToShow {
  #all: () => readonly T[];
  #idOf: (item: T) => string;
  #narrowedBy: () => unknown;
  #count = $derived.by(() => {
    this.#narrowedBy();
    return PAGE_SIZE;
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
  readonly shown: readonly T[] = $derived.by(() => this.#all().slice(0, this.#count));

  get total(): number {
    return this.#all().length;
  }

  /** How many the next "Show more" adds. */
  get next(): number {
    return Math.min(PAGE_SIZE, Math.max(0, this.total - this.#count));
  }

  /** Shows the next items; answers the id of the first of them, where focus should go. */
  more(): string | undefined {
    const first = this.#all()[this.#count];
    this.#count += PAGE_SIZE;
    return first === undefined ? undefined : this.#idOf(first);
  }

  /** Shows the list as far as the item, wherever it stands, so that it can take focus. */
  reveal(id: string): void {
    const at = this.#all().findIndex((item) => this.#idOf(item) === id);
    if (at >= this.#count) this.#count = at + 1;
  }
}
