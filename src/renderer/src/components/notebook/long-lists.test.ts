import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openReader } from '../../../../../test/support/open-reader';
import { openRealMain, type RealMain } from '../../../../../test/support/real-api';
import { addDays, formatDate } from '../../lib/dates';

const main = () => within(screen.getByRole('main'));

/** `count` journal entries, a day apart: "Entry 1" is the newest, "Entry {count}" the oldest. */
async function writeEntries(app: RealMain, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let number = 1; number <= count; number++) {
    const entry = await app.api.saveJournalEntry({
      date: addDays('2020-10-31', -number),
      text: `Entry ${number}`,
      mood: null,
      tags: [],
      sectionId: null,
    });
    ids.push(entry.id);
  }
  return ids;
}

/** The items a list shows, by the id each stands for. */
const shownIds = (list: HTMLElement) =>
  [...list.querySelectorAll<HTMLElement>('[data-focus-item]')].map(
    (element) => element.dataset['focusItem'],
  );

/**
 * The "Show more" button under the list, found by the count it is described by (a search
 * by role through every item's buttons would be slow), or null when everything is shown.
 */
function showMoreButton(): HTMLElement | null {
  const count = screen.queryByText(/^Showing [\d,]+ of [\d,]+$/);
  return count?.parentElement ? within(count.parentElement).getByRole('button') : null;
}

const undoButton = () =>
  within(
    screen.getByText('Moved to the trash.').closest('[role="status"]') as HTMLElement,
  ).getByRole('button', { name: 'Undo' });

describe('a long list', () => {
  it('shows the newest 50 items of the notebook, and 50 more at a time, focus on the first new one', async () => {
    const app = await openRealMain();
    const ids = await writeEntries(app, 110);
    await app.api.saveNote({ sectionId: 'intro', text: 'A note, written today.' });
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    const list = await main().findByRole('list', { name: 'Your writing' });
    // The note, changed today, comes before every entry.
    expect(shownIds(list)).toHaveLength(50);
    expect(shownIds(list).slice(1)).toEqual(ids.slice(0, 49));

    const more = showMoreButton();
    expect(more).toHaveAccessibleName('Show 50 more');
    expect(more).toHaveAccessibleDescription('Showing 50 of 111');
    await user.click(more as HTMLElement);
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-focus-item', ids[49]));
    expect(document.activeElement).toHaveTextContent('Entry 50');
    expect(shownIds(list)).toHaveLength(100);

    // The same button, now for what is left.
    expect(more).toHaveAccessibleName('Show 11 more');
    expect(more).toHaveAccessibleDescription('Showing 100 of 111');
    await user.click(more as HTMLElement);
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-focus-item', ids[99]));
    expect(shownIds(list)).toHaveLength(111);
    expect(showMoreButton()).toBeNull();

    // Another filter starts again from its first page.
    await user.selectOptions(main().getByLabelText('Kind'), 'Journal');
    expect(shownIds(list)).toEqual(ids.slice(0, 50));
    expect(showMoreButton()).toHaveAccessibleDescription('Showing 50 of 110');
  });

  it('shows, and focuses, an item restored from the trash even beyond the first page', async () => {
    const app = await openRealMain();
    const ids = await writeEntries(app, 55);
    const oldest = ids[54] as string;
    await app.api.trashItem({ id: oldest });
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    const list = await main().findByRole('list', { name: 'Your writing' });
    expect(shownIds(list)).not.toContain(oldest);
    expect(showMoreButton()).toHaveAccessibleName('Show 4 more');
    expect(showMoreButton()).toHaveAccessibleDescription('Showing 50 of 54');

    const trash = main().getByRole('list', { name: 'Trash' });
    await user.click(within(trash).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-focus-item', oldest));
    expect(list).toContainElement(document.activeElement as HTMLElement);
    expect(shownIds(list).at(-1)).toBe(oldest);
  });

  it('pages the journal, and shows an entry brought back by Undo wherever it stands', async () => {
    const app = await openRealMain();
    const ids = await writeEntries(app, 60);
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    const entries = () => shownIds(screen.getByRole('main'));
    await waitFor(() => expect(entries()).toEqual(ids.slice(0, 50)));

    const more = showMoreButton();
    expect(more).toHaveAccessibleName('Show 10 more');
    expect(more).toHaveAccessibleDescription('Showing 50 of 60');
    await user.click(more as HTMLElement);
    // The heading of the first entry just shown.
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-focus-item', ids[50]));
    expect(document.activeElement).toHaveTextContent(formatDate(addDays('2020-10-31', -51)));
    expect(entries()).toEqual(ids);
    expect(showMoreButton()).toBeNull();

    const oldest = screen.getByText('Entry 60').closest('article') as HTMLElement;
    expect(oldest).toHaveAccessibleName(`Entry for ${formatDate('2020-09-01')}`);
    await user.click(within(oldest).getByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(entries()).toEqual(ids.slice(0, 59)));

    // Away and back: the journal shows its first page again, without the entry.
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    await waitFor(() => expect(entries()).toEqual(ids.slice(0, 50)));
    await user.click(undoButton());
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-focus-item', ids[59]));
    expect(entries()).toEqual(ids);
  });

  it('shows an entry far down the journal with its own page, not every entry before it', async () => {
    const app = await openRealMain();
    const ids = await writeEntries(app, 260);
    const { user } = await openReader(app);
    await user.keyboard('{Control>}f{/Control}');
    await user.type(await screen.findByRole('searchbox'), '255');
    const result = await waitFor(() =>
      within(screen.getByRole('list', { name: 'Search results' })).getByRole('button', {
        name: /^Journal entry/,
      }),
    );
    await user.click(result);

    // Entry 255 is 255th, newest first: its page holds the 251st to the 260th, no more.
    const heading = () => document.querySelector<HTMLElement>(`[data-focus-item="${ids[254]}"]`);
    await waitFor(() => expect(heading()).toHaveFocus());
    const list = document.querySelector<HTMLElement>('ol.entries') as HTMLElement;
    expect(shownIds(list)).toEqual(ids.slice(250, 260));
    const newer = main().getByRole('button', { name: 'Show 50 newer' });
    expect(newer).toHaveAccessibleDescription('Showing 251 to 260 of 260');

    await user.click(newer);
    await waitFor(() =>
      expect(document.querySelector(`[data-focus-item="${ids[200]}"]`)).toHaveFocus(),
    );
    expect(shownIds(list)).toEqual(ids.slice(200, 260));
  });
});
