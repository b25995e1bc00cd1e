import { itemElement } from './focus';

/** The class that marks what was just gone to; its look (and fading) is in Reader.svelte. */
export const REVEALED_CLASS = 'revealed';

/** How long the mark stays; long enough to find it, short enough not to linger on the page. */
export const REVEAL_MARK_MS = 2000;

/**
 * Brings `target` to the middle of the screen, marks it briefly, and gives focus to `focus`
 * (by default the target itself, made focusable for that), so the eye, the keyboard and a
 * screen reader all arrive at the same place.
 */
export function reveal(target: HTMLElement, focus: HTMLElement = target): void {
  // A target taller than the window cannot be centred whole: what takes focus is, instead.
  const tall = target.getBoundingClientRect().height > window.innerHeight;
  (tall ? focus : target).scrollIntoView({ block: 'center', behavior: 'instant' });
  target.classList.add(REVEALED_CLASS);
  setTimeout(() => target.classList.remove(REVEALED_CLASS), REVEAL_MARK_MS);
  if (focus.tabIndex < 0 && !focus.hasAttribute('tabindex')) focus.tabIndex = -1;
  focus.focus({ preventScroll: true });
}

/**
 * The first paragraph or list item of the section's text that holds every matched word, else
 * the first that holds any of them; null when the words matched only the headings.
 */
export function passageWith(body: ParentNode, terms: readonly string[]): HTMLElement | null {
  const wanted = terms.map((term) => term.toLowerCase()).filter(Boolean);
  if (wanted.length === 0) return null;
  const passages = [...body.querySelectorAll<HTMLElement>('[data-offset]')];
  const textOf = (passage: HTMLElement) => (passage.textContent ?? '').toLowerCase();
  return (
    passages.find((passage) => wanted.every((term) => textOf(passage).includes(term))) ??
    passages.find((passage) => wanted.some((term) => textOf(passage).includes(term))) ??
    null
  );
}

/** What a search result or a notebook item points at. */
export interface ItemPlace {
  id: string;
  kind: 'guide' | 'note' | 'highlight' | 'journal-entry' | 'step-work';
  /** For a passage of the guide: the words the search matched. */
  terms?: readonly string[];
}

/**
 * Where on the open page an item is, and what takes focus there: the matching passage of the
 * guide, the highlight in the text, the note field, or the journal entry's card. Null when it
 * is not on the page (a search that matched only a heading, where the page's heading serves).
 */
export function placeOf(item: ItemPlace): { target: HTMLElement; focus: HTMLElement } | null {
  const same = (element: HTMLElement | null) =>
    element ? { target: element, focus: element } : null;
  switch (item.kind) {
    case 'guide': {
      const body = document.querySelector('[data-section-body]');
      return same(body ? passageWith(body, item.terms ?? []) : null);
    }
    case 'highlight':
      // A highlight whose passage is no longer in the text is shown only in the list below it.
      return same(
        document.querySelector<HTMLElement>(`mark[data-highlight~="${CSS.escape(item.id)}"]`) ??
          itemElement(item.id),
      );
    case 'note':
      return same(itemElement(item.id) ?? document.getElementById('section-note'));
    case 'step-work':
    case 'journal-entry': {
      // The entry's heading takes focus; its whole card is marked.
      const heading = itemElement(item.id);
      const card = heading?.closest<HTMLElement>('article') ?? heading;
      return heading && card ? { target: card, focus: heading } : null;
    }
  }
}
