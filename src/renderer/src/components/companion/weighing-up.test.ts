import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { openRealMain, type RealMain } from '../../../../../test/support/real-api';
import { RIGHT_NOT_DUTY } from '../../../../shared/companion/model';
import { NotebookState } from '../../state/notebook.svelte';
import WeighingUp from './WeighingUp.svelte';

/** The page on the real main, with what `app` keeps; opened again, it reads main afresh. */
async function openWeighing(app: RealMain) {
  const notebook = new NotebookState(app.api);
  await notebook.load();
  const user = userEvent.setup();
  render(WeighingUp, { props: { notebook } });
  return { user, notebook };
}

const page = () => within(screen.getByRole('article', { name: 'Weighing it up' }));
const costs = () => page().getByLabelText('What staying costs me');
const gives = () => page().getByLabelText('What staying gives me');

describe('weighing it up (step 7)', () => {
  it('keeps the guide’s reminder beside the page', async () => {
    await openWeighing(await openRealMain());
    expect(
      page().getByText(
        `Your willingness to help him should not come at your own expense. ${RIGHT_NOT_DUTY}`,
      ),
    ).toBeInTheDocument();
  });

  it('saves what staying costs and gives, one weighing only, changed in place', async () => {
    const app = await openRealMain();
    const { user, notebook } = await openWeighing(app);
    // Nothing written, nothing saved: an empty page is not kept.
    await user.click(page().getByRole('button', { name: 'Save' }));
    expect(page().getByText('Write a few words in either box first.')).toBeInTheDocument();
    expect(await app.items()).toEqual([]);

    await user.type(costs(), 'Sleepless nights');
    await user.type(gives(), 'Our Sunday walks');
    await user.click(page().getByRole('button', { name: 'Save' }));
    expect(await page().findByText('Saved. Only you can read it.')).toBeInTheDocument();
    expect(await app.items()).toMatchObject([
      {
        kind: 'step-work',
        entry: { type: 'weighing', costs: 'Sleepless nights', gives: 'Our Sunday walks' },
      },
    ]);
    expect(await app.drafts()).toEqual([]);
    // Open lands on it: its heading stands for the saved entry.
    expect(page().getByRole('heading', { name: 'Weighing it up' })).toHaveAttribute(
      'data-focus-item',
      notebook.entriesOf('weighing')[0]?.id,
    );

    await user.type(costs(), ', and waiting');
    await user.click(page().getByRole('button', { name: 'Save' }));
    await waitFor(async () =>
      expect(await app.items()).toMatchObject([
        { entry: { costs: 'Sleepless nights, and waiting', gives: 'Our Sunday walks' } },
      ]),
    );
    expect(await app.items()).toHaveLength(1);
  });

  it('keeps what is typed as a draft, and brings it back over what was saved', async () => {
    const app = await openRealMain();
    await app.api.saveStepWork({ entry: { type: 'weighing', costs: 'Worry', gives: 'Laughter' } });
    const { user } = await openWeighing(app);
    expect(costs()).toHaveValue('Worry');
    expect(gives()).toHaveValue('Laughter');

    await user.type(gives(), ', sometimes');
    await waitFor(async () =>
      expect(await app.drafts()).toMatchObject([
        { key: 'step-work:weighing', fields: { costs: 'Worry', gives: 'Laughter, sometimes' } },
      ]),
    );
    // Closed without saving, as a lock or a move to another page does, and opened again.
    cleanup();
    await openWeighing(app);
    expect(costs()).toHaveValue('Worry');
    expect(gives()).toHaveValue('Laughter, sometimes');
    expect(await app.items()).toMatchObject([{ entry: { gives: 'Laughter' } }]);
  });
});
