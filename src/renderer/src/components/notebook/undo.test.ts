import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openReader } from '../../../../../test/support/open-reader';
import { openRealMain } from '../../../../../test/support/real-api';

const notesField = () => screen.getByRole('textbox', { name: 'Your notes on this section' });
const undoRegion = () =>
  screen
    .getByText(/Moved to the trash|put back|removed/i)
    .closest('[role="status"]') as HTMLElement;

describe('undo', () => {
  it('offers Undo after moving a note to the trash, reachable by keyboard, and puts it back', async () => {
    const { user, main } = await openReader();
    await user.type(notesField(), 'Words worth keeping.');
    await user.tab();
    await waitFor(async () => expect(await main.items()).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Move to trash' }));

    const notice = await screen.findByText('Moved to the trash.');
    expect(notice.closest('[role="status"]')).toHaveAttribute('aria-live', 'polite');
    expect(notesField()).toHaveValue('');
    const undo = within(undoRegion()).getByRole('button', { name: 'Undo' });
    undo.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(notesField()).toHaveValue('Words worth keeping.'));
    expect(await main.items()).toHaveLength(1);
    expect(screen.queryByText('Moved to the trash.')).toBeNull();
  });

  it('shows an earlier version before using it, and can undo using it', async () => {
    const main = await openRealMain();
    // Main keeps the text a note had as an earlier version when the note is written over.
    await main.api.saveNote({ sectionId: 'intro', text: 'An older version, kept.' });
    const note = await main.api.saveNote({ sectionId: 'intro', text: 'The first version.' });
    expect(await main.api.getRevisions({ noteId: note.id })).toHaveLength(1);
    const { user } = await openReader(main);
    expect(await main.items()).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Earlier versions' }));
    await user.click(await screen.findByRole('button', { name: 'Show this version' }));
    const version = screen.getByRole('region', { name: /^The version of / });
    expect(version).toHaveTextContent('An older version, kept.');
    expect(notesField()).toHaveValue('The first version.');

    await user.click(within(version).getByRole('button', { name: 'Use this version' }));
    await waitFor(() => expect(notesField()).toHaveValue('An older version, kept.'));
    await user.click(within(undoRegion()).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(notesField()).toHaveValue('The first version.'));
  });
});

describe('the trash', () => {
  it('deletes one item for good only after asking', async () => {
    const main = await openRealMain();
    const kept = await main.api.saveJournalEntry({
      date: '2026-11-20',
      text: 'Keep me.',
      mood: null,
      tags: [],
      sectionId: null,
    });
    const doomed = await main.api.saveJournalEntry({
      date: '2026-11-21',
      text: 'Let me go.',
      mood: null,
      tags: [],
      sectionId: null,
    });
    await main.api.trashItem({ id: kept.id });
    await main.api.trashItem({ id: doomed.id });
    const { user } = await openReader(main);
    const trashIds = async () => (await main.trash()).map((entry) => entry.item.id);
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    const trash = within(await screen.findByRole('list', { name: 'Trash' }));
    const item = trash.getByText('Let me go.').closest('li') as HTMLElement;

    // An alert dialog asks, with the safe answer focused; No hands focus back to the button.
    const deleteButton = within(item).getByRole('button', { name: 'Delete for good' });
    await user.click(deleteButton);
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete this for good?' });
    expect(dialog).toHaveAccessibleDescription('It cannot be brought back.');
    expect(within(dialog).getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await user.keyboard('{Tab}{Tab}');
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await waitFor(() => expect(deleteButton).toHaveFocus());
    expect(await trashIds()).toHaveLength(2);

    await user.click(deleteButton);
    const again = await screen.findByRole('alertdialog', { name: 'Delete this for good?' });
    await user.click(within(again).getByRole('button', { name: 'Yes, delete it for good' }));
    await waitFor(() => expect(trash.queryByText('Let me go.')).toBeNull());
    await waitFor(async () => expect(await trashIds()).toEqual([kept.id]));
  });
});
