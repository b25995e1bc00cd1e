import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../../../../test/support/fake-api';
import { openReader } from '../../../../../test/support/open-reader';

const notesField = () => screen.getByRole('textbox', { name: 'Your notes on this section' });
const undoRegion = () =>
  screen
    .getByText(/Moved to the trash|put back|removed/i)
    .closest('[role="status"]') as HTMLElement;

describe('undo', () => {
  it('offers Undo after moving a note to the trash, reachable by keyboard, and puts it back', async () => {
    const { user, fake } = await openReader();
    await user.type(notesField(), 'Words worth keeping.');
    await user.tab();
    await waitFor(() => expect(fake.items()).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Move to trash' }));

    const notice = await screen.findByText('Moved to the trash.');
    expect(notice.closest('[role="status"]')).toHaveAttribute('aria-live', 'polite');
    expect(notesField()).toHaveValue('');
    const undo = within(undoRegion()).getByRole('button', { name: 'Undo' });
    undo.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(notesField()).toHaveValue('Words worth keeping.'));
    expect(fake.items()).toHaveLength(1);
    expect(screen.queryByText('Moved to the trash.')).toBeNull();
  });

  it('shows an earlier version before using it, and can undo using it', async () => {
    const fake = createFakeApi();
    const { user } = await openReader(fake);
    await user.type(notesField(), 'The first version.');
    await user.tab();
    await waitFor(() => expect(fake.items()).toHaveLength(1));
    const noteId = fake.items()[0]?.id ?? '';
    fake.addRevision(noteId, 'An older version, kept.');

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
    const fake = createFakeApi();
    const kept = await fake.api.saveJournalEntry({
      date: '2026-11-20',
      text: 'Keep me.',
      mood: null,
      tags: [],
      sectionId: null,
    });
    const doomed = await fake.api.saveJournalEntry({
      date: '2026-11-21',
      text: 'Let me go.',
      mood: null,
      tags: [],
      sectionId: null,
    });
    await fake.api.trashItem({ id: kept.id });
    await fake.api.trashItem({ id: doomed.id });
    const { user } = await openReader(fake);
    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    const trash = within(await screen.findByRole('list', { name: 'Trash' }));
    const item = trash.getByText('Let me go.').closest('li') as HTMLElement;

    await user.click(within(item).getByRole('button', { name: 'Delete for good' }));
    expect(within(item).getByRole('alert')).toHaveTextContent(
      'Delete this for good? It cannot be brought back.',
    );
    await user.click(within(item).getByRole('button', { name: 'Keep it' }));
    expect(fake.trashIds()).toHaveLength(2);

    await user.click(within(item).getByRole('button', { name: 'Delete for good' }));
    const confirm = within(item).getByRole('button', { name: 'Yes, delete it for good' });
    expect(confirm).toHaveFocus();
    await user.click(confirm);
    await waitFor(() => expect(trash.queryByText('Let me go.')).toBeNull());
    expect(fake.trashIds()).toEqual([kept.id]);
  });
});
