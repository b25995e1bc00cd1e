const MARKS = /\p{M}+/gu;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, control codes included
const NON_ASCII = /[^\u0000-\u007f]/;

const withoutMarks = (text: string) => text.normalize('NFKD').replace(MARKS, '');

/**
 * Text as search compares it: lower-case, with accents taken off ("Café" is "cafe"). Folded
 * again after lower-casing, which can itself add a mark (the Turkish dotted capital I).
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? withoutMarks(withoutMarks(lower).toLowerCase()) : lower;
}

/**
 * `text` folded, with where each folded code unit came from in `text` (one more entry, for
 * the end), so a match found in the folded text can be marked in the original. Plain ASCII
 * needs no map: there, positions agree.
 */
export function foldWithOrigins(text: string): { folded: string; origins: number[] | null } {
  if (!NON_ASCII.test(text)) return { folded: text.toLowerCase(), origins: null };
  let folded = '';
  const origins: number[] = [];
  for (let at = 0; at < text.length;) {
    const character = String.fromCodePoint(text.codePointAt(at) ?? 0);
    const foldedCharacter = fold(character);
    for (let unit = 0; unit < foldedCharacter.length; unit++) origins.push(at);
    folded += foldedCharacter;
    at += character.length;
  }
  origins.push(text.length);
  return { folded, origins };
}
