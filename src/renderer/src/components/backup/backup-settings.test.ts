import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { openReader, openSettingsTab } from '../../../../../test/support/open-reader';
import { namesIn, tempDirs } from '../../../../../test/support/temp-dir';
import { TEST_PASSPHRASE, openRealMain, type RealMain } from '../../../../../test/support/real-api';
import App from '../../App.svelte';
import { composeApp } from '../../compose';
import { guide } from '../../lib/guide';

/** A folder outside Stillwater's own, as a USB stick would be. */
const elsewhere = tempDirs('stillwater-backups-');

/** Another computer's notebook, backed up to a file: its path, and the note in it. */
async function backupFromAnotherComputer() {
  const other = await openRealMain();
  const note = await other.services.notebook.saveNote({
    sectionId: 'step-3',
    text: 'Written on the other computer.',
  });
  const file = `${elsewhere()}/other.stillwater-backup`;
  other.dialogs.answerNext(file);
  await other.services.backup.backUpNow();
  return { file, note, recoveryKey: other.recoveryKey ?? '' };
}

async function openBackupTab(main?: RealMain) {
  const opened = await openReader(main);
  await openSettingsTab(opened.user, 'Backup');
  return { ...opened, panel: within(await screen.findByRole('tabpanel', { name: 'Backup' })) };
}

