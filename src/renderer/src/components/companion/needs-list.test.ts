import { cleanup, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openWithNotebook } from '../../../../../test/support/open-component';
import { openRealMain } from '../../../../../test/support/real-api';
import NeedsList from './NeedsList.svelte';

const NEW_NEED = 'Something he has said he needs';
const EDITED_NEED = 'What he has said he needs';

const card = (text: string) => screen.getByRole('article', { name: text });
const cardHeading = (text: string) => within(card(text)).getByRole('heading', { level: 4 });

describe('what he needs (step 3)', () => {
  it('adds a need, and keeps whether it can be given until the answer is taken back', async () => {
    const { user, main } = await openWithNotebook(NeedsList);
    expect(screen.getByText(/All you have to do is listen/)).toBeInTheDocument();

    const field = screen.getByRole('textbox', { name: NEW_NEED });
    await user.type(field, 'Some space to think');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('Added.')).toBeInTheDocument();
    // Ready for the next one.
    expect(field).toHaveValue('');
    expect(field).toHaveFocus();
    expect(await main.items()).toMatchObject([
      { kind: 'step-work', entry: { type: 'need', text: 'Some space to think', canGive: null } },
    ]);
    await waitFor(async () => expect(await main.drafts()).toEqual([]));

    const need = within(card('Some space to think'));
    expect(need.getByRole('radio', { name: 'No answer' })).toBeChecked();
    await user.click(need.getByRole('radio', { name: 'Not yet' }));
    await waitFor(async () =>
      expect(await main.items()).toMatchObject([{ entry: { canGive: 'not-yet' } }]),
    );
    expect(need.getByRole('radio', { name: 'Not yet' })).toHaveFocus();

    await user.click(need.getByRole('radio', { name: 'No answer' }));
    await waitFor(async () =>
      expect(await main.items()).toMatchObject([
        { entry: { text: 'Some space to think', canGive: null } },
      ]),
    );
    expect(need.getByRole('radio', { name: 'No answer' })).toHaveFocus();
    expect(need.getByRole('radio', { name: 'Not yet' })).not.toBeChecked();
  });

  it('keeps a need typed but not added as a draft, and brings it back', async () => {
    const { user, main } = await openWithNotebook(NeedsList);
    await user.type(screen.getByRole('textbox', { name: NEW_NEED }), 'A night out with the boys');
    await waitFor(async () =>
      expect(await main.drafts()).toMatchObject([
        { key: 'step-work:new-need', fields: { text: 'A night out with the boys' } },
      ]),
    );

    cleanup();
    await openWithNotebook(NeedsList, main);
    expect(screen.getByRole('textbox', { name: NEW_NEED })).toHaveValue(
      'A night out with the boys',
    );
    expect(screen.getByText('What you were writing is back, as you left it.')).toBeInTheDocument();
    expect(await main.items()).toEqual([]);
  });

  it('changes a need in its card, and Cancel or Escape throws the change away', async () => {
    const main = await openRealMain();
    const saved = await main.api.saveStepWork({
      entry: { type: 'need', text: 'Time', canGive: 'yes' },
    });
    const { user } = await openWithNotebook(NeedsList, main);

    // Escape: the card is as it was, and the words typed are not kept for the next edit.
    await user.click(within(card('Time')).getByRole('button', { name: 'Edit' }));
    const field = within(card('Time')).getByRole('textbox', { name: EDITED_NEED });
    expect(field).toHaveFocus();
    await user.type(field, ' alone');
    await waitFor(async () =>
      expect(await main.drafts()).toMatchObject([
        { key: `step-work:${saved.id}`, fields: { text: 'Time alone' } },
      ]),
    );
    await user.keyboard('{Escape}');
    expect(cardHeading('Time')).toHaveFocus();
    expect(within(card('Time')).queryByRole('textbox')).not.toBeInTheDocument();
    await waitFor(async () => expect(await main.drafts()).toEqual([]));

    // Cancel, the same.
    await user.click(within(card('Time')).getByRole('button', { name: 'Edit' }));
    expect(within(card('Time')).getByRole('textbox', { name: EDITED_NEED })).toHaveValue('Time');
    await user.type(within(card('Time')).getByRole('textbox'), ' off');
    await user.click(within(card('Time')).getByRole('button', { name: 'Cancel' }));
    expect(cardHeading('Time')).toHaveFocus();
    expect(await main.items()).toMatchObject([{ entry: { text: 'Time', canGive: 'yes' } }]);

    // Saved: the words change, the answer stays.
    await user.click(within(card('Time')).getByRole('button', { name: 'Edit' }));
    const again = within(card('Time')).getByRole('textbox', { name: EDITED_NEED });
    expect(again).toHaveValue('Time');
    await user.clear(again);
    await user.type(again, 'Time to think{Enter}');
    expect(await screen.findByText('Your changes are saved.')).toBeInTheDocument();
    expect(cardHeading('Time to think')).toHaveFocus();
    expect(within(card('Time to think')).getByRole('radio', { name: 'Yes' })).toBeChecked();
    expect(await main.items()).toMatchObject([
      { id: saved.id, entry: { type: 'need', text: 'Time to think', canGive: 'yes' } },
    ]);
    await waitFor(async () => expect(await main.drafts()).toEqual([]));
  });

  it('moves a need to the trash with Undo, and focus moves on to what is left', async () => {
    const main = await openRealMain();
    await main.api.saveStepWork({ entry: { type: 'need', text: 'Space', canGive: null } });
    await main.api.saveStepWork({ entry: { type: 'need', text: 'Patience', canGive: 'no' } });
    const { user } = await openWithNotebook(NeedsList, main);
    const list = screen.getByRole('list', { name: 'What he needs' });
    const [first, second] = within(list)
      .getAllByRole('heading', { level: 4 })
      .map((heading) => heading.textContent ?? '');
    if (!first || !second) throw new Error('both needs should be listed');

    await user.click(within(card(first)).getByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(cardHeading(second)).toHaveFocus());
    expect(screen.queryByRole('article', { name: first })).not.toBeInTheDocument();
    expect(await main.trash()).toMatchObject([{ item: { entry: { text: first } } }]);

    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(cardHeading(first)).toHaveFocus());
    expect(await main.trash()).toEqual([]);
    expect(await main.items()).toHaveLength(2);

    // The last one gone, the tool's own heading takes focus.
    await user.click(within(card(first)).getByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(cardHeading(second)).toHaveFocus());
    await user.click(within(card(second)).getByRole('button', { name: 'Move to trash' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 3, name: 'What he needs' })).toHaveFocus(),
    );
    expect(screen.getByText(/Nothing written here yet/)).toBeInTheDocument();
  });
});
