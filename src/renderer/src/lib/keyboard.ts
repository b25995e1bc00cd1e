/** Elements where the arrow keys already mean something: typing, choosing, adjusting. */
const OWNS_ARROW_KEYS = 'input, textarea, select, [contenteditable], [role="radiogroup"]';

/**
 * The section step a key press asks for: →/← move through the guide, unless a modifier is
 * held or focus is somewhere the arrows already do something.
 */
export function sectionStepForKey(event: KeyboardEvent): 1 | -1 | null {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
    return null;
  }
  const target = event.target;
  if (target instanceof Element && target.closest(OWNS_ARROW_KEYS)) return null;
  if (event.key === 'ArrowRight') return 1;
  if (event.key === 'ArrowLeft') return -1;
  return null;
}
