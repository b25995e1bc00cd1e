import type { HighlightColour } from '../../../shared/notebook/model';

export interface Mark {
  id: string;
  start: number;
  end: number;
  colour: HighlightColour;
  hasNote: boolean;
}

/** A piece of a run of text, and every highlight that covers all of it (none for plain text). */
export interface Segment {
  text: string;
  /** Where the piece starts in the section's text. */
  start: number;
  /** The highlights covering it, the one that starts first first. */
  marks: Mark[];
  /** Those of `marks` that begin in this piece: here each can be reached from the keyboard. */
  starting: Mark[];
}

/** A stretch of the section's text: where it starts and ends, and its words. */
export interface Passage {
  start: number;
  end: number;
  text: string;
}

const byStart = (a: Mark, b: Mark) => a.start - b.start || a.end - b.end;

/**
 * Cuts a run of text (starting at `offset` in its section) into pieces at every place a
 * highlight begins or ends, each with the set of highlights covering it. Overlapping
 * highlights share the overlap: it carries both, so both can be shown and opened.
 */
export function segmentText(text: string, offset: number, marks: readonly Mark[]): Segment[] {
  const end = offset + text.length;
  const inside = marks.filter((mark) => mark.end > offset && mark.start < end).sort(byStart);
  const cuts = new Set([offset, end]);
  for (const mark of inside) {
    cuts.add(Math.max(mark.start, offset));
    cuts.add(Math.min(mark.end, end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let index = 0; index + 1 < points.length; index++) {
    const from = points[index] as number;
    const to = points[index + 1] as number;
    const covering = inside.filter((mark) => mark.start <= from && mark.end >= to);
    const previous = segments.at(-1);
    const sameMarks =
      previous !== undefined &&
      previous.marks.length === covering.length &&
      previous.marks.every((mark, at) => mark.id === covering[at]?.id);
    const starting = covering.filter((mark) => mark.start >= from && mark.start < to);
    if (sameMarks && starting.length === 0) {
      previous.text += text.slice(from - offset, to - offset);
      continue;
    }
    segments.push({
      text: text.slice(from - offset, to - offset),
      start: from,
      marks: covering,
      starting,
    });
  }
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
  // The point is an element: count the text before its `offsetInNode`-th child.
  if (node.nodeType === Node.ELEMENT_NODE && run.contains(node)) {
    const before = document.createRange();
    before.setStart(run, 0);
    before.setEnd(node, offsetInNode);
    return Number(run.dataset['offset']) + before.toString().length;
  }
  return null;
}

const listed = (names: string[]) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * What a highlighted piece of text is called, as a control: its highlights' colours, whether
 * they carry notes, then its words, so a screen reader reading on still hears the text.
 */
export function describePiece(segment: Pick<Segment, 'text' | 'marks'>): string {
  const { marks } = segment;
  const noted = marks.filter((mark) => mark.hasNote).length;
  const what =
    marks.length === 1
      ? `Highlight, ${marks[0]?.colour}`
      : `${marks.length} highlights, ${listed(marks.map((mark) => mark.colour))}`;
  const notes =
    noted === 0
      ? ''
      : marks.length === 1
        ? ', with a note'
        : `, ${noted === marks.length ? 'each' : noted} with a note`;
  return `${what}${notes}: ${segment.text.trim()}`;
}

/** Each colour's name, as buttons show it. */
export const COLOUR_NAMES: Record<HighlightColour, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
};

/** What the highlight bar highlights: the selected words, or the sentence or paragraph around them. */
export type HighlightScope = 'selection' | 'sentence' | 'paragraph';
