import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openReader, openSettingsTab } from '../../../../test/support/open-reader';
import { openRealMain, type RealMain } from '../../../../test/support/real-api';
import { DEFAULT_PANIC_SHORTCUT } from '../../../shared/privacy/model';
import { guide } from '../lib/guide';

describe('privacy settings', () => {
  it('sets the auto-lock time, minimise, the quick hide shortcut and clipboard clearing', async () => {
    const { user, main } = await openReader();
    await openSettingsTab(user, 'Privacy');
    const page = within(screen.getByRole('main'));
    const autoLock = await page.findByLabelText(
      'Lock Stillwater when the computer has not been used',
    );
    expect(autoLock).toHaveValue('5');
    await user.selectOptions(autoLock, 'After 15 minutes');
    await user.click(page.getByLabelText('Lock when the window is minimised'));
    const shortcut = page.getByLabelText('Quick hide shortcut');
    expect(shortcut).toHaveValue('Ctrl+Alt+Shift+H');
    await user.click(shortcut);
    await user.keyboard('{Control>}{Alt>}{Shift>}J{/Shift}{/Alt}{/Control}');
    await waitFor(() => expect(shortcut).toHaveValue('Ctrl+Alt+Shift+J'));
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
    await openSettingsTab(user, 'Privacy');
    expect(
      await screen.findByText(/is not available on this computer’s system \(Linux\)/),
    ).toBeInTheDocument();
    expect(
      screen.queryByLabelText('Keep Stillwater out of screenshots and screen sharing'),
    ).toBeNull();
  });
});

describe('the quick hide shortcut', () => {
  async function openShortcut(main?: RealMain) {
    const opened = await openReader(main);
    await openSettingsTab(opened.user, 'Privacy');
    const field = await screen.findByLabelText('Quick hide shortcut');
    await opened.user.click(field);
    return { ...opened, field };
  }

  it('refuses keys typing could press, and says why at the field, which keeps focus', async () => {
    const { user, main, field } = await openShortcut();
    await user.keyboard('{Shift>}K{/Shift}');
    expect(field).toHaveAccessibleDescription(/Hold two of Ctrl, Alt, Shift with the key/);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveFocus();
    expect(field).toHaveValue('Ctrl+Alt+Shift+H');

    // One modifier: a global Alt+F4 would close no window anywhere any more.
    await user.keyboard('{Alt>}{F4}{/Alt}');
    expect(field).toHaveAccessibleDescription(/Hold two of Ctrl, Alt, Shift with the key/);
    await user.keyboard('{Control>}{Shift>}Z{/Shift}{/Control}');
    expect(field).toHaveAccessibleDescription(/everyday editing already uses that shortcut/);
    await user.keyboard('{Control>}{Alt>}[[{/Alt}{/Control}');
    expect(field).toHaveAccessibleDescription(/That key cannot be part of a shortcut/);
    await user.keyboard('{Escape}');
    expect(field).toHaveAttribute('aria-invalid', 'false');
    expect(main.inputsHandled('updatePrivacySettings')).toEqual([]);
    expect(main.services.settings.privacySettings().panicShortcut).toBe(DEFAULT_PANIC_SHORTCUT);
  });

  it('says at the field when another program holds the shortcut, and keeps the one before', async () => {
    const main = await openRealMain();
    main.heldElsewhere.add('CommandOrControl+Alt+T');
    const { user, field } = await openShortcut(main);
    await user.keyboard('{Control>}{Alt>}T{/Alt}{/Control}');
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(/Another program already uses that shortcut/),
    );
    expect(field).toHaveValue('Ctrl+Alt+Shift+H');
    expect(
      main.answers('updatePrivacySettings').map(({ result }) => result.ok || result.error.kind),
    ).toEqual(['shortcut-taken']);
    expect(main.services.settings.privacySettings().panicShortcut).toBe(DEFAULT_PANIC_SHORTCUT);

    // Backspace puts back the usual shortcut; a shortcut that is free is taken at once.
    await user.keyboard('{Control>}{Alt>}7{/Alt}{/Control}');
    await waitFor(() => expect(field).toHaveValue('Ctrl+Alt+7'));
    expect(field).toHaveAttribute('aria-invalid', 'false');
    await user.keyboard('{Backspace}');
    await waitFor(() => expect(field).toHaveValue('Ctrl+Alt+Shift+H'));
    expect(main.inputsHandled('updatePrivacySettings')).toEqual([
      { panicShortcut: 'CommandOrControl+Alt+7' },
      { panicShortcut: DEFAULT_PANIC_SHORTCUT },
    ]);
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
