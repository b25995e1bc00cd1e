import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openReader } from '../../../../../test/support/open-reader';
import { openRealMain } from '../../../../../test/support/real-api';
import { REFLECTION_PROMPTS } from '../../../../shared/companion/model';

const main = () => within(screen.getByRole('main'));
const stepCard = async (step: number) =>
  main().findByRole('article', { name: new RegExp(`^Step ${step}\\b`) });

describe('the Steps page', () => {
  it('keeps a step’s status and answers in the vault, and lets the status go again', async () => {
    const app = await openRealMain();
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Steps' }));
    expect(await main().findByRole('heading', { level: 1, name: 'Steps' })).toHaveFocus();
    const card = within(await stepCard(2));

    await user.click(card.getByRole('radio', { name: 'Trying' }));
    await waitFor(async () => {
      const { items } = await app.notebook();
      expect(items).toMatchObject([{ kind: 'step-work', entry: { step: 2, status: 'trying' } }]);
    });
    const question = REFLECTION_PROMPTS[2][1]?.text ?? '';
    await user.type(card.getByLabelText(question), 'Maybe he is just tired.');
    await user.click(card.getByRole('button', { name: 'Save answers' }));
    expect(await card.findByText('Your answers are saved.')).toBeInTheDocument();
    const { items } = await app.notebook();
    expect(items).toMatchObject([
      { entry: { step: 2, status: 'trying', answers: { kinder: 'Maybe he is just tired.' } } },
    ]);
    expect(await app.drafts()).toEqual([]);

    await user.click(card.getByRole('radio', { name: 'No status' }));
    await waitFor(async () =>
      expect((await app.notebook()).items).toMatchObject([
        { entry: { status: null, answers: { kinder: 'Maybe he is just tired.' } } },
      ]),
    );
  });

  it('keeps answers typed but not saved as a draft, and brings them back', async () => {
    const app = await openRealMain();
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Steps' }));
    const question = REFLECTION_PROMPTS[7][0]?.text ?? '';
    await user.type(within(await stepCard(7)).getByLabelText(question), 'To be listened to');
    await waitFor(async () =>
      expect(await app.drafts()).toMatchObject([
        { key: 'step-work:step-7', fields: { deserve: 'To be listened to' } },
      ]),
    );
    await user.click(screen.getByRole('button', { name: 'Guide' }));
    await user.click(screen.getByRole('button', { name: 'Steps' }));
    expect(within(await stepCard(7)).getByLabelText(question)).toHaveValue('To be listened to');
  });

  it('is listed in the Notebook and found by search, and Open goes back to the step', async () => {
    const app = await openRealMain();
    await app.api.saveStepWork({
      entry: { type: 'step', step: 5, status: null, answers: { joy: 'Painting on Sundays' } },
    });
    // What was chosen says what an entry is, where nothing was written with it.
    await app.api.saveStepWork({ entry: { type: 'step', step: 2, status: 'trying', answers: {} } });
    await app.api.saveStepWork({
      entry: { type: 'contact', date: '2026-11-20', from: 'him', note: '' },
    });
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    const list = await main().findByRole('list', { name: 'Your writing' });
    const item = within(list)
      .getByText(/Painting on Sundays/)
      .closest('li');
    if (!item) throw new Error('the step’s answers are not in the notebook');
    expect(item).toHaveTextContent(/^Step 5 · Reflections/);
    expect(within(list).getByText('Status: Trying').closest('li')).toHaveTextContent(
      /^Step 2 · Reflections/,
    );
    expect(
      within(list)
        .getByText(/^From him, /)
        .closest('li'),
    ).toHaveTextContent(/^Step 4 · Contact log/);
    await user.click(within(item).getByRole('button', { name: 'Open' }));
    const card = await stepCard(5);
    await waitFor(() => expect(within(card).getByRole('heading', { level: 2 })).toHaveFocus());

    await user.keyboard('{Control>}f{/Control}');
    await user.type(await screen.findByRole('searchbox'), 'painting');
    // Main answers each keystroke's query in turn: wait for the answer to the whole of it.
    await waitFor(() =>
      within(screen.getByRole('list', { name: 'Search results' })).getByText(
        'Step 5 · Reflections',
      ),
    );
  });

  it('sits beside each step in the guide, and leads on to every step', async () => {
    const app = await openRealMain();
    const { user } = await openReader(app);
    const contents = screen.getByRole('navigation', { name: 'Guide contents' });
    // Not beside a section that is not a step.
    expect(main().queryByRole('heading', { name: /^Working through step/ })).toBeNull();
    await user.click(within(contents).getByRole('button', { name: /^Stop Reaching Out/ }));
    const beside = await main().findByRole('article', { name: 'Working through step 4' });
    await user.click(within(beside).getByRole('radio', { name: 'Trying' }));
    await waitFor(async () =>
      expect((await app.notebook()).items).toMatchObject([
        { entry: { step: 4, status: 'trying' } },
      ]),
    );
    await user.click(within(beside).getByRole('button', { name: 'All seven steps' }));
    const card = within(await stepCard(4));
    expect(card.getByRole('radio', { name: 'Trying' })).toBeChecked();
  });

  it('checks a message as it is written, and leads to what the guide says about it', async () => {
    const { user } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Steps' }));
    // The step's tool sits under its card, in the same item of the list.
    const stepItem = async () => {
      const item = (await stepCard(1)).closest('li');
      if (!item) throw new Error('step 1 is not in the list of steps');
      return item;
    };
    const composer = within(await stepItem());
    const field = composer.getByRole('textbox', { name: 'Your message' });
    await user.type(field, 'I miss you. If you don’t call me by Friday, we’re done.');
    const flagged = await composer.findByText('If you don’t call me by Friday, we’re done', {
      selector: 'q',
    });
    expect(field).toHaveAccessibleDescription(/put him on the defensive/);
    // Kind words, said once typing pauses: nothing about the honest first sentence.
    expect(composer.queryByText('I miss you.', { selector: 'q' })).toBeNull();
    const why = flagged.closest('li');
    if (!why) throw new Error('the flag is not in the list');
    await user.click(within(why).getByRole('button', { name: 'What the guide says' }));
    await waitFor(() =>
      expect(document.getElementById('section-title')).toHaveTextContent(/Giving an Ultimatum/),
    );

    await user.click(screen.getByRole('button', { name: 'Steps' }));
    const again = within(await stepItem()).getByRole('textbox', { name: 'Your message' });
    await user.clear(again);
    await user.type(again, 'I want to keep the dialogue open between us.');
    await waitFor(() => expect(again).not.toHaveAccessibleDescription(/defensive/));
  });
});
