import { describe, expect, it } from 'vitest';
import { sectionOffsetOf, segmentText } from './highlight-text';

describe('segmentText', () => {
  it('cuts text into plain and highlighted pieces, relative to the run', () => {
    const segments = segmentText('one two three', 10, [
      { id: 'a', start: 14, end: 17, colour: 'yellow' },
    ]);
    expect(segments.map((s) => [s.text, s.mark?.id ?? null])).toEqual([
      ['one ', null],
      ['two', 'a'],
      [' three', null],
    ]);
  });

  it('clips highlights that run past either end, and ignores those outside', () => {
    const segments = segmentText('middle', 100, [
      { id: 'before', start: 90, end: 102, colour: 'green' },
      { id: 'elsewhere', start: 0, end: 5, colour: 'blue' },
    ]);
    expect(segments.map((s) => [s.text, s.mark?.id ?? null])).toEqual([
      ['mi', 'before'],
      ['ddle', null],
    ]);
  });

  it('gives an overlap to the highlight that starts first', () => {
    const segments = segmentText('abcdef', 0, [
      { id: 'second', start: 2, end: 6, colour: 'pink' },
      { id: 'first', start: 0, end: 4, colour: 'yellow' },
    ]);
    expect(segments.map((s) => [s.text, s.mark?.id ?? null])).toEqual([
      ['abcd', 'first'],
      ['ef', 'second'],
    ]);
  });
});

describe('sectionOffsetOf', () => {
  it('counts through highlighted pieces to the section offset', () => {
    const p = document.createElement('p');
    p.dataset['offset'] = '40';
    p.innerHTML = 'one <mark>two</mark> three';
    document.body.append(p);
    const three = p.lastChild as Text;
    expect(sectionOffsetOf(three, 1)).toBe(40 + 'one two'.length + 1);
    expect(sectionOffsetOf(p.querySelector('mark')?.firstChild as Text, 0)).toBe(44);
    p.remove();
  });
});
