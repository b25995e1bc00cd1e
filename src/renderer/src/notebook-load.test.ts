import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TEST_PASSPHRASE, openRealMain } from '../../../test/support/real-api';
import App from './App.svelte';
import { composeApp } from './compose';
import { guide } from './lib/guide';

describe('when the notebook cannot be read', () => {
  it('says so calmly, keeps the guide open, and reads it again on request', async () => {
    const main = await openRealMain();
    await main.api.saveNote({ sectionId: 'intro', text: 'Written before.' });
    // The vault opens; then its records folder goes missing behind Stillwater's back.
    await main.services.vault.lock();
    await main.services.vault.unlock(TEST_PASSPHRASE);
    const putBack = main.files.displaceRecordsFolder();
    const user = userEvent.setup();
    render(App, { props: composeApp(main.api) });

    const notice = await screen.findByText(/could not open your notebook just now/);
    expect(notice).toHaveAttribute('role', 'status');
    expect(await screen.findByRole('heading', { level: 1, name: guide.title })).toBeInTheDocument();

    // Nothing can be written over a note that has not arrived.
    expect(screen.queryByRole('textbox', { name: 'Your notes on this section' })).toBeNull();
    expect(screen.getByText(/will be here once your notebook opens/)).toBeInTheDocument();

    putBack();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    const notes = await screen.findByRole('textbox', { name: 'Your notes on this section' });
    expect(notes).toHaveValue('Written before.');
    expect(screen.queryByText(/could not open your notebook just now/)).toBeNull();
    // Focus leaves the notice, which is gone, for the section being read.
    const heading = screen.getByRole('heading', { level: 1, name: guide.title });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });
});

describe('while the notebook is being read', () => {
  it('hands focus from the stand-in heading of a page of writing to the page’s own', async () => {
    const main = await openRealMain();
    let letThrough = () => {};
    const held = new Promise<void>((resolve) => (letThrough = resolve));
    // Main's own answer, only later: as a notebook of years takes a moment to read.
    const api = {
      ...main.api,
      getNotebook: async () => {
        await held;
        return main.api.getNotebook();
      },
    };
    const user = userEvent.setup();
    render(App, { props: composeApp(api) });
    await screen.findByRole('heading', { level: 1, name: guide.title });
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    const standIn = await screen.findByRole('heading', { level: 1, name: 'Journal' });
    await waitFor(() => expect(standIn).toHaveFocus());

    letThrough();
    await screen.findByRole('heading', { level: 2, name: 'Your entries' });
    const heading = screen.getByRole('heading', { level: 1, name: 'Journal' });
    expect(heading).not.toBe(standIn);
    await waitFor(() => expect(heading).toHaveFocus());
  });
});