describe('Settings › Backup', () => {
  it('backs up to the file chosen, and says what it holds', async () => {
    const { user, main, panel } = await openBackupTab();
    await main.services.notebook.saveNote({ sectionId: 'intro', text: 'Mine.' });
    const file = `${elsewhere()}/mine.stillwater-backup`;
    main.dialogs.answerNext(file);
    await user.click(panel.getByRole('button', { name: 'Back up now…' }));
    const saved = await panel.findByText(/Saved/);
    expect(saved).toHaveTextContent(
      /^Saved mine\.stillwater-backup \([\d.,]+ kB\), with everything you keep in Stillwater\.$/,
    );
    await waitFor(() => expect(saved.closest('[tabindex="-1"]')).toHaveFocus());
    expect(main.dialogs.opened).toEqual(['save:backup']);
  });

  it('still shows how the backup went after the person has been elsewhere meanwhile', async () => {
    const { user, main, panel } = await openBackupTab();
    main.dialogs.answerNext(`${elsewhere()}/kept.stillwater-backup`);
    await user.click(panel.getByRole('button', { name: 'Back up now…' }));
    await user.click(screen.getByRole('button', { name: 'Guide' }));
    await screen.findByRole('heading', { level: 1, name: guide.title });
    await openSettingsTab(user, 'Backup');
    expect(await screen.findByText('kept.stillwater-backup')).toBeInTheDocument();
  });

  it('goes back from the print view to the button that opened it', async () => {
    const { user, panel } = await openBackupTab();
    await user.click(panel.getByRole('button', { name: 'Print the journal, or save it as PDF…' }));
    const title = await screen.findByRole('heading', { level: 1, name: 'Journal' });
    await waitFor(() => expect(title).toHaveFocus());
    // The warning and the actions come right after the heading, before the pages.
    expect(screen.getByText(/A printed page or a PDF is not protected/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    const opener = await screen.findByRole('button', {
      name: 'Print the journal, or save it as PDF…',
    });
    await waitFor(() => expect(opener).toHaveFocus());
  });

  it('says nothing and keeps focus on the button when the person cancels the dialog', async () => {
    const { user, main, panel } = await openBackupTab();
    main.dialogs.answerNext(null);
    const button = panel.getByRole('button', { name: 'Back up now…' });
    await user.click(button);
    await waitFor(() => expect(main.dialogs.opened).toEqual(['save:backup']));
    await main.settled();
    expect(button).toHaveFocus();
    expect(panel.queryByText(/Saved/)).toBeNull();
  });

  it('starts a backup from File › Back Up Now…', async () => {
    const { main } = await openReader();
    main.dialogs.answerNext(`${elsewhere()}/from-the-menu.stillwater-backup`);
    main.sendMenuCommand('back-up-now');
    expect(await screen.findByText('from-the-menu.stillwater-backup')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Backup', selected: true })).toBeInTheDocument();
  });

  it('restores another computer’s backup into this notebook, after saying what it would do', async () => {
    const { file, note } = await backupFromAnotherComputer();
    const { user, main, panel } = await openBackupTab();
    main.dialogs.answerNext(file);
    await user.click(panel.getByRole('button', { name: 'Choose a backup…' }));
    const field = await panel.findByLabelText('Passphrase of the backup');
    await waitFor(() => expect(field).toHaveFocus());
    expect(panel.getByText(/other\.stillwater-backup/)).toBeInTheDocument();

    await user.type(field, 'not the passphrase');
    await user.click(panel.getByRole('button', { name: 'Open backup' }));
    expect(await panel.findByRole('alert')).toHaveTextContent(
      'It opens with the passphrase, or the recovery key, you had when it was made.',
    );
    await waitFor(() => expect(field).toHaveFocus());

    await user.clear(field);
    await user.type(field, TEST_PASSPHRASE);
    await user.click(panel.getByRole('button', { name: 'Open backup' }));
    const heading = await panel.findByRole('heading', { name: 'What restoring does' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(panel.getByText('Adds 1 note.')).toBeInTheDocument();
    expect((await main.items()).some((item) => item.id === note.id)).toBe(false);

    await user.click(panel.getByRole('button', { name: 'Restore' }));
    const restored = await panel.findByRole('heading', { name: 'Restored' });
    await waitFor(() => expect(restored).toHaveFocus());
    expect(panel.getByText('Added 1 note.')).toBeInTheDocument();
    expect(panel.getByText(/kept in a backup of its own/)).toBeInTheDocument();
    expect((await main.items()).some((item) => item.id === note.id)).toBe(true);
    // The page reads the notebook again: the note is in the guide's section now.
    await waitFor(() => expect(main.answers('getNotebook').length).toBeGreaterThan(1));
  });

  it('changes nothing when the person cancels after seeing what restoring would do', async () => {
    const { file } = await backupFromAnotherComputer();
    const { user, main, panel } = await openBackupTab();
    main.dialogs.answerNext(file);
    await user.click(panel.getByRole('button', { name: 'Choose a backup…' }));
    await user.type(await panel.findByLabelText('Passphrase of the backup'), TEST_PASSPHRASE);
    await user.click(panel.getByRole('button', { name: 'Open backup' }));
    await panel.findByRole('heading', { name: 'What restoring does' });
    await user.click(panel.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(panel.getByRole('button', { name: 'Choose a backup…' })).toHaveFocus(),
    );
    expect(await main.items()).toEqual([]);
  });
});

describe('automatic backups', () => {
  it('back up into the folder chosen, at once, and keep as many as asked', async () => {
    const { user, main, panel } = await openBackupTab();
    await user.click(await panel.findByLabelText('Once a day'));
    expect(
      await panel.findByText('Choose a folder, and the first backup is made at once.'),
    ).toBeInTheDocument();
    const folder = elsewhere();
    main.dialogs.answerNext(folder);
    await user.click(panel.getByRole('button', { name: 'Choose a folder…' }));
    expect(await panel.findByText(/The last automatic backup was made/)).toBeInTheDocument();
    expect(panel.getByText(folder)).toBeInTheDocument();
    expect(namesIn(folder)).toEqual([
      expect.stringMatching(/^stillwater-\d{4}-\d{2}-\d{2}-\d{6}\.stillwater-backup$/),
    ]);
    const keep = panel.getByLabelText('How many to keep');
    await user.clear(keep);
    await user.type(keep, '0');
    await user.tab();
    expect(keep).toHaveAccessibleDescription(/Please choose a number from 1 to 100/);
    await user.clear(keep);
    await user.type(keep, '3');
    await user.tab();
    await waitFor(() => expect(main.services.settings.automaticBackup().keep).toBe(3));
    expect(main.services.settings.automaticBackup()).toMatchObject({ every: 'day', folder });
  });
});

describe('restoring on a computer with no notebook yet', () => {
  it('makes the backup the notebook here, opened with its recovery key and a new passphrase', async () => {
    const { file, note, recoveryKey } = await backupFromAnotherComputer();
    const main = await openRealMain({ vault: 'none' });
    const user = userEvent.setup();
    render(App, { props: composeApp(main.api) });
    await user.click(
      await screen.findByRole('button', { name: 'I have a backup from another computer' }),
    );
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Restore from a backup' })).toHaveFocus(),
    );
    main.dialogs.answerNext(file);
    await user.click(screen.getByRole('button', { name: 'Choose a backup…' }));
    await user.click(await screen.findByLabelText('The recovery key you had when it was made'));
    await user.type(screen.getByLabelText('Recovery key of the backup'), recoveryKey);
    await user.click(screen.getByRole('button', { name: 'Open backup' }));
    await screen.findByText(/This backup becomes your notebook on this computer/);
    await user.type(screen.getByLabelText('New passphrase'), 'a new passphrase here');
    await user.type(screen.getByLabelText('Type it again'), 'a new passphrase here');
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    const restored = await screen.findByRole('heading', { name: 'Restored' });
    await waitFor(() => expect(restored).toHaveFocus());
    expect(screen.getByText('Your notebook is here: 1 note.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open Stillwater' }));
    expect(await screen.findByText('Welcome back.')).toBeInTheDocument();
    expect((await main.items()).map((item) => item.id)).toEqual([note.id]);
    expect(await main.passphraseOpens('a new passphrase here')).toBe(true);
  });
});
