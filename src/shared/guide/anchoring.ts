import search from 'approx-string-match';
import type { TextAnchor } from '../notebook/model';

export { sectionTextRuns, type TextRun } from './text-runs';

/** Characters of context kept either side of a highlighted passage. */
export const CONTEXT_LENGTH = 32;

export function createAnchor(
  text: string,
  start: number,
  end: number,
  guideVersion: number,
): TextAnchor {
  return {
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
    start,
    end,
    guideVersion,
  };
}

export interface Placement {
  start: number;
  end: number;
  /** False when the text around the quote changed and it was found by similarity. */
  exact: boolean;
}

/** How well the text around [start, end) agrees with the anchor's context; higher is better. */
function contextScore(text: string, anchor: TextAnchor, start: number, end: number): number {
  const before = text.slice(Math.max(0, start - anchor.prefix.length), start);
  const after = text.slice(end, end + anchor.suffix.length);
  let score = 0;
  for (let i = 1; i <= Math.min(before.length, anchor.prefix.length); i++) {
    if (before[before.length - i] !== anchor.prefix[anchor.prefix.length - i]) break;
    score += 1;
  }
  for (let i = 0; i < Math.min(after.length, anchor.suffix.length); i++) {
    if (after[i] !== anchor.suffix[i]) break;
    score += 1;
  }
  return score;
}

/** Picks the candidate with the best context, then the fewest errors, then nearest the old place. */
function best(
  text: string,
  anchor: TextAnchor,
  candidates: { start: number; end: number; errors: number }[],
) {
  return candidates
    .map((candidate) => ({
      ...candidate,
      score:
        contextScore(text, anchor, candidate.start, candidate.end) * 4 -
        candidate.errors * 8 -
        Math.abs(candidate.start - anchor.start) / Math.max(text.length, 1),
    }))
    .sort((a, b) => b.score - a.score)[0];
}

/**
 * Finds where an anchor belongs in a section's text, which may have changed since the
 * highlight was made: at its old place if the quote is still there, else wherever the quote
 * (or text close to it, allowing a fifth of its characters to differ) fits its context best.
 * Null when it cannot be placed: the highlight is then listed as such, never dropped.
 */
export function placeAnchor(text: string, anchor: TextAnchor): Placement | null {
  if (anchor.quote === '') return null;
  if (text.slice(anchor.start, anchor.end) === anchor.quote) {
    return { start: anchor.start, end: anchor.end, exact: true };
  }
  const exact: { start: number; end: number; errors: number }[] = [];
  for (let at = text.indexOf(anchor.quote); at !== -1; at = text.indexOf(anchor.quote, at + 1)) {
    exact.push({ start: at, end: at + anchor.quote.length, errors: 0 });
  }
  const chosenExact = best(text, anchor, exact);
  if (chosenExact) return { start: chosenExact.start, end: chosenExact.end, exact: true };

  const allowed = Math.floor(anchor.quote.length / 5);
  if (allowed === 0) return null;
  const chosen = best(text, anchor, search(text, anchor.quote, allowed));
  return chosen ? { start: chosen.start, end: chosen.end, exact: false } : null;
}
