import { describe, expect, it } from 'vitest';
import { quantity, shorten } from './text';

describe('shorten', () => {
  it('leaves text that fits as it is', () => {
    expect(shorten('A quiet morning', 15)).toBe('A quiet morning');
  });

  it('cuts longer text and says so with an ellipsis', () => {
    expect(shorten('A quiet morning by the lake', 15)).toBe('A quiet morning…');
  });
});

describe('quantity', () => {
  it('names one in the singular and any other count in the plural', () => {
    expect(quantity(1, 'result', 'results')).toBe('1 result');
    expect(quantity(0, 'result', 'results')).toBe('0 results');
    expect(quantity(3, 'entry', 'entries')).toBe('3 entries');
  });
});
