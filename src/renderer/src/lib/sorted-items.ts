/**
 * Lists of notebook items kept in order and never changed in place: a change answers a new
 * list, so whatever reads the old one sees it changed, and lists nothing changed in keep
 * their identity. A change costs a binary search and one copy, not a sort of the whole list.
 */

/** A total order: items that tie on everything else are told apart by their ids. */
export type ItemOrder<T> = (a: T, b: T) => number;

/** The first position whose item does not sort before `item`. */
function lowerBound<T>(list: readonly T[], item: T, order: ItemOrder<T>): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(list[middle] as T, item) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Where `item` (as the list holds it) stands, or -1. The order finds it at once; a list that
 * somehow holds it elsewhere (an order broken by hand-edited dates) is searched through.
 */
export function positionOf<T extends { id: string }>(
  list: readonly T[],
  item: T,
  order: ItemOrder<T>,
): number {
  const at = lowerBound(list, item, order);
  if (list[at]?.id === item.id) return at;
  return list.findIndex((each) => each.id === item.id);
}

/** The list sorted by `order`, as a new list. */
export function sortedItems<T>(items: readonly T[], order: ItemOrder<T>): T[] {
  return [...items].sort(order);
}

/**
 * The list with `item` in its place: instead of `previous` (the same item as the list holds
 * it) if there is one, else added.
 */
export function withItem<T extends { id: string }>(
  list: readonly T[],
  item: T,
  previous: T | undefined,
  order: ItemOrder<T>,
): readonly T[] {
  const at = previous ? positionOf(list, previous, order) : -1;
  if (at !== -1) {
    const before = list[at - 1];
    const after = list[at + 1];
    // An edit that keeps the item's place, as most do, is one copy with one slot changed.
    if ((!before || order(before, item) <= 0) && (!after || order(item, after) <= 0)) {
      const next = list.slice();
      next[at] = item;
      return next;
    }
  }
  const next = list.slice();
  if (at !== -1) next.splice(at, 1);
  next.splice(lowerBound(next, item, order), 0, item);
  return next;
}

/** The list without `item` (as the list holds it); the same list if it was not in it. */
export function withoutItem<T extends { id: string }>(
  list: readonly T[],
  item: T,
  order: ItemOrder<T>,
): readonly T[] {
  const at = positionOf(list, item, order);
  if (at === -1) return list;
  const next = list.slice();
  next.splice(at, 1);
  return next;
}

/** The list with every one of `added` (none of them in it yet) in its place: one merge. */
export function withItems<T>(list: readonly T[], added: readonly T[], order: ItemOrder<T>): T[] {
  const incoming = sortedItems(added, order);
  const merged: T[] = [];
  let from = 0;
  for (const item of incoming) {
    const at = lowerBound(list, item, order);
    // Slices between the places the new items go: a page of older entries is one slice.
    for (; from < at; from++) merged.push(list[from] as T);
    merged.push(item);
  }
  for (; from < list.length; from++) merged.push(list[from] as T);
  return merged;
}
