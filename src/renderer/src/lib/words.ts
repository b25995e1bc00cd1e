/**
 * Words and sentences in the guide's text, through Intl.Segmenter: what a selection snaps
 * to, what "this sentence" is, and how far Shift+→ and Shift+← move. Loaded with the
 * highlight bar and the keyboard's selection, not before the guide appears.
 */

// Made on first use: making one loads the locale's break rules, some 20 ms, which would
// otherwise fall on the guide's first frame, as this module loads beside it.
let wordSegmenter: Intl.Segmenter | undefined;
let sentenceSegmenter: Intl.Segmenter | undefined;
const words = () => (wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' }));
const sentences = () =>
  (sentenceSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'sentence' }));

/** [start, end) with the white space at either edge left out. */
function trimmed(text: string, start: number, end: number): { start: number; end: number } {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(text[from] ?? '')) from++;
  while (to > from && /\s/.test(text[to - 1] ?? '')) to--;
  return { start: from, end: to };
}

/**
 * The range [start, end) of `text` widened to whole words: a selection that starts or ends
 * inside a word takes in the rest of it, and white space at its edges is dropped. A highlight
 * of "ationships have hi" is one of "relationships have high".
 */
export function snapToWords(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } {
  const edges = trimmed(text, start, end);
  if (edges.end <= edges.start) return edges;
  const segments = words().segment(text);
  const first = segments.containing(edges.start);
  const last = segments.containing(edges.end - 1);
  return {
    start: first?.isWordLike ? first.index : edges.start,
    end: last?.isWordLike ? last.index + last.segment.length : edges.end,
  };
}

/** The sentence of `text` that holds `offset` (or ends just before it), without its edges' spaces. */
export function sentenceAt(text: string, offset: number): { start: number; end: number } {
  const at = Math.min(Math.max(offset, 0), Math.max(text.length - 1, 0));
  const sentence = sentences().segment(text).containing(at);
  if (!sentence) return { start: 0, end: 0 };
  return trimmed(text, sentence.index, sentence.index + sentence.segment.length);
}

/**
 * Where a keyboard selection's moving end (`focus`; `anchor` stays) goes on Shift+→ or
 * Shift+←, a word at a time. Away from the anchor it takes in the next word whole; back
 * toward it, it gives one word up, so "As is the" becomes "As is", not "As is ". Stays put at
 * either end of `text`.
 */
export function nextWordEdge(
  text: string,
  anchor: number,
  focus: number,
  direction: 1 | -1,
): number {
  const found = [...words().segment(text)].filter((segment) => segment.isWordLike);
  const edges = found.map((word) => ({ start: word.index, end: word.index + word.segment.length }));
  if (direction === 1) {
    if (focus < anchor) {
      const next = edges.find((word) => word.start > focus);
      return Math.min(next?.start ?? anchor, anchor);
    }
    return edges.find((word) => word.end > focus)?.end ?? text.length;
  }
  if (focus > anchor) {
    const before = edges.findLast((word) => word.end < focus);
    return Math.max(before?.end ?? anchor, anchor);
  }
  return edges.findLast((word) => word.start < focus)?.start ?? 0;
}
