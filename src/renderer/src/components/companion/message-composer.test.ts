import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openRealMain, type RealMain } from '../../../../../test/support/real-api';
import { NotebookState } from '../../state/notebook.svelte';
import UndoNotice from '../UndoNotice.svelte';
import MessageComposer from './MessageComposer.svelte';

const GUIDE_EXAMPLE =
  'I want to keep the dialogue open between us. When you are ready, let’s find some time to talk okay?';
const HOUR_MS = 3_600_000;

/** The composer on its own, on the real main, with the Undo notice the app shows beside it. */
async function openComposer(app: RealMain) {
  const notebook = new NotebookState(app.api);
  await notebook.load();
  const user = userEvent.setup();
  // Going to the guide is the Steps page's; steps.test.ts follows a flag there.
  render(MessageComposer, { props: { notebook, api: app.api, onOpenSection: () => {} } });
  render(UndoNotice, { props: { undo: notebook.undo } });
  return { user, notebook };
}

const field = () => screen.getByRole('textbox', { name: 'Your message' });
const messageCard = (text: string) => {
  const card = screen.getByText(text).closest('article');
  if (!card) throw new Error(`no card holds “${text}”`);
  return card;
};
const cardHeading = (text: string) => within(messageCard(text)).getByRole('heading');
const messages = async (app: RealMain) =>
  (await app.items()).flatMap((item) =>
    item.kind === 'step-work' && item.entry.type === 'message' ? [item] : [],
  );

afterEach(() => {
  vi.useRealTimers();
});

