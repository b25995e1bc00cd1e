import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openReader } from '../../../../test/support/open-reader';
import { guide } from '../lib/guide';

describe('privacy settings', () => {
  it('sets the auto-lock time, minimise, the quick hide shortcut and clipboard clearing', async () => {
    const { user, main } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Display' }));
    await user.click(screen.getByRole('button', { name: 'Privacy' }));
    const page = within(screen.getByRole('main'));
    const autoLock = await page.findByLabelText(
      'Lock Stillwater when the computer has not been used',
    );
    expect(autoLock).toHaveValue('5');
    await user.selectOptions(autoLock, 'After 15 minutes');
    await user.click(page.getByLabelText('Lock when the window is minimised'));
    await user.clear(page.getByLabelText('Quick hide shortcut'));
    await user.type(page.getByLabelText('Quick hide shortcut'), 'CommandOrControl+Alt+Shift+J');
    await user.click(page.getByRole('button', { name: 'Use this shortcut' }));
    await user.click(page.getByLabelText('Clear text I copy from my notes after 30 seconds'));
    await waitFor(() =>
      expect(main.services.settings.privacySettings()).toEqual({
        autoLockMinutes: 15,
        lockOnMinimise: true,
        panicShortcut: 'CommandOrControl+Alt+Shift+J',
        contentProtection: true,
        clearClipboard: false,
      }),
    );
  });

  it('says plainly that screen-capture protection is not available on Linux', async () => {
    const { user } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Display' }));
    await user.click(screen.getByRole('button', { name: 'Privacy' }));
    expect(
      await screen.findByText(/is not available on this computer’s system \(Linux\)/),
    ).toBeInTheDocument();
    expect(
      screen.queryByLabelText('Keep Stillwater out of screenshots and screen sharing'),
    ).toBeNull();
  });
});

describe('quick hide and the clipboard', () => {
  it('hides and locks from the Hide button', async () => {
    const { user, main } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(
      await screen.findByRole('heading', { name: 'Stillwater is locked' }),
    ).toBeInTheDocument();
    expect(main.inputsHandled('panic')).toHaveLength(1);
    expect(await main.services.vault.state()).toBe('locked');
  });

  it('asks main to clear text copied from a note, and not text copied from the guide', async () => {
    const { main } = await openReader();
    const clipboardClears = () => main.inputsHandled('clearClipboardLater').map(({ text }) => text);
    const notes = screen.getByRole('textbox', {
      name: 'Your notes on this section',
    }) as HTMLTextAreaElement;
    await fireEvent.input(notes, { target: { value: 'copy this part only' } });
    notes.focus();
    notes.setSelectionRange(0, 9);
    await fireEvent.copy(notes);
    expect(clipboardClears()).toEqual(['copy this']);

    notes.blur();
    const range = document.createRange();
    range.selectNodeContents(screen.getByRole('heading', { level: 1, name: guide.title }));
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    await fireEvent.copy(document);
    expect(clipboardClears()).toEqual(['copy this']);
  });
});
