import { cleanup, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openWithNotebook } from '../../../../../test/support/open-component';
import { openRealMain } from '../../../../../test/support/real-api';
import { SELF_CARE_SUGGESTIONS } from '../../../../shared/companion/model';
import { formatDate, today } from '../../lib/dates';
import SelfCareList from './SelfCareList.svelte';

const NEW_THING = 'Something to do for yourself';

const card = (text: string) => screen.getByRole('article', { name: text });
const cardHeading = (text: string) => within(card(text)).getByRole('heading', { level: 4 });

describe('something for you (step 5)', () => {
  it('adds one of the guide’s ideas, made one’s own, and ticks it off with the day', async () => {
    const { user, main } = await openWithNotebook(SelfCareList);
    const idea = SELF_CARE_SUGGESTIONS[2];
    const ideas = screen.getByRole('list', { name: 'Ideas from the guide' });
    await user.click(within(ideas).getByRole('button', { name: idea }));
    // The idea is offered, not set: it waits in the field, to be changed or not.
    const field = screen.getByRole('textbox', { name: NEW_THING });
    expect(field).toHaveValue(idea);
    expect(field).toHaveFocus();
    expect(await main.items()).toEqual([]);
    await user.type(field, ' by the sea{Enter}');
    expect(await screen.findByText('Added.')).toBeInTheDocument();
    expect(field).toHaveValue('');
    expect(field).toHaveFocus();
    const text = `${idea} by the sea`;
    expect(await main.items()).toMatchObject([
      { kind: 'step-work', entry: { type: 'self-care', text, doneOn: null } },
    ]);
    await waitFor(async () => expect(await main.drafts()).toEqual([]));

    const done = within(card(text)).getByRole('checkbox', { name: 'Done' });
    await user.click(done);
    await waitFor(async () =>
      expect(await main.items()).toMatchObject([{ entry: { text, doneOn: today() } }]),
    );
    expect(done).toHaveAccessibleName(`Done on ${formatDate(today())}`);
    expect(done).toBeChecked();
    expect(done).toHaveFocus();

    await user.keyboard(' ');
    await waitFor(async () =>
      expect(await main.items()).toMatchObject([{ entry: { text, doneOn: null } }]),
    );
    expect(done).toHaveAccessibleName('Done');
    expect(done).not.toBeChecked();
    expect(done).toHaveFocus();
    // Nothing counts what was done.
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.queryByText(/\d/)).not.toBeInTheDocument();
  });

  it('keeps an idea chosen but not added as a draft, and brings it back', async () => {
    const { user, main } = await openWithNotebook(SelfCareList);
    const idea = SELF_CARE_SUGGESTIONS[0];
    await user.click(screen.getByRole('button', { name: idea }));
    await waitFor(async () =>
      expect(await main.drafts()).toMatchObject([
        { key: 'step-work:new-self-care', fields: { text: idea } },
      ]),
    );

    cleanup();
    await openWithNotebook(SelfCareList, main);
    expect(screen.getByRole('textbox', { name: NEW_THING })).toHaveValue(idea);
    expect(screen.getByText('What you were writing is back, as you left it.')).toBeInTheDocument();
  });

  it('changes a thing in its card, keeping its day, and Escape throws a change away', async () => {
    const main = await openRealMain();
    const saved = await main.api.saveStepWork({
      entry: { type: 'self-care', text: 'Swim', doneOn: '2026-03-14' },
    });
    const { user } = await openWithNotebook(SelfCareList, main);
    expect(
      within(card('Swim')).getByRole('checkbox', { name: `Done on ${formatDate('2026-03-14')}` }),
    ).toBeChecked();

    await user.click(within(card('Swim')).getByRole('button', { name: 'Edit' }));
    const field = within(card('Swim')).getByRole('textbox', { name: NEW_THING });
    expect(field).toHaveFocus();
    await user.type(field, ' in the lake');
    await waitFor(async () =>
      expect(await main.drafts()).toMatchObject([
        { key: `step-work:${saved.id}`, fields: { text: 'Swim in the lake' } },
      ]),
    );
    await user.keyboard('{Escape}');
    expect(cardHeading('Swim')).toHaveFocus();
    await waitFor(async () => expect(await main.drafts()).toEqual([]));

    await user.click(within(card('Swim')).getByRole('button', { name: 'Edit' }));
    const again = within(card('Swim')).getByRole('textbox', { name: NEW_THING });
    expect(again).toHaveValue('Swim');
    await user.type(again, ' at the pool');
    await user.click(within(card('Swim')).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Your changes are saved.')).toBeInTheDocument();
    expect(cardHeading('Swim at the pool')).toHaveFocus();
    expect(await main.items()).toMatchObject([
      { id: saved.id, entry: { text: 'Swim at the pool', doneOn: '2026-03-14' } },
    ]);
  });

  it('moves a thing to the trash with Undo, and focus goes back to it', async () => {
    const main = await openRealMain();
    await main.api.saveStepWork({ entry: { type: 'self-care', text: 'Read', doneOn: null } });
    const { user } = await openWithNotebook(SelfCareList, main);

    await user.click(within(card('Read')).getByRole('button', { name: 'Move to trash' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 3, name: 'Something for you' })).toHaveFocus(),
    );
    expect(await main.items()).toEqual([]);
    expect(await main.trash()).toMatchObject([{ item: { entry: { text: 'Read' } } }]);

    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(cardHeading('Read')).toHaveFocus());
    expect(await main.items()).toMatchObject([{ entry: { type: 'self-care', text: 'Read' } }]);
  });
});
