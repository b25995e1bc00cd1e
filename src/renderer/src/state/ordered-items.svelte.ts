import { SvelteMap } from 'svelte/reactivity';
import { sortedItems, withItem, withItems, withoutItem, type ItemOrder } from '../lib/sorted-items';

/**
 * One list of items in order, as raw state: the items are not proxied, and each change
 * replaces the list, so what reads it works again only when this list changes.
 */
export class OrderedItems<T extends { id: string }> {
  items = $state.raw<readonly T[]>([]);
  #order: ItemOrder<T>;

  constructor(order: ItemOrder<T>) {
    this.#order = order;
  }

  fill(items: readonly T[]): void {
    this.items = sortedItems(items, this.#order);
  }

  /** Puts `item` in its place, instead of `previous` (the same item as this list holds it). */
  put(item: T, previous: T | undefined): void {
    this.items = withItem(this.items, item, previous, this.#order);
  }

  /** Takes out `item`, as this list holds it. */
  remove(item: T): void {
    this.items = withoutItem(this.items, item, this.#order);
  }

  /** Puts each of `items`, none of them in the list yet, in its place. */
  add(items: readonly T[]): void {
    if (items.length > 0) this.items = withItems(this.items, items, this.#order);
  }
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Items grouped by a key that never changes for an item (a highlight's section, the type of
 * a companion's entry), each group a list in order. A change replaces its own group's list
 * only, so what reads another group does not work again.
 */
export class GroupedItems<K, T extends { id: string }> {
  #groups = new SvelteMap<K, readonly T[]>();
  #keyOf: (item: T) => K;
  #order: ItemOrder<T>;

  constructor(keyOf: (item: T) => K, order: ItemOrder<T>) {
    this.#keyOf = keyOf;
    this.#order = order;
  }

  /** The group's items, in order; the same empty list for a group with none. */
  get(key: K): readonly T[] {
    return this.#groups.get(key) ?? NONE;
  }

  fill(items: readonly T[]): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- sorted out, then set below
    const groups = new Map<K, T[]>();
    for (const item of items) {
      const key = this.#keyOf(item);
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
    this.#groups.clear();
    for (const [key, group] of groups) this.#groups.set(key, group.sort(this.#order));
  }

  put(item: T, previous: T | undefined): void {
    const key = this.#keyOf(item);
    let before = previous;
    if (before && this.#keyOf(before) !== key) {
      this.remove(before);
      before = undefined;
    }
    this.#groups.set(key, withItem(this.get(key), item, before, this.#order));
  }

  remove(item: T): void {
    const key = this.#keyOf(item);
    const rest = withoutItem(this.get(key), item, this.#order);
    if (rest.length === 0) this.#groups.delete(key);
    else this.#groups.set(key, rest);
  }
}
