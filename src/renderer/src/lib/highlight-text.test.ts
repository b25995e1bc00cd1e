import { describe, expect, it } from 'vitest';
import type { HighlightColour } from '../../../shared/notebook/model';
import { describePiece, sectionOffsetOf, segmentText, type Mark } from './highlight-text';
import { pointAt } from './keyboard-selection';
import { nextWordEdge, sentenceAt, snapToWords } from './words';

const mark = (
  id: string,
  start: number,
  end: number,
  colour: HighlightColour = 'yellow',
): Mark => ({
  id,
  start,
  end,
  colour,
  hasNote: false,
});

/** Each piece as [its text, the ids covering it, the ids starting in it]. */
const pieces = (text: string, offset: number, marks: Mark[]) =>
  segmentText(text, offset, marks).map((s) => [
    s.text,
    s.marks.map((m) => m.id),
    s.starting.map((m) => m.id),
  ]);

describe('segmentText', () => {
  it('cuts text into plain and highlighted pieces, relative to the run', () => {
    expect(pieces('one two three', 10, [mark('a', 14, 17)])).toEqual([
      ['one ', [], []],
      ['two', ['a'], ['a']],
      [' three', [], []],
    ]);
  });

  it('clips highlights that run past either end, and ignores those outside', () => {
    expect(pieces('middle', 100, [mark('before', 90, 102), mark('elsewhere', 0, 5)])).toEqual([
      // It began in an earlier run: it is reached from the keyboard there, not here.
      ['mi', ['before'], []],
      ['ddle', [], []],
    ]);
  });

  it('gives an overlap to both highlights, so neither hides the other', () => {
    expect(pieces('abcdef', 0, [mark('second', 2, 6, 'pink'), mark('first', 0, 4)])).toEqual([
      ['ab', ['first'], ['first']],
      ['cd', ['first', 'second'], ['second']],
      ['ef', ['second'], []],
    ]);
  });

  it('splits a highlight around one inside it, and keeps one place to reach each', () => {
    const segments = segmentText('one two three', 0, [mark('outer', 0, 13), mark('inner', 4, 7)]);
    expect(segments.map((s) => [s.text, s.marks.map((m) => m.id), s.start])).toEqual([
      ['one ', ['outer'], 0],
      ['two', ['outer', 'inner'], 4],
      [' three', ['outer'], 7],
    ]);
    expect(segments.flatMap((s) => s.starting.map((m) => m.id))).toEqual(['outer', 'inner']);
  });

  it('keeps two highlights of the same words apart in one piece', () => {
    expect(pieces('same words', 0, [mark('a', 0, 10), mark('b', 0, 10, 'blue')])).toEqual([
      ['same words', ['a', 'b'], ['a', 'b']],
    ]);
  });
});

describe('snapToWords', () => {
  const text = 'Most relationships have high points, and don’t last.';
  const snapped = (from: string, to: string) => {
    const start = text.indexOf(from);
    const { start: s, end: e } = snapToWords(text, start, text.indexOf(to) + to.length);
    return text.slice(s, e);
  };

  it('widens a selection that starts or ends inside a word to the whole word', () => {
    expect(snapped('ationships', 'have hi')).toBe('relationships have high');
  });

  it('leaves a selection of whole words as it is, punctuation included', () => {
    expect(snapped('have', 'points,')).toBe('have high points,');
  });

  it('drops the spaces at either edge', () => {
    expect(snapped(' have ', ' have ')).toBe('have');
  });

  it('keeps a word with an apostrophe whole', () => {
    expect(snapped('on’', 'on’')).toBe('don’t');
  });

  it('gives an empty range for a selection of spaces alone', () => {
    const { start, end } = snapToWords('a   b', 1, 4);
    expect(end - start).toBe(0);
  });
});

describe('sentenceAt', () => {
  const text = 'He went quiet. You waited. Then he spoke.';
  it('finds the sentence holding an offset, without the space after it', () => {
    const { start, end } = sentenceAt(text, text.indexOf('waited'));
    expect(text.slice(start, end)).toBe('You waited.');
  });
  it('takes the last sentence at the very end of the text', () => {
    const { start, end } = sentenceAt(text, text.length);
    expect(text.slice(start, end)).toBe('Then he spoke.');
  });
});

describe('nextWordEdge', () => {
  const text = 'one two, three';
  it('takes in the next word whole, away from the anchor, skipping punctuation', () => {
    expect(nextWordEdge(text, 0, 0, 1)).toBe(3);
    expect(nextWordEdge(text, 0, 3, 1)).toBe(7);
    expect(nextWordEdge(text, 0, 7, 1)).toBe(14);
    expect(nextWordEdge(text, 0, 14, 1)).toBe(14);
    expect(nextWordEdge(text, 14, 14, -1)).toBe(9);
    expect(nextWordEdge(text, 14, 9, -1)).toBe(4);
    expect(nextWordEdge(text, 14, 2, -1)).toBe(0);
    expect(nextWordEdge(text, 14, 0, -1)).toBe(0);
  });
  it('gives up one word at a time, back toward the anchor', () => {
    expect(nextWordEdge(text, 0, 14, -1)).toBe(7);
    expect(nextWordEdge(text, 0, 7, -1)).toBe(3);
    expect(nextWordEdge(text, 0, 3, -1)).toBe(0);
    expect(nextWordEdge(text, 14, 4, 1)).toBe(9);
    expect(nextWordEdge(text, 14, 9, 1)).toBe(14);
  });
});

describe('sectionOffsetOf and pointAt', () => {
  it('count through highlighted pieces to the section offset, and back', () => {
    const p = document.createElement('p');
    p.dataset['offset'] = '40';
    p.innerHTML = 'one <mark>two</mark> three';
    document.body.append(p);
    const three = p.lastChild as Text;
    expect(sectionOffsetOf(three, 1)).toBe(40 + 'one two'.length + 1);
    expect(sectionOffsetOf(p.querySelector('mark')?.firstChild as Text, 0)).toBe(44);
    expect(sectionOffsetOf(p, 2)).toBe(40 + 'one two'.length);
    const point = pointAt(p, 40 + 'one two t'.length);
    expect([point.node, point.offset]).toEqual([three, 2]);
    expect(pointAt(p, 99)).toEqual({ node: three, offset: three.length });
    p.remove();
  });
});

describe('describePiece', () => {
  it('names the colour and the note, then the words', () => {
    expect(
      describePiece({ text: 'high points', marks: [{ ...mark('a', 0, 1), hasNote: true }] }),
    ).toBe('Highlight, yellow, with a note: high points');
  });
  it('names every highlight of an overlap', () => {
    expect(
      describePiece({
        text: 'cd',
        marks: [mark('a', 0, 4), { ...mark('b', 2, 6, 'blue'), hasNote: true }],
      }),
    ).toBe('2 highlights, yellow and blue, 1 with a note: cd');
  });
});
