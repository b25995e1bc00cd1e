import { parseDate } from '@internationalized/date';
import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { chooseDate } from '../../../../../test/support/choose-date';
import { openReader } from '../../../../../test/support/open-reader';
import { openRealMain } from '../../../../../test/support/real-api';
import { formatDate, today } from '../../lib/dates';

const main = () => within(screen.getByRole('main'));
const calendar = () => screen.queryByRole('dialog', { name: 'Date: choose a day' });

describe('the journal’s dates', () => {
  it('writes a day the same in the date field, the card, the mood chart and the notebook', async () => {
    const { user, main: app } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    await main().findByRole('heading', { level: 1, name: 'Journal' });

    await chooseDate(user, main().getByLabelText('Date'), '2026-03-01');
    // jsdom speaks en-US: the weekday, then the month and day, then the year, all in words.
    const written = formatDate('2026-03-01');
    expect(written).toBe('Sunday, March 1, 2026');
    const field = main().getByRole('button', { name: `Date ${written}` });
    expect(field).toHaveTextContent(written);
    // The calendar hands the chosen day back to its field, and the form keeps it as a draft.
    await waitFor(() => expect(calendar()).toBeNull());
    expect(field).toHaveFocus();
    await waitFor(async () =>
      expect((await app.drafts()).map((draft) => draft.fields['date'])).toContain('2026-03-01'),
    );

    await user.click(main().getByLabelText('3 · Steady'));
    await user.type(main().getByLabelText('What happened, what you felt'), 'A slow morning.');
    await user.click(main().getByRole('button', { name: 'Save entry' }));
    expect(await main().findByText('Your entry is saved.')).toBeInTheDocument();
    // Kept as the notebook stores a day, whatever the screen shows.
    expect(await app.items()).toMatchObject([{ kind: 'journal-entry', date: '2026-03-01' }]);

    const card = main().getByRole('article', { name: `Entry for ${written}` });
    expect(within(card).getByRole('heading')).toHaveTextContent(written);
    const chart = main().getByRole('figure');
    expect(within(chart).getByText(written)).toBeInTheDocument();
    const moods = main().getByRole('table', { name: 'Mood by date' });
    expect(within(moods).getByRole('row', { name: `${written} 3, Steady` })).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    expect(within(card).getByLabelText('Date')).toHaveTextContent(written);

    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    const list = await main().findByRole('list', { name: 'Your writing' });
    expect(within(list).getByRole('listitem')).toHaveTextContent(`Journal entry · ${written}`);
  });

  it('is chosen with the keyboard alone, and Escape puts the calendar away unchanged', async () => {
    const { user, main: app } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    await main().findByRole('heading', { level: 1, name: 'Journal' });
    const field = main().getByLabelText('Date');
    const day = (iso: string) => screen.getByRole('button', { name: formatDate(iso) });
    const now = parseDate(today());
    const yesterday = now.subtract({ days: 1 }).toString();

    field.focus();
    await user.keyboard('{Enter}');
    // The calendar opens on the day the field holds, ready for the arrow keys.
    await waitFor(() => expect(day(now.toString())).toHaveFocus());
    await user.keyboard('{ArrowLeft}');
    expect(day(yesterday)).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(day(now.subtract({ days: 8 }).toString())).toHaveFocus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(calendar()).toBeNull());
    expect(field).toHaveFocus();
    expect(field).toHaveTextContent(formatDate(today()));

    await user.keyboard('{Enter}');
    await waitFor(() => expect(day(now.toString())).toHaveFocus());
    await user.keyboard('{ArrowLeft}{Enter}');
    await waitFor(() => expect(calendar()).toBeNull());
    expect(field).toHaveFocus();
    expect(field).toHaveTextContent(formatDate(yesterday));

    await user.type(
      main().getByLabelText('What happened, what you felt'),
      'Yesterday, told today.',
    );
    await user.click(main().getByRole('button', { name: 'Save entry' }));
    expect(await main().findByText('Your entry is saved.')).toBeInTheDocument();
    expect(await app.items()).toMatchObject([{ kind: 'journal-entry', date: yesterday }]);
  });
});

describe('a journal draft’s date', () => {
  it('comes back as it was kept, or as today if it is not a real day', async () => {
    const app = await openRealMain();
    await app.api.saveDraft({
      key: 'journal:new',
      fields: { date: '2026-02-30', text: 'Kept from before.' },
    });
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    expect(await main().findByLabelText('What happened, what you felt')).toHaveValue(
      'Kept from before.',
    );
    expect(main().getByLabelText('Date')).toHaveTextContent(formatDate(today()));
  });
});

describe('the notebook’s date filters', () => {
  it('narrow the list from a day, and let it through again with Any day', async () => {
    const app = await openRealMain();
    await app.api.saveJournalEntry({
      date: '2026-11-01',
      text: 'A long day.',
      mood: null,
      tags: [],
      sectionId: null,
    });
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    const list = () => main().getByRole('list', { name: 'Your writing' });
    await waitFor(list);
    const from = main().getByLabelText('From');
    expect(from).toHaveTextContent('Any day');

    await chooseDate(user, from, '2026-11-02');
    expect(from).toHaveTextContent(formatDate('2026-11-02'));
    expect(screen.getByText('Nothing matches these filters.')).toBeInTheDocument();

    await user.click(from);
    await user.click(await screen.findByRole('button', { name: 'Any day' }));
    expect(from).toHaveFocus();
    expect(from).toHaveTextContent('Any day');
    expect(within(list()).getByText('A long day.')).toBeInTheDocument();
  });
});
