import {
  autoUpdate,
  computePosition,
  flip,
  inline,
  offset,
  shift,
  type ReferenceElement,
} from '@floating-ui/dom';

/**
 * Keeps `floating` (fixed in the window) beside `reference`: below it, or above when there is
 * no room below, and always inside the window whatever the text size, following it as the
 * page scrolls or reflows. `inline` stands it at the line where a passage over several lines
 * begins or ends, not beside the box around them all. Answers the function that stops it.
 */
export function followReference(reference: ReferenceElement, floating: HTMLElement): () => void {
  return autoUpdate(reference, floating, () => {
    void computePosition(reference, floating, {
      strategy: 'fixed',
      placement: 'bottom',
      middleware: [
        inline(),
        offset(8),
        flip({ padding: 8 }),
        shift({ padding: 8, crossAxis: true }),
      ],
    }).then(({ x, y }) => {
      floating.style.left = `${x}px`;
      floating.style.top = `${y}px`;
    });
  });
}
