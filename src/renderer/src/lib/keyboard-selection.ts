import { sectionOffsetOf } from './highlight-text';
import { nextWordEdge } from './words';

/** The reverse of `sectionOffsetOf`: the text node and offset in it at `offset` in the section. */
export function pointAt(run: HTMLElement, offset: number): { node: Node; offset: number } {
  let remaining = offset - Number(run.dataset['offset']);
  const walker = document.createTreeWalker(run, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (
    let current = walker.nextNode() as Text | null;
    current;
    current = walker.nextNode() as Text | null
  ) {
    if (remaining <= current.length) return { node: current, offset: Math.max(remaining, 0) };
    remaining -= current.length;
    last = current;
  }
  return last ? { node: last, offset: last.length } : { node: run, offset: 0 };
}

/**
 * Moves the selection's free end a word forward or back in `run` (a paragraph or list item
 * of the section's text). A selection elsewhere is started afresh: forward from the
 * paragraph's start, back from its end.
 */
export function selectByWord(run: HTMLElement, direction: 1 | -1): void {
  const selection = document.getSelection();
  if (!selection) return;
  const runStart = Number(run.dataset['offset']);
  const text = run.textContent ?? '';
  const inRun = (node: Node | null): node is Node => node !== null && run.contains(node);
  let anchor = direction === 1 ? 0 : text.length;
  let focus = anchor;
  if (selection.rangeCount > 0 && inRun(selection.anchorNode) && inRun(selection.focusNode)) {
    anchor = (sectionOffsetOf(selection.anchorNode, selection.anchorOffset) ?? runStart) - runStart;
    focus = (sectionOffsetOf(selection.focusNode, selection.focusOffset) ?? runStart) - runStart;
  }
  focus = nextWordEdge(text, anchor, focus, direction);
  const from = pointAt(run, runStart + anchor);
  const to = pointAt(run, runStart + focus);
  selection.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
}
