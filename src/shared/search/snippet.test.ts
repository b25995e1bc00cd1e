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

  it('cuts letters outside basic Latin, and ligatures, without splitting one in two', () => {
    const text = `${'ö'.repeat(100)} ﬁnal 😊 word ${'ö'.repeat(100)}`;
    const pieces = snippet(text, ['final']);
    expect(marked(pieces)).toEqual(['ﬁnal']);
    expect(whole(pieces).replace(/^…|…$/g, '')).toBe(
      text.slice(text.indexOf('ﬁnal') - 70, text.indexOf('ﬁnal') + 140),
    );
  });
});
