import { tick } from 'svelte';

/** Something to focus now, or how to find it once the page has caught up. */
export type FocusTarget = HTMLElement | null | undefined | (() => HTMLElement | null | undefined);

const resolve = (target: FocusTarget) => (typeof target === 'function' ? target() : target);

/**
 * Focuses the first target that is on the page once Svelte has applied the latest change,
 * so an action that removes or replaces the focused element hands focus on instead of
 * dropping it to the page body. Targets are tried in order: the natural next element first,
 * then fallbacks. Answers whether any took focus.
 */
export async function focusAfterUpdate(...targets: FocusTarget[]): Promise<boolean> {
  await tick();
  for (const target of targets) {
    const element = resolve(target);
    if (!element?.isConnected || element === document.body) continue;
    element.focus();
    if (document.activeElement === element) return true;
  }
  return false;
}

/** The element that stands for a notebook item in whatever list shows it. */
export const itemElement = (id: string): HTMLElement | null =>
  document.querySelector<HTMLElement>(`[data-focus-item="${CSS.escape(id)}"]`);

/**
 * Remembers what has focus now, for a panel about to open: closing it hands focus back
 * there, or to `fallback` if that has gone.
 */
export function rememberFocus(fallback?: FocusTarget): () => Promise<boolean> {
  const trigger = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  return () => focusAfterUpdate(trigger, fallback);
}

/**
 * After the item `removed` leaves a list (whose ids, in order, were `ids` before it left):
 * the item that took its place, or the one before it if it was last, or else `fallback`.
 * Focus that the person has already put somewhere else, while main was removing the item,
 * stays where they put it: only focus dropped with the item is handed on.
 */
export async function focusNextItem(
  ids: readonly string[],
  removed: string,
  fallback: FocusTarget,
): Promise<boolean> {
  await tick();
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return false;
  const at = ids.indexOf(removed);
  const next = at === -1 ? undefined : (ids[at + 1] ?? ids[at - 1]);
  return focusAfterUpdate(next === undefined ? null : () => itemElement(next), fallback);
}

/** The page's main region: where focus goes when nothing nearer is left to take it. */
export const mainRegion = (): HTMLElement | null => document.getElementById('guide-text');
