import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ProgressMark from './ProgressMark.svelte';

describe('the reading mark beside each section', () => {
  it('fills a still slice for the part read, never an arc that looks like loading', () => {
    const { container } = render(ProgressMark, { props: { value: 0.25 } });
    expect(container.textContent).toContain('25 percent read');
    // A quarter: from twelve o'clock to three o'clock.
    expect(container.querySelector('path.slice')?.getAttribute('d')).toBe(
      'M8 8 L8 2 A6 6 0 0 1 14.000 8.000 Z',
    );
    expect(container.querySelector('[stroke-dasharray]')).toBeNull();
  });

  it('shows nothing filled before reading, and a tick once read', () => {
    const unread = render(ProgressMark, { props: { value: 0 } });
    expect(unread.container.textContent).toContain('not started');
    expect(unread.container.querySelector('path')).toBeNull();
    const read = render(ProgressMark, { props: { value: 1 } });
    expect(read.container.textContent).toContain('read');
    expect(read.container.querySelector('path.tick')).not.toBeNull();
  });
});
