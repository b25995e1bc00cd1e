import { afterEach, describe, expect, it } from 'vitest';
import { focusNextItem } from './focus';

/** A list of focusable items, as the journal and the notebook mark theirs. */
function list(ids: string[]): HTMLElement[] {
  return ids.map((id) => {
    const item = document.createElement('h3');
    item.tabIndex = -1;
    item.dataset.focusItem = id;
    document.body.append(item);
    return item;
  });
}

afterEach(() => document.body.replaceChildren());

describe('handing focus on after an item leaves a list', () => {
  it('goes to the item that took its place, or the one before it if it was last', async () => {
    const [first, second, third] = list(['a', 'b', 'c']);
    second?.remove();
    await focusNextItem(['a', 'b', 'c'], 'b', null);
    expect(document.activeElement).toBe(third);
    third?.remove();
    await focusNextItem(['a', 'c'], 'c', null);
    expect(document.activeElement).toBe(first);
  });

  it('leaves focus where the person put it while the item was being removed', async () => {
    const [, second] = list(['a', 'b']);
    const elsewhere = document.createElement('button');
    document.body.append(elsewhere);
    elsewhere.focus();
    second?.remove();
    expect(await focusNextItem(['a', 'b'], 'b', null)).toBe(false);
    expect(document.activeElement).toBe(elsewhere);
  });
});
