import type { HighlightColour } from '../../../shared/notebook/model';

export interface Mark {
  id: string;
  start: number;
  end: number;
  colour: HighlightColour;
}

export interface Segment {
  text: string;
  mark: Mark | null;
}

/**
 * Cuts a run of text (starting at `offset` in its section) into plain and highlighted
 * pieces. Where highlights overlap, the one that starts first wins the shared part.
 */
export function segmentText(text: string, offset: number, marks: readonly Mark[]): Segment[] {
  const end = offset + text.length;
  const inside = marks
    .filter((mark) => mark.end > offset && mark.start < end)
    .sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let cursor = offset;
  for (const mark of inside) {
    const from = Math.max(mark.start, cursor);
    const to = Math.min(mark.end, end);
    if (to <= from) continue;
    if (from > cursor)
      segments.push({ text: text.slice(cursor - offset, from - offset), mark: null });
    segments.push({ text: text.slice(from - offset, to - offset), mark });
    cursor = to;
  }
  if (cursor < end) segments.push({ text: text.slice(cursor - offset), mark: null });
  return segments;
}

/**
 * The offset in the section's text of a point in the page (a node and an offset in it),
 * found through the nearest element that carries `data-offset`.
 */
export function sectionOffsetOf(node: Node, offsetInNode: number): number | null {
  const element = (
    node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement
  ) as Element | null;
  const run = element?.closest<HTMLElement>('[data-offset]');
  if (!run) return null;
  let offset = Number(run.dataset['offset']);
  const walker = document.createTreeWalker(run, NodeFilter.SHOW_TEXT);
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    if (current === node) return offset + offsetInNode;
    offset += current.textContent?.length ?? 0;
  }
  // The point is the element itself: count the text before its `offsetInNode`-th child.
  if (node === run) {
    let counted = Number(run.dataset['offset']);
    for (const child of [...run.childNodes].slice(0, offsetInNode))
      counted += child.textContent?.length ?? 0;
    return counted;
  }
  return null;
}
