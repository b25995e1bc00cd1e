import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH, createAnchor, placeAnchor, sectionTextRuns } from './anchoring';

const VERSION = 1;
const text =
  'Step 2 asks for compassion. Try to see the situation from different points of view. ' +
  'Is he going through a hard time at work? Try to see the situation again tomorrow.';

describe('sectionTextRuns', () => {
  it('joins paragraphs and list items, recording where each one starts', () => {
    const { text: joined, runs } = sectionTextRuns({
      blocks: [
        { type: 'paragraph', text: 'One.' },
        { type: 'list', ordered: true, items: ['Two', 'Three'] },
      ],
    });
    expect(joined).toBe('One.\n\nTwo\nThree');
    expect(runs).toEqual([
      [{ text: 'One.', offset: 0 }],
      [
        { text: 'Two', offset: 6 },
        { text: 'Three', offset: 10 },
      ],
    ]);
  });
});

describe('createAnchor', () => {
  it('keeps the quote, its position, the guide version and 32 characters either side', () => {
    const start = text.indexOf('different points');
    const anchor = createAnchor(text, start, start + 'different points of view'.length, VERSION);
    expect(anchor.quote).toBe('different points of view');
    expect(anchor.prefix).toHaveLength(CONTEXT_LENGTH);
    expect(anchor.prefix.endsWith('situation from ')).toBe(true);
    expect(anchor.suffix.startsWith('. Is he going')).toBe(true);
    expect(anchor).toMatchObject({ start, guideVersion: VERSION });
  });

  it('keeps shorter context at the very start and end', () => {
    const anchor = createAnchor(text, 0, 6, VERSION);
    expect(anchor.prefix).toBe('');
    expect(createAnchor(text, text.length - 9, text.length, VERSION).suffix).toBe('');
  });
});

describe('placeAnchor', () => {
  const start = text.indexOf('Try to see the situation');
  const anchor = createAnchor(text, start, start + 'Try to see the situation'.length, VERSION);

  it('finds an unchanged passage where it was', () => {
    expect(placeAnchor(text, anchor)).toEqual({
      start: anchor.start,
      end: anchor.end,
      exact: true,
    });
  });

  it('follows the passage when text is added before it', () => {
    const changed = `A new opening sentence. ${text}`;
    const placed = placeAnchor(changed, anchor);
    expect(placed).toEqual({ start: start + 24, end: anchor.end + 24, exact: true });
  });

  it('chooses, among repeats of the quote, the one whose context matches', () => {
    const second = text.lastIndexOf('Try to see the situation');
    const later = createAnchor(text, second, second + 'Try to see the situation'.length, VERSION);
    const changed = `Preface. ${text}`;
    expect(placeAnchor(changed, later)?.start).toBe(second + 9);
  });

  it('places a passage whose words changed a little, marking it inexact', () => {
    const quoteStart = text.indexOf('Is he going through a hard time at work?');
    const quoted = createAnchor(text, quoteStart, quoteStart + 40, VERSION);
    const changed = text.replace('a hard time at work?', 'a hard time at his work?');
    const placed = placeAnchor(changed, quoted);
    expect(placed?.exact).toBe(false);
    expect(changed.slice(placed?.start, placed?.end)).toMatch(
      /^Is he going through a hard time at (his )?w/,
    );
  });

  it('cannot place a passage that is gone, and says so', () => {
    const gone = createAnchor(text, 0, 'Step 2 asks for compassion.'.length, VERSION);
    expect(placeAnchor('An entirely different section about other things.', gone)).toBeNull();
  });

  it('does not place an empty quote', () => {
    expect(placeAnchor(text, { ...anchor, quote: '' })).toBeNull();
  });
});
