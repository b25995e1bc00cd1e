import { describe, expect, it } from 'vitest';
import { renderNoteMarkdown } from './markdown';

function renderToDom(text: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = renderNoteMarkdown(text);
  return container;
}

describe('note Markdown', () => {
  it('renders light formatting', () => {
    const dom = renderToDom('**bold** and *soft*\n\n- one\n- two');
    expect(dom.querySelector('strong')?.textContent).toBe('bold');
    expect(dom.querySelector('em')?.textContent).toBe('soft');
    expect(dom.querySelectorAll('li')).toHaveLength(2);
  });

  it.each([
    ['an image with onerror', '<img src=x onerror="alert(1)">'],
    ['a script', '<script>alert(1)</script>'],
    ['an iframe', '<iframe src="https://example.org"></iframe>'],
  ])('shows %s as text, creating no element', (_name, hostile) => {
    const dom = renderToDom(hostile);
    expect(dom.querySelector('img, script, iframe')).toBeNull();
    expect(dom.textContent).toContain(hostile);
  });

  it.each([
    ['a javascript: link', '[press](javascript:alert(1))'],
    ['a web link', '[site](https://example.org)'],
    ['a bare address', 'https://example.org/tracking'],
    ['an autolink', '<https://example.org>'],
    ['a Markdown image', '![pic](https://example.org/pixel.png)'],
    ['a reference link', '[a][1]\n\n[1]: https://example.org'],
  ])('shows %s as text, never as a link or an image', (_name, text) => {
    const dom = renderToDom(text);
    expect(dom.querySelector('a, img')).toBeNull();
    expect(dom.innerHTML).not.toMatch(/href|src=/);
  });
});