describe('the message composer', () => {
  it('starts empty, offers the guide’s example, and saves a message with no wait', async () => {
    const app = await openRealMain();
    const { user } = await openComposer(app);
    expect(field()).toHaveValue('');
    expect(screen.getByText(/you are not picking a fight with him/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Start from the guide’s example' }));
    expect(field()).toHaveValue(GUIDE_EXAMPLE);
    expect(field()).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Start from the guide’s example' })).toBeNull();
    await user.type(field(), ' I miss you.');
    await user.click(screen.getByRole('button', { name: 'Save message' }));

    expect(await screen.findByText('Your message is saved.')).toBeInTheDocument();
    const text = `${GUIDE_EXAMPLE} I miss you.`;
    expect(await messages(app)).toMatchObject([
      { entry: { type: 'message', text, waitUntil: null } },
    ]);
    expect(await app.drafts()).toEqual([]);
    expect(field()).toHaveValue('');
    expect(field()).toHaveFocus();
    // Never set to wait, it can be copied at once, and nothing offers to send it.
    const card = within(messageCard(text));
    expect(card.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(card.queryByText(/Waiting|wait is over/)).toBeNull();
    expect(screen.queryByRole('button', { name: /send/i })).toBeNull();
  });

  it('keeps what is typed as a draft, and brings it back with its wait', async () => {
    const app = await openRealMain();
    const first = await openComposer(app);
    await first.user.type(field(), 'I am not okay with how things are.');
    await first.user.click(screen.getByRole('radio', { name: '1 day' }));
    await waitFor(async () =>
      expect(await app.drafts()).toMatchObject([
        {
          key: 'step-work:new-message',
          fields: { text: 'I am not okay with how things are.', wait: '24' },
        },
      ]),
    );
    cleanup();

    await openComposer(app);
    expect(field()).toHaveValue('I am not okay with how things are.');
    expect(screen.getByRole('radio', { name: '1 day' })).toBeChecked();
    expect(screen.getByText('What you were writing is back, as you left it.')).toBeInTheDocument();
  });

  it('lets a message wait, with no Copy, until main’s record says the wait is over', async () => {
    const app = await openRealMain();
    const { user } = await openComposer(app);
    await user.type(field(), 'Let me sleep on this one.');
    await user.click(screen.getByRole('radio', { name: '6 hours' }));
    const before = Date.now();
    await user.click(screen.getByRole('button', { name: 'Save message' }));
    expect(
      await screen.findByText(
        'Your message is saved. It will wait 6 hours before you can copy it.',
      ),
    ).toBeInTheDocument();
    const [saved] = await messages(app);
    const waitUntil = Date.parse(
      saved?.entry.type === 'message' ? (saved.entry.waitUntil ?? '') : '',
    );
    expect(waitUntil).toBeGreaterThanOrEqual(before + 6 * HOUR_MS);
    expect(waitUntil).toBeLessThanOrEqual(Date.now() + 6 * HOUR_MS);
    const card = within(messageCard('Let me sleep on this one.'));
    expect(card.getByText('Waiting: 6 hours left')).toBeInTheDocument();
    expect(card.queryByRole('button', { name: 'Copy' })).toBeNull();
    cleanup();

    // Main's record now says the wait ended an hour ago: the message can be copied, and is
    // to be read once more first.
    await app.api.saveStepWork({
      id: saved?.id,
      entry: {
        type: 'message',
        text: 'Let me sleep on this one.',
        waitUntil: new Date(Date.now() - HOUR_MS).toISOString(),
      },
    });
    await openComposer(app);
    const after = within(messageCard('Let me sleep on this one.'));
    expect(
      after.getByText('The wait is over. Read it once more before you send it.'),
    ).toBeInTheDocument();
    expect(after.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
  });

  it('offers Copy as the wait ends, while the composer is open', async () => {
    const app = await openRealMain();
    await app.api.saveStepWork({
      entry: {
        type: 'message',
        text: 'Almost ready.',
        waitUntil: new Date(Date.now() + 1_500).toISOString(),
      },
    });
    await openComposer(app);
    const card = within(messageCard('Almost ready.'));
    expect(card.getByText('Waiting: 1 minute left')).toBeInTheDocument();
    expect(card.queryByRole('button', { name: 'Copy' })).toBeNull();
    expect(await card.findByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(
      card.getByText('The wait is over. Read it once more before you send it.'),
    ).toBeInTheDocument();
  });

  it('counts a wait down in words, each minute', async () => {
    const app = await openRealMain();
    const start = Date.now();
    await app.api.saveStepWork({
      entry: {
        type: 'message',
        text: 'Not yet.',
        waitUntil: new Date(start + (5 * 60 + 12) * 60_000 + 30_000).toISOString(),
      },
    });
    // Only the composer's clock is hurried; everything else goes at its own pace.
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await openComposer(app);
    const card = within(messageCard('Not yet.'));
    expect(card.getByText('Waiting: 5 hours 13 minutes left')).toBeInTheDocument();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await card.findByText('Waiting: 5 hours 12 minutes left')).toBeInTheDocument();
  });

  it('copies a message and has main clear it from the clipboard later', async () => {
    const app = await openRealMain();
    await app.api.saveStepWork({
      entry: { type: 'message', text: 'When you are ready.', waitUntil: null },
    });
    const { user } = await openComposer(app);
    const clears = () => app.inputsHandled('clearClipboardLater').map(({ text }) => text);
    const copy = within(messageCard('When you are ready.')).getByRole('button', { name: 'Copy' });

    await user.click(copy);
    expect(
      await screen.findByText('Copied. It will be cleared from the clipboard in 30 seconds.'),
    ).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe('When you are ready.');
    expect(clears()).toEqual(['When you are ready.']);
    expect(copy).toHaveFocus();

    // With clearing turned off, it says no more than it does.
    await app.api.updatePrivacySettings({ clearClipboard: false });
    await user.click(copy);
    await waitFor(() =>
      expect(within(messageCard('When you are ready.')).getByRole('status')).toHaveTextContent(
        /^Copied\.$/,
      ),
    );
  });

  it('edits in place, keeps a waiting message’s wait, and throws a cancelled edit away', async () => {
    const app = await openRealMain();
    const waitUntil = new Date(Date.now() + 3 * HOUR_MS).toISOString();
    const saved = await app.api.saveStepWork({
      entry: { type: 'message', text: 'First words.', waitUntil },
    });
    const first = await openComposer(app);
    let user = first.user;
    const edit = async () => {
      await user.click(within(messageCard('First words.')).getByRole('button', { name: 'Edit' }));
      const form = await screen.findByRole('form', { name: 'Change this message' });
      return within(form).getByRole('textbox', { name: 'Your message' });
    };

    // Cancel: the card shows the message as it was, and focus is back on it.
    let editField = await edit();
    expect(editField).toHaveFocus();
    expect(editField).toHaveValue('First words.');
    await user.type(editField, ' Thrown away.');
    await waitFor(async () =>
      expect(await app.drafts()).toMatchObject([
        { key: `step-work:${saved.id}`, fields: { text: 'First words. Thrown away.' } },
      ]),
    );
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cardHeading('First words.')).toHaveFocus();
    await waitFor(async () => expect(await app.drafts()).toEqual([]));

    // Escape does the same, and the next edit starts from the saved words.
    editField = await edit();
    expect(editField).toHaveValue('First words.');
    await user.type(editField, ' Also thrown away.');
    await user.keyboard('{Escape}');
    expect(cardHeading('First words.')).toHaveFocus();
    expect(screen.queryByRole('form', { name: 'Change this message' })).toBeNull();

    // An edit left unfinished is kept as a draft, and comes back with the next Edit.
    editField = await edit();
    await user.type(editField, ' Kept.');
    await waitFor(async () =>
      expect(await app.drafts()).toMatchObject([{ fields: { text: 'First words. Kept.' } }]),
    );
    cleanup();
    user = (await openComposer(app)).user;
    editField = await edit();
    expect(editField).toHaveValue('First words. Kept.');
    expect(screen.getByText('What you were writing is back, as you left it.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Your changes are saved.')).toBeInTheDocument();
    expect(cardHeading('First words. Kept.')).toHaveFocus();
    expect(await messages(app)).toMatchObject([
      { id: saved.id, entry: { text: 'First words. Kept.', waitUntil } },
    ]);
    expect(await app.drafts()).toEqual([]);
    expect(
      within(messageCard('First words. Kept.')).getByText(/^Waiting: .+ left$/),
    ).toBeInTheDocument();
  });

  it('moves a message to the trash with Undo, and hands focus on each time', async () => {
    const app = await openRealMain();
    await app.api.saveStepWork({ entry: { type: 'message', text: 'Older.', waitUntil: null } });
    await app.api.saveStepWork({ entry: { type: 'message', text: 'Newer.', waitUntil: null } });
    const { user } = await openComposer(app);
    const cards = () => screen.getAllByRole('article').map((card) => card.textContent);
    expect(cards()).toEqual([expect.stringContaining('Newer.'), expect.stringContaining('Older.')]);

    await user.click(within(messageCard('Newer.')).getByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(cardHeading('Older.')).toHaveFocus());
    expect(screen.queryByText('Newer.')).toBeNull();
    expect(await app.trash()).toMatchObject([{ item: { entry: { text: 'Newer.' } } }]);

    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(cardHeading('Newer.')).toHaveFocus());
    expect(await messages(app)).toHaveLength(2);

    await user.click(within(messageCard('Older.')).getByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(cardHeading('Newer.')).toHaveFocus());
    await user.click(within(messageCard('Newer.')).getByRole('button', { name: 'Move to trash' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Your messages' })).toHaveFocus(),
    );
    expect(await messages(app)).toEqual([]);
  });
});
