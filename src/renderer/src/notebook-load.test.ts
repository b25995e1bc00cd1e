import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../../test/support/fake-api';
import App from './App.svelte';
import { composeApp } from './compose';
import { guide } from './lib/guide';

describe('when the notebook cannot be read', () => {
  it('says so calmly, keeps the guide open, and reads it again on request', async () => {
    const fake = createFakeApi();
    await fake.api.saveNote({ sectionId: 'intro', text: 'Written before.' });
    const getNotebook = fake.api.getNotebook;
    let unreadable = true;
    fake.api.getNotebook = () =>
      unreadable ? Promise.reject(new Error('not this time')) : getNotebook();
    const user = userEvent.setup();
    render(App, { props: composeApp(guide, fake.api) });

    const notice = await screen.findByText(/could not open your notebook just now/);
    expect(notice).toHaveAttribute('role', 'status');
    expect(screen.getByRole('heading', { level: 1, name: guide.title })).toBeInTheDocument();

    unreadable = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    const notes = screen.getByRole('textbox', { name: 'Your notes on this section' });
    await waitFor(() => expect(notes).toHaveValue('Written before.'));
    expect(screen.queryByText(/could not open your notebook just now/)).toBeNull();
  });
});
