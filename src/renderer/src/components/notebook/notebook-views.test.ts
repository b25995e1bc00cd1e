import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openReader } from '../../../../../test/support/open-reader';
import { TEST_PASSPHRASE, openRealMain } from '../../../../../test/support/real-api';
import { chooseDate } from '../../../../../test/support/choose-date';
import { formatDate, today } from '../../lib/dates';

const main = () => within(screen.getByRole('main'));

describe('the journal', () => {
  it('starts with a kind empty state, then keeps a dated entry with a mood and tags', async () => {
    const { user, main: app } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    expect(await main().findByText(/Nothing here yet/)).toBeInTheDocument();
    // The field holds today, written as every other date in Stillwater.
    expect(main().getByLabelText('Date')).toHaveTextContent(formatDate(today()));
    await user.click(main().getByLabelText('2 · Low'));
    await user.type(
      main().getByLabelText('What happened, what you felt'),
      'He read my message and said nothing.',
    );
    await user.type(
      main().getByLabelText('Tags (optional, separated by commas)'),
      'silence, evening',
    );
    await user.selectOptions(
      main().getByLabelText('About a part of the guide (optional)'),
      'Stop Reaching Out',
    );
    await user.click(main().getByRole('button', { name: 'Save entry' }));

    expect(await main().findByText('Your entry is saved.')).toBeInTheDocument();
    expect(await app.items()).toMatchObject([
      { kind: 'journal-entry', mood: 2, tags: ['silence', 'evening'], sectionId: 'step-4' },
    ]);
    const entry = main().getByRole('article', { name: /^Entry for / });
    expect(entry).toHaveTextContent('Mood: 2 · Low');
    expect(entry).toHaveTextContent('#silence');
    expect(main().getByRole('img', { name: /The mood of your one entry/ })).toBeInTheDocument();
    // The chart reads as a table: the date as the rest of the app writes it, and the mood in words.
    const moods = main().getByRole('table', { name: 'Mood by date' });
    expect(
      within(moods).getByRole('row', { name: `${formatDate(today())} 2, Low` }),
    ).toBeInTheDocument();
    await user.click(within(entry).getByRole('button', { name: 'Go to Stop Reaching Out' }));
    expect(main().getAllByRole('heading', { level: 1 })[0]).toHaveTextContent(
      'Step 4: Stop Reaching Out',
    );
  });

  it('offers moods as large choices to move between with the arrow keys, and to clear', async () => {
    const { user } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    const moods = await main().findByRole('radiogroup', {
      name: 'How are you feeling? (optional)',
    });
    expect(within(moods).getByLabelText('No mood')).toBeChecked();
    await user.click(within(moods).getByLabelText('2 · Low'));
    await user.keyboard('{ArrowRight}');
    expect(within(moods).getByLabelText('3 · Steady')).toBeChecked();
    expect(within(moods).getByLabelText('3 · Steady')).toHaveFocus();
    await user.click(within(moods).getByLabelText('No mood'));
    expect(within(moods).getByLabelText('3 · Steady')).not.toBeChecked();
    // A mood alone is an entry; cleared, there is nothing left to save.
    expect(main().getByRole('button', { name: 'Save entry' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  it('shows entries as cards with their tags apart, filters them by mood, and edits one in place', async () => {
    const app = await openRealMain();
    for (const [date, text, mood] of [
      ['2026-11-01', 'A grey morning.', 2],
      ['2026-11-02', 'A walk by the river.', 4],
    ] as const)
      await app.api.saveJournalEntry({
        date,
        text,
        mood,
        tags: ['walk', 'river'],
        sectionId: null,
      });
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    const card = (text: string) =>
      main()
        .getAllByRole('article', { name: /^Entry for / })
        .find((article) => article.textContent?.includes(text)) as HTMLElement;
    const river = await waitFor(() => card('A walk by the river.'));
    const tags = within(within(river).getByRole('list', { name: 'Tags' })).getAllByRole('listitem');
    expect(tags.map((tag) => tag.textContent)).toEqual(['#walk', '#river']);

    const filter = main().getByLabelText('Show entries with the mood');
    await user.selectOptions(filter, '2 · Low');
    expect(
      main()
        .getAllByRole('article')
        .map((article) => article.textContent),
    ).toEqual([expect.stringContaining('A grey morning.')]);
    await user.selectOptions(filter, '5 · Very good');
    expect(main().queryAllByRole('article')).toEqual([]);
    expect(main().getByText(/No entry has this mood yet/)).toBeInTheDocument();
    await user.selectOptions(filter, 'Any mood');

    const editing = card('A walk by the river.');
    await user.click(within(editing).getByRole('button', { name: 'Edit' }));
    expect(within(editing).getByLabelText('What happened, what you felt')).toHaveFocus();
    expect(within(editing).getByLabelText('4 · Good')).toBeChecked();
    await user.click(within(editing).getByLabelText('No mood'));
    await user.click(within(editing).getByRole('button', { name: 'Save changes' }));
    expect(await main().findByText('Your changes are saved.')).toBeInTheDocument();
    expect(within(editing).getByRole('heading')).toHaveFocus();
    expect(editing).not.toHaveTextContent('Mood:');
    expect(await app.items()).toContainEqual(
      expect.objectContaining({ text: 'A walk by the river.', mood: null }),
    );
  });

  it('keeps words typed into the form while the previous entry was still saving', async () => {
    const app = await openRealMain();
    // The save reaches main only when the test lets it go: until then it is still saving.
    const save = app.api.saveJournalEntry;
    let release = () => {};
    app.api.saveJournalEntry = (input) =>
      new Promise((resolve) => {
        release = () => resolve(save(input));
      });
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    const field = await main().findByLabelText('What happened, what you felt');
    await user.type(field, 'First.');
    await user.click(main().getByRole('button', { name: 'Save entry' }));
    await user.type(field, ' And then more.');
    expect(field).toHaveValue('First. And then more.');
    release();
    expect(await main().findByText('Your entry is saved.')).toBeInTheDocument();
    expect(field).toHaveValue('First. And then more.');
  });
});

describe('the notebook and its trash', () => {
  it('gathers everything, filters it, and restores what was deleted', async () => {
    const app = await openRealMain();
    await app.api.saveNote({ sectionId: 'step-2', text: 'Compassion, even now.' });
    await app.api.saveJournalEntry({
      date: '2026-11-01',
      text: 'A long day.',
      mood: 3,
      tags: ['work'],
      sectionId: null,
    });
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    const list = await main().findByRole('list', { name: 'Your writing' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);

    await user.selectOptions(main().getByLabelText('Kind'), 'Journal');
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    await user.selectOptions(main().getByLabelText('Kind'), 'Everything');
    await user.selectOptions(main().getByLabelText('Tag'), 'work');
    expect(within(list).getByText('A long day.')).toBeInTheDocument();
    await user.selectOptions(main().getByLabelText('Tag'), 'Any tag');
    await chooseDate(user, main().getByLabelText('From'), '2026-11-02');
    expect(within(list).queryByText('A long day.')).toBeNull();

    await user.click(screen.getByRole('button', { name: /Give Him the Benefit/ }));
    await user.click(screen.getByRole('button', { name: 'Move to trash' }));
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    const trash = await main().findByRole('list', { name: 'Trash' });
    expect(within(trash).getByText('Compassion, even now.')).toBeInTheDocument();
    await user.click(within(trash).getByRole('button', { name: 'Restore' }));
    await waitFor(async () => expect(await app.trash()).toEqual([]));
    expect((await app.items()).map((item) => item.kind).sort()).toEqual(['journal-entry', 'note']);
  });

  it('asks before emptying the trash for good', async () => {
    const app = await openRealMain();
    const note = await app.api.saveNote({ sectionId: 'intro', text: 'to go' });
    await app.api.trashItem({ id: note.id });
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    await user.click(await main().findByRole('button', { name: 'Empty trash' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Empty the trash?' });
    expect(dialog).toHaveAccessibleDescription(expect.stringContaining('It cannot be undone.'));
    await user.click(within(dialog).getByRole('button', { name: 'Yes, empty the trash' }));
    await waitFor(async () => expect(await app.trash()).toEqual([]));
    expect(main().getByText(/The trash is empty/)).toBeInTheDocument();
  });
});

describe('search', () => {
  it('opens with Ctrl+F, finds the guide and the notebook, and goes where a result points', async () => {
    const app = await openRealMain();
    await app.api.saveJournalEntry({
      date: '2026-11-20',
      text: 'Thinking about the ultimatum I almost gave.',
      mood: null,
      tags: [],
      sectionId: null,
    });
    const { user } = await openReader(app);
    await user.keyboard('{Control>}f{/Control}');
    const input = await screen.findByRole('searchbox');
    expect(input).toHaveFocus();
    await waitFor(() => expect(screen.queryByText('Getting search ready…')).toBeNull());
    await user.type(input, 'ultimatum');
    const results = () => screen.getByRole('list', { name: 'Search results' });
    // Main answers each keystroke's query in turn: wait for the answer to the whole of it.
    await waitFor(() =>
      expect(
        within(results())
          .getAllByRole('button')
          .map((b) => b.textContent),
      ).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Journal/),
          expect.stringMatching(/^Guide/),
        ]),
      ),
    );
    expect(
      within(results()).getAllByText('ultimatum', { selector: 'mark' }).length,
    ).toBeGreaterThan(0);

    const buttons = within(results()).getAllByRole('button');
    await user.keyboard('{ArrowDown}');
    expect(buttons[0]).toHaveFocus();
    const guideResult = buttons.find((b) => b.textContent?.startsWith('Guide'));
    await user.click(guideResult as HTMLElement);
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(
      main()
        .getAllByRole('heading', { level: 2 })
        .map((h) => h.textContent),
    ).toContain('Strategy to avoid #1: Giving an Ultimatum');
  });

  it('closes with Escape', async () => {
    const { user } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('searchbox')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('searchbox')).toBeNull();
  });
});

describe('the notebook’s check of its own files', () => {
  it('says plainly what was found, and that nothing was changed because of it', async () => {
    // Done to the files while Stillwater is locked: one removed, two put back as older copies.
    const app = await openRealMain();
    const save = (text: string, id?: string) =>
      app.api.saveJournalEntry({
        ...(id ? { id } : {}),
        date: '2026-11-20',
        text,
        mood: null,
        tags: [],
        sectionId: null,
      });
    const gone = await save('gone');
    const olderCopies = new Map<string, Buffer>();
    for (const text of ['one', 'two']) {
      const { id } = await save(text);
      olderCopies.set(id, app.files.readRecord(id));
      await save(`${text}, edited`, id);
    }
    await app.api.lockVault();
    app.files.removeRecord(gone.id);
    for (const [id, bytes] of olderCopies) app.files.writeRecord(id, bytes);
    await app.api.unlockVault({ passphrase: TEST_PASSPHRASE });
    const { user } = await openReader(app);
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    const notice = await main().findByText(/Something outside Stillwater has changed its files/);
    const box = notice.closest('[role="status"]') as HTMLElement;
    expect(box).toHaveTextContent('One item is gone from its folder.');
    expect(box).toHaveTextContent('2 items were replaced by older copies, which are not shown.');
    expect(box).not.toHaveTextContent('deleted were put back');
    expect(box).toHaveTextContent(
      'Stillwater has not changed or deleted anything because of this.',
    );
  });

  it('says nothing when every file agrees', async () => {
    const { user } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    await main().findByRole('heading', { name: 'Notebook' });
    expect(main().queryByText(/Something outside Stillwater/)).toBeNull();
  });
});
