// Apart from search.ts, which brings the search engine: the search panel shows snippets
// from the first load, and the engine itself loads only when a search is made.

export interface SnippetPiece {
  text: string;
  match: boolean;
}

/**
 * A short piece of `text` around the first place any of `terms` appears, cut into plain
 * and matching pieces for marking. Matching ignores case.
 */
export function snippet(text: string, terms: readonly string[], radius = 70): SnippetPiece[] {
  const lower = text.toLowerCase();
  const wanted = terms.map((term) => term.toLowerCase()).filter(Boolean);
  const first = Math.min(
    ...wanted.map((term) => lower.indexOf(term)).filter((at) => at >= 0),
    Infinity,
  );
  const from = Number.isFinite(first) ? Math.max(0, first - radius) : 0;
  const to = Math.min(text.length, (Number.isFinite(first) ? first : 0) + radius * 2);
  const window = text.slice(from, to);
  const pieces: SnippetPiece[] = [];
  const pattern = wanted.length
    ? new RegExp(
        `(${wanted.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
        'gi',
      )
    : null;
  const parts = pattern ? window.split(pattern) : [window];
  for (const part of parts) {
    if (part) pieces.push({ text: part, match: wanted.includes(part.toLowerCase()) });
  }
  if (from > 0) pieces.unshift({ text: '…', match: false });
  if (to < text.length) pieces.push({ text: '…', match: false });
  return pieces;
}
