import { describe, expect, it } from 'vitest';
import { snippet, type SnippetPiece } from './snippet';

const marked = (pieces: SnippetPiece[]) =>
  pieces.filter((piece) => piece.match).map((piece) => piece.text);
const whole = (pieces: SnippetPiece[]) => pieces.map((piece) => piece.text).join('');

describe('snippet', () => {
  it('cuts a window around the first match and marks every matching word', () => {
    const text = `${'x'.repeat(200)} the quiet answer and another Quiet word ${'y'.repeat(200)}`;
    const pieces = snippet(text, ['quiet']);
    expect(pieces[0]).toEqual({ text: '…', match: false });
    expect(marked(pieces)).toEqual(['quiet', 'Quiet']);
    expect(pieces.at(-1)).toEqual({ text: '…', match: false });
  });

  it('marks accented words by the folded words search matched, and keeps the text as written', () => {
    const text = 'We met at the Café Noir, then the café by the river.';
    const pieces = snippet(text, ['cafe', 'river']);
    expect(marked(pieces)).toEqual(['Café', 'café', 'river']);
    expect(whole(pieces)).toBe(text);
  });

  it('marks the longer word whole where a shorter one starts it', () => {
    expect(marked(snippet('patience, and a patient heart', ['patient', 'patience']))).toEqual([
      'patience',
      'patient',
    ]);
  });

  it('shows the start of the text, unmarked, when no word is in it', () => {
    const text = `${'calm '.repeat(60)}end`;
    const pieces = snippet(text, ['storm']);
    expect(marked(pieces)).toEqual([]);
    expect(pieces[0]?.text.startsWith('calm calm')).toBe(true);
    expect(pieces.at(-1)).toEqual({ text: '…', match: false });
  });

  it('marks a ligature by the letters it folds to, and never cuts a character in two', () => {
    const text = `${'ö'.repeat(100)} ﬁnal ${'😊'.repeat(100)}`;
    const pieces = snippet(text, ['final']);
    expect(marked(pieces)).toEqual(['ﬁnal']);
    const shown = whole(pieces).replace(/^…|…$/g, '');
    expect(text.includes(shown)).toBe(true);
    expect(shown).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });

  it('marks a match at the end of a very long text, folding only the piece it shows', () => {
    // Folding letter by letter the whole of a 2,000,000-character note took over a second.
    const long = `It’s ${'quiet words here '.repeat(120_000)}and then the café.`;
    const pieces = snippet(long, ['cafe']);
    expect(marked(pieces)).toEqual(['café']);
    expect(whole(pieces).length).toBeLessThan(300);
  });
});
