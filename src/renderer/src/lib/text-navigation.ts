import { SHORTCUTS } from '../../../shared/shortcuts';
import { matchesAccelerator } from './keyboard';

/** A paragraph or list item of the section's text: one stop of the keyboard's way through it. */
export const TEXT_RUN = '[data-section-body] [data-offset]';
/** A highlighted piece of the text (see GuideBlock), naming the highlights that cover it. */
export const HIGHLIGHT_PIECE = 'mark[data-highlights]';

/** A highlight opened from the text: the piece opened, its paragraph, and every highlight covering it. */
export interface OpenedHighlight {
  piece: HTMLElement;
  paragraph: HTMLElement | null;
  ids: string[];
}

export interface TextNavigationOptions {
  /** A highlight in the text was clicked, or opened from the keyboard. */
  onOpenHighlight: (piece: HTMLElement) => void;
}

/** The highlight piece that starts highlight `id` in the text, where it takes focus. */
export const highlightPiece = (id: string): HTMLElement | null =>
  document.querySelector<HTMLElement>(`mark[data-highlight~="${CSS.escape(id)}"]`);

/**
 * Makes the guide's text readable and selectable from the keyboard, inside `article`:
 *
 * - One roving tab stop for all the paragraphs. Tab enters the text at the paragraph last
 *   read (the first, at the start), ↓ and ↑ move from paragraph to paragraph, and the next
 *   Tab leaves for what follows. One stop per paragraph would make a long section a wall of
 *   Tab presses between the contents and the notes; one focusable region would make a
 *   screen reader announce the whole section at once instead of the paragraph being read.
 * - Shift+→ and Shift+← select word by word in the paragraph in focus; a selection becomes
 *   a highlight through the highlight bar, as one made with the mouse does.
 * - A highlight opens with a click, or with Enter or Space once it has focus.
 *
 * Answers the function that undoes all this.
 */
export function navigateText(article: HTMLElement, options: TextNavigationOptions): () => void {
  const runs = () => [...article.querySelectorAll<HTMLElement>(TEXT_RUN)];

  function makeTabStop(stop: HTMLElement): void {
    for (const run of runs()) run.tabIndex = run === stop ? 0 : -1;
  }

  /** Paragraphs arrive with each section: the first becomes the stop unless one already is. */
  function keepOneTabStop(): void {
    const all = runs();
    const first = all[0];
    if (first && !all.some((run) => run.tabIndex === 0)) makeTabStop(first);
  }

  function onFocusIn(event: FocusEvent): void {
    const run =
      event.target instanceof Element ? event.target.closest<HTMLElement>(TEXT_RUN) : null;
    if (run && run.tabIndex !== 0) makeTabStop(run);
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || !(event.target instanceof HTMLElement)) return;
    const target = event.target;
    const piece = target.matches(HIGHLIGHT_PIECE) ? target : null;
    if (
      piece &&
      (matchesAccelerator(event, SHORTCUTS.openHighlight.keys) ||
        matchesAccelerator(event, 'Space'))
    ) {
      event.preventDefault();
      options.onOpenHighlight(piece);
      return;
    }
    const run = target.closest<HTMLElement>(TEXT_RUN);
    if (!run || (target !== run && !piece)) return;
    const step = matchesAccelerator(event, SHORTCUTS.nextParagraph.keys)
      ? 1
      : matchesAccelerator(event, SHORTCUTS.previousParagraph.keys)
        ? -1
        : 0;
    if (step !== 0) {
      const all = runs();
      const next = all[all.indexOf(run) + step];
      if (!next) return;
      event.preventDefault();
      next.focus();
      return;
    }
    const direction = matchesAccelerator(event, SHORTCUTS.selectNextWord.keys)
      ? 1
      : matchesAccelerator(event, SHORTCUTS.selectPreviousWord.keys)
        ? -1
        : 0;
    if (direction === 0) return;
    event.preventDefault();
    // Loaded with the first such key: the word rules are not needed to show the guide.
    void import('./keyboard-selection').then(({ selectByWord }) => selectByWord(run, direction));
  }

  function onClick(event: MouseEvent): void {
    const piece =
      event.target instanceof Element ? event.target.closest<HTMLElement>(HIGHLIGHT_PIECE) : null;
    // A click that ends a drag over the text is a selection, not a request to open.
    if (!piece || document.getSelection()?.isCollapsed === false) return;
    options.onOpenHighlight(piece);
  }

  const observer = new MutationObserver(keepOneTabStop);
  observer.observe(article, { childList: true, subtree: true });
  keepOneTabStop();
  article.addEventListener('focusin', onFocusIn);
  article.addEventListener('keydown', onKeydown);
  article.addEventListener('click', onClick);
  return () => {
    observer.disconnect();
    article.removeEventListener('focusin', onFocusIn);
    article.removeEventListener('keydown', onKeydown);
    article.removeEventListener('click', onClick);
  };
}
