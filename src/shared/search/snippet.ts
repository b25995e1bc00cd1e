// Main marks each result's snippet, so the page shows words it already holds and never
// needs the search engine or the text it searched.
import { fold, foldWithOrigins } from './fold';

export interface SnippetPiece {
  text: string;
  match: boolean;
}

/**
 * Where in `text` one of `wanted` (folded words) first appears, as near as can be told
 * cheaply: lower-casing keeps positions, so a plain match is exact; one found only once
 * accents are folded away is placed where the folded text has it, which may drift by a
 * character or two where folding changed a length (a ligature). -1 when none is there.
 */
function placeOfFirstMatch(text: string, wanted: readonly string[]): number {
  const firstIn = (haystack: string) =>
    Math.min(...wanted.map((term) => haystack.indexOf(term)).filter((at) => at >= 0), Infinity);
  const plain = firstIn(text.toLowerCase());
  if (Number.isFinite(plain)) return plain;
  const folded = firstIn(fold(text));
  return Number.isFinite(folded) ? Math.min(folded, text.length) : -1;
}

/** Moves a cut off the second half of a surrogate pair, so no character is split. */
function wholeCharacterAt(text: string, at: number, direction: -1 | 1): number {
  const unit = text.charCodeAt(at);
  return unit >= 0xdc00 && unit <= 0xdfff ? at + direction : at;
}

/**
 * A short piece of `text` around the first place any of `terms` appears, cut into plain and
 * matching pieces for marking. Matching goes by folded text, as search does: "cafe" marks
 * "Café". Only the piece shown is folded letter by letter, so a long text costs little more
 * than a short one.
 */
export function snippet(text: string, terms: readonly string[], radius = 70): SnippetPiece[] {
  // Longest first, so a word is marked whole where a shorter one starts it.
  const wanted = [...new Set(terms.map(fold).filter(Boolean))].sort((a, b) => b.length - a.length);
  const centre = Math.max(0, placeOfFirstMatch(text, wanted));
  const from = wholeCharacterAt(text, Math.max(0, centre - radius), -1);
  const to = wholeCharacterAt(text, Math.min(text.length, centre + radius * 2), 1);
  const shown = text.slice(from, to);
  const { folded, origins } = foldWithOrigins(shown);
  const originOf = (index: number) => (origins ? (origins[index] ?? shown.length) : index);

  const pieces: SnippetPiece[] = [];
  let plainFrom = 0;
  for (let at = 0; at < folded.length;) {
    const term = wanted.find((candidate) => folded.startsWith(candidate, at));
    if (!term) {
      at += 1;
      continue;
    }
    const matchFrom = originOf(at);
    const matchEnd = originOf(at + term.length);
    if (matchFrom > plainFrom) {
      pieces.push({ text: shown.slice(plainFrom, matchFrom), match: false });
    }
    pieces.push({ text: shown.slice(matchFrom, matchEnd), match: true });
    plainFrom = matchEnd;
    at += term.length;
  }
  if (shown.length > plainFrom) pieces.push({ text: shown.slice(plainFrom), match: false });
  if (from > 0) pieces.unshift({ text: '…', match: false });
  if (to < text.length) pieces.push({ text: '…', match: false });
  return pieces;
}
