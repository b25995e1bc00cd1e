import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { chooseDate } from '../../../../../test/support/choose-date';
import { openRealMain, type RealMain } from '../../../../../test/support/real-api';
import type { ContactFrom } from '../../../../shared/companion/model';
import { formatDate } from '../../lib/dates';
import { NotebookState } from '../../state/notebook.svelte';
import UndoNotice from '../UndoNotice.svelte';
import SilenceLog from './SilenceLog.svelte';

/** The day the log counts to in these tests, whatever the computer's clock says. */
const TODAY = '2026-03-20';

const contact = (date: string, from: ContactFrom, note = '') =>
  ({ type: 'contact', date, from, note }) as const;

/** The log on the real main, with what `app` already keeps, and the app's Undo notice. */
async function openLog(app: RealMain) {
  const notebook = new NotebookState(app.api);
  await notebook.load();
  const user = userEvent.setup();
  render(SilenceLog, { props: { notebook, today: TODAY } });
  render(UndoNotice, { props: { undo: notebook.undo } });
  return { user, notebook };
}

const log = () => within(screen.getByRole('region', { name: 'Contact log' }));
const entryCard = (from: 'From him' | 'From me', date: string) =>
  log().getByRole('article', { name: `${from}, ${formatDate(date)}` });

describe('the contact log (step 4)', () => {
  it('counts the days since each side last reached out, from the saved entries', async () => {
    const app = await openRealMain();
    for (const entry of [
      contact('2026-03-02', 'him', 'A short reply'),
      contact('2026-03-11', 'him', 'He asked about the keys'),
      contact('2026-03-16', 'me', 'Sent a long text'),
      contact('2026-03-09', 'me'),
      // A day after today has not happened yet: it does not count.
      contact('2026-03-24', 'him', 'Chosen by mistake'),
    ]) {
      await app.api.saveStepWork({ entry });
    }
    await openLog(app);
    expect(log().getByText('Days since I last reached out: 4')).toBeInTheDocument();
    expect(log().getByText('Days since he last wrote: 9')).toBeInTheDocument();
    // Newest day first, each with the day as the app writes it and who reached out.
    const headings = within(log().getByRole('list', { name: 'Your contact log' }))
      .getAllByRole('heading', { level: 5 })
      .map((heading) => heading.textContent?.trim());
    expect(headings).toEqual([
      `${formatDate('2026-03-24')} · From him`,
      `${formatDate('2026-03-16')} · From me`,
      `${formatDate('2026-03-11')} · From him`,
      `${formatDate('2026-03-09')} · From me`,
      `${formatDate('2026-03-02')} · From him`,
    ]);
  });

  it('says so kindly when one side has nothing logged yet', async () => {
    const app = await openRealMain();
    await app.api.saveStepWork({ entry: contact('2026-03-20', 'me', 'Called, no answer') });
    await openLog(app);
    expect(log().getByText('Days since I last reached out: 0')).toBeInTheDocument();
    expect(log().getByText('Days since he last wrote: none logged yet')).toBeInTheDocument();
  });

  it('adds an entry with its day, direction and note, kept as a draft until it is added', async () => {
    const app = await openRealMain();
    const { user } = await openLog(app);
    const form = within(log().getByRole('form', { name: 'Log a contact' }));
    // A new entry starts on today.
    expect(form.getByRole('button', { name: `Date ${formatDate(TODAY)}` })).toBeInTheDocument();

    await user.type(form.getByLabelText('A short note (optional)'), 'He sent a photo of the dog');
    await waitFor(async () =>
      expect(await app.drafts()).toMatchObject([
        {
          key: 'step-work:new-contact',
          fields: { date: TODAY, from: '', note: 'He sent a photo of the dog' },
        },
      ]),
    );
    // Who reached out is asked for, and nothing is saved without it.
    await user.click(form.getByRole('button', { name: 'Add to the log' }));
    expect(form.getByText('Choose who reached out: him, or you.')).toBeInTheDocument();
    expect(form.getByRole('radio', { name: 'From him' })).toHaveFocus();
    expect(await app.items()).toEqual([]);

    await user.click(form.getByRole('radio', { name: 'From him' }));
    await chooseDate(user, form.getByLabelText('Date'), '2026-03-17');
    const add = form.getByRole('button', { name: 'Add to the log' });
    await user.click(add);
    expect(await form.findByText('Added to your log.')).toBeInTheDocument();
    expect(await app.items()).toMatchObject([
      {
        kind: 'step-work',
        entry: {
          type: 'contact',
          date: '2026-03-17',
          from: 'him',
          note: 'He sent a photo of the dog',
        },
      },
    ]);
    expect(await app.drafts()).toEqual([]);
    // The form is ready for the next one, and focus is in it, not on the page body.
    expect(form.getByLabelText('A short note (optional)')).toHaveValue('');
    expect(form.getByLabelText('A short note (optional)')).toHaveFocus();
    expect(form.getByRole('radio', { name: 'From him' })).not.toBeChecked();
    expect(log().getByText('Days since he last wrote: 3')).toBeInTheDocument();
    expect(entryCard('From him', '2026-03-17')).toHaveTextContent('He sent a photo of the dog');
  });

  it('changes an entry in place, and Cancel leaves it as it was', async () => {
    const app = await openRealMain();
    const saved = await app.api.saveStepWork({
      entry: contact('2026-03-12', 'me', 'Texted good luck'),
    });
    const { user } = await openLog(app);

    await user.click(
      within(entryCard('From me', '2026-03-12')).getByRole('button', { name: 'Edit' }),
    );
    let form = within(log().getByRole('form', { name: 'Edit this contact' }));
    const note = form.getByLabelText('A short note (optional)');
    expect(note).toHaveFocus();
    await user.clear(note);
    await user.type(note, 'Something else');
    await user.click(form.getByRole('button', { name: 'Cancel' }));
    const heading = within(entryCard('From me', '2026-03-12')).getByRole('heading');
    expect(heading).toHaveFocus();
    expect(entryCard('From me', '2026-03-12')).toHaveTextContent('Texted good luck');

    await user.click(
      within(entryCard('From me', '2026-03-12')).getByRole('button', { name: 'Edit' }),
    );
    form = within(log().getByRole('form', { name: 'Edit this contact' }));
    // The edit that was cancelled does not come back.
    expect(form.getByLabelText('A short note (optional)')).toHaveValue('Texted good luck');
    await user.click(form.getByRole('radio', { name: 'From him' }));
    await user.type(form.getByLabelText('A short note (optional)'), ', he answered');
    await user.click(form.getByRole('button', { name: 'Save changes' }));
    expect(await log().findByText('Your changes are saved.')).toBeInTheDocument();
    expect(within(entryCard('From him', '2026-03-12')).getByRole('heading')).toHaveFocus();
    expect(await app.items()).toMatchObject([
      {
        id: saved.id,
        entry: { date: '2026-03-12', from: 'him', note: 'Texted good luck, he answered' },
      },
    ]);
    expect(log().getByText('Days since he last wrote: 8')).toBeInTheDocument();
    expect(log().getByText('Days since I last reached out: none logged yet')).toBeInTheDocument();
  });

  it('moves an entry to the trash, hands focus on, and Undo brings it back', async () => {
    const app = await openRealMain();
    await app.api.saveStepWork({ entry: contact('2026-03-18', 'him', 'Good morning') });
    await app.api.saveStepWork({ entry: contact('2026-03-14', 'me', 'Asked how he was') });
    const { user } = await openLog(app);

    await user.click(
      within(entryCard('From him', '2026-03-18')).getByRole('button', { name: 'Move to trash' }),
    );
    await waitFor(() =>
      expect(within(entryCard('From me', '2026-03-14')).getByRole('heading')).toHaveFocus(),
    );
    expect(await app.trash()).toMatchObject([{ item: { entry: { note: 'Good morning' } } }]);
    expect(log().getByText('Days since he last wrote: none logged yet')).toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(await log().findByText('Days since he last wrote: 2')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(entryCard('From him', '2026-03-18')).getByRole('heading')).toHaveFocus(),
    );
    expect(await app.trash()).toEqual([]);
  });

  it('shows the last six weeks on a timeline, and the same days as a table', async () => {
    const app = await openRealMain();
    for (const entry of [
      contact('2026-03-19', 'me'),
      contact('2026-03-19', 'me', 'And again'),
      contact('2026-03-19', 'him'),
      contact('2026-02-10', 'him'),
      // Seven weeks ago: before the timeline starts, though still in the log.
      contact('2026-01-29', 'me', 'Long ago'),
    ]) {
      await app.api.saveStepWork({ entry });
    }
    await openLog(app);
    const start = '2026-02-07';
    const chart = log().getByRole('img', {
      name: `His messages and yours over the last six weeks, from ${formatDate(start)} to today.`,
    });
    // One mark for each day that has any, on its side's row.
    expect(chart.querySelectorAll('circle.him')).toHaveLength(2);
    expect(chart.querySelectorAll('rect.me')).toHaveLength(1);

    const table = log().getByRole('table', { name: 'Contact by date, over the last six weeks' });
    expect(table.closest('.visually-hidden')).not.toBeNull();
    const rows = within(table)
      .getAllByRole('row')
      .map((row) =>
        within(row)
          .getAllByRole(row.querySelector('th') ? 'columnheader' : 'cell')
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ['Date', 'From him', 'From me'],
      [formatDate('2026-02-10'), '1', 'None'],
      [formatDate('2026-03-19'), '1', '2'],
    ]);
    expect(entryCard('From me', '2026-01-29')).toHaveTextContent('Long ago');
  });
});
