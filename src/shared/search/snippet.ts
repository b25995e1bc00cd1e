// Main marks each result's snippet, so the page shows words it already holds and never
// needs the search engine or the text it searched.
import { fold, foldWithOrigins } from './fold';

export interface SnippetPiece {
  text: string;
  match: boolean;
}

/**
 * A short piece of `text` around the first place any of `terms` appears, cut into plain and
 * matching pieces for marking. Matching goes by folded text, as search does: "cafe" marks
 * "Café".
 */
export function snippet(text: string, terms: readonly string[], radius = 70): SnippetPiece[] {
  // Longest first, so a word is marked whole where a shorter one starts it.
  const wanted = [...new Set(terms.map(fold).filter(Boolean))].sort((a, b) => b.length - a.length);
  const { folded, origins } = foldWithOrigins(text);
  const originOf = (index: number) => (origins ? (origins[index] ?? text.length) : index);
  const foldedIndexOf = (original: number) =>
    origins
      ? Math.max(
          0,
          origins.findIndex((origin) => origin >= original),
        )
      : original;

  const first = Math.min(
    ...wanted.map((term) => folded.indexOf(term)).filter((at) => at >= 0),
    Infinity,
  );
  const centre = Number.isFinite(first) ? originOf(first) : 0;
  const from = Math.max(0, centre - radius);
  const to = Math.min(text.length, centre + radius * 2);

  const pieces: SnippetPiece[] = [];
  let plainFrom = from;
  const end = foldedIndexOf(to);
  for (let at = foldedIndexOf(from); at < end;) {
    const term = wanted.find((candidate) => folded.startsWith(candidate, at));
    const matchEnd = term ? originOf(at + term.length) : -1;
    if (!term || matchEnd > to) {
      at += 1;
      continue;
    }
    const matchFrom = originOf(at);
    if (matchFrom > plainFrom)
      pieces.push({ text: text.slice(plainFrom, matchFrom), match: false });
    pieces.push({ text: text.slice(matchFrom, matchEnd), match: true });
    plainFrom = matchEnd;
    at += term.length;
  }
  if (to > plainFrom) pieces.push({ text: text.slice(plainFrom, to), match: false });
  if (from > 0) pieces.unshift({ text: '…', match: false });
  if (to < text.length) pieces.push({ text: '…', match: false });
  return pieces;
}
