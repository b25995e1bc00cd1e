// Longer than most: the vault's screens share the helpers below, and each way the vault can
// refuse is tried for real here, one case each.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSettingsTab } from '../../../../../test/support/open-reader';
import { openRealMain, type RealMain } from '../../../../../test/support/real-api';
import { StillwaterIpcError } from '../../../../shared/ipc/result';
import App from '../../App.svelte';
import { composeApp } from '../../compose';

function renderApp(main: RealMain) {
  const user = userEvent.setup();
  render(App, { props: composeApp(main.api) });
  return { user, main };
}

/** The recovery key main answered with, the last time it made one. */
function lastRecoveryKey(main: RealMain, method: 'createVault' | 'rekeyVault'): string {
  const result = main.answers(method).at(-1)?.result;
  if (!result?.ok) throw new Error(`${method} made no recovery key`);
  return result.value.recoveryKey;
}

/**
 * Wrong passphrases, tried for real, until main asks for a wait of `ms`. The clock is
 * stopped (the test stops it), so the wait stays exactly that while the test looks; each
 * shorter wait on the way is let run out by moving the clock past it.
 */
async function guessUntilWait(main: RealMain, ms: number): Promise<void> {
  for (;;) {
    const error = await main.api.unlockVault({ passphrase: 'a wrong guess' }).then(
      () => null,
      (reason: unknown) => reason,
    );
    if (!(error instanceof StillwaterIpcError)) throw new Error('the wrong guess opened the vault');
    if (error.kind !== 'try-later') continue;
    if (error.retryAfterMs === ms) return;
    vi.setSystemTime(Date.now() + (error.retryAfterMs ?? 0));
  }
}

/** Each way the vault itself can refuse to open, made for real on its files. */
const SPOIL = {
  'vault-corrupt': (main: RealMain) => main.files.damageHeader(),
  'vault-busy': (main: RealMain) => main.files.holdLock(),
  'vault-from-future': (main: RealMain) => main.files.writeNewerHeader(),
} as const;

const reader = () => screen.findByRole('navigation', { name: 'Guide contents' });
/** What unlocking opens at first: the quiet start page (see discretion.test.ts). */
const startPage = () => screen.findByRole('navigation', { name: 'Where to go' });

afterEach(() => {
  vi.useRealTimers();
});

describe('the first run', () => {
  it('asks for a passphrase twice, warns plainly, then shows the recovery key once', async () => {
    const { user, main } = renderApp(await openRealMain({ vault: 'none' }));
    await screen.findByRole('heading', { name: 'Welcome to Stillwater' });
    expect(screen.getByLabelText('Passphrase')).toHaveFocus();
    expect(screen.getByRole('note')).toHaveTextContent(
      'Without your passphrase or your recovery key, nothing you keep here can be recovered',
    );
    expect(screen.queryByRole('navigation', { name: 'Guide contents' })).toBeNull();

    // The button is never held back: a press names what still needs putting right, there.
    const continueButton = screen.getByRole('button', { name: 'Continue' });
    const passphraseField = screen.getByLabelText('Passphrase');
    await user.type(passphraseField, 'short');
    await user.click(continueButton);
    expect(passphraseField).toHaveFocus();
    expect(passphraseField).toHaveAccessibleDescription(
      expect.stringContaining('Please choose one of at least 8 characters.'),
    );
    await user.type(passphraseField, ' but now long enough');
    await user.type(screen.getByLabelText('Type it again'), 'short but now long');
    await user.tab();
    expect(screen.getByText('The two passphrases are not the same yet.')).toBeInTheDocument();
    await user.click(continueButton);
    expect(screen.getByLabelText('Type it again')).toHaveFocus();
    expect(main.inputsHandled('createVault')).toHaveLength(0);
    await user.type(screen.getByLabelText('Type it again'), ' enough');
    await user.click(continueButton);

    expect(await screen.findByRole('status', { name: 'Recovery key' })).toHaveTextContent(
      lastRecoveryKey(main, 'createVault'),
    );
    const kept = screen.getByLabelText('I have kept my recovery key somewhere safe');
    await user.click(screen.getByRole('button', { name: 'Open Stillwater' }));
    expect(kept).toHaveFocus();
    expect(kept).toHaveAccessibleDescription('Please tick this once your recovery key is kept.');
    expect(screen.queryByRole('navigation', { name: 'Guide contents' })).toBeNull();
    await user.click(kept);
    await user.click(screen.getByRole('button', { name: 'Open Stillwater' }));
    expect(await reader()).toBeInTheDocument();
    expect(await main.passphraseOpens('short but now long enough')).toBe(true);
  });

  it('clears a copied recovery key from the clipboard later, as it does copied notes', async () => {
    const { user, main } = renderApp(await openRealMain({ vault: 'none' }));
    const clipboardClears = () => main.inputsHandled('clearClipboardLater').map(({ text }) => text);
    await user.type(await screen.findByLabelText('Passphrase'), 'lantern orchard velvet');
    await user.type(screen.getByLabelText('Type it again'), 'lantern orchard velvet');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const key = await screen.findByRole('status', { name: 'Recovery key' });
    const recoveryKey = lastRecoveryKey(main, 'createVault');
    expect(clipboardClears()).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(
      await screen.findByText('Copied. It will be cleared from the clipboard in a little while.'),
    ).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe(recoveryKey);
    expect(clipboardClears()).toEqual([recoveryKey]);

    // Selected and copied by hand, too.
    const range = document.createRange();
    range.selectNodeContents(key);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    await fireEvent.copy(key);
    expect(clipboardClears()).toEqual([recoveryKey, recoveryKey]);
  });

  it('shows how strong the passphrase is', async () => {
    const { user } = renderApp(await openRealMain({ vault: 'none' }));
    await user.type(await screen.findByLabelText('Passphrase'), 'password');
    await waitFor(() =>
      expect(screen.getByText(/^Strength: /)).toHaveTextContent('Strength: Very weak.'),
    );
    await user.clear(screen.getByLabelText('Passphrase'));
    await user.type(screen.getByLabelText('Passphrase'), 'lantern orchard velvet quietly');
    await waitFor(() =>
      expect(screen.getByText(/^Strength: /)).toHaveTextContent('Strength: Strong.'),
    );
  });
});

describe('the lock screen', () => {
  it('opens with the passphrase field focused, and Enter unlocks', async () => {
    const { user } = renderApp(await openRealMain({ vault: 'locked', passphrase: 'right words' }));
    const field = await screen.findByLabelText('Passphrase');
    expect(field).toHaveFocus();
    expect(screen.queryByRole('navigation', { name: 'Guide contents' })).toBeNull();
    await user.keyboard('right words{Enter}');
    expect(await startPage()).toBeInTheDocument();
  });

  it('says kindly when the passphrase is wrong, and lets the person try again', async () => {
    const { user } = renderApp(await openRealMain({ vault: 'locked', passphrase: 'right words' }));
    await user.type(await screen.findByLabelText('Passphrase'), 'wrong words{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That passphrase did not open Stillwater. Please check it and try again.',
    );
    expect(screen.getByLabelText('Passphrase')).toHaveAttribute('aria-invalid', 'true');
    await user.clear(screen.getByLabelText('Passphrase'));
    await user.type(screen.getByLabelText('Passphrase'), 'right words{Enter}');
    expect(await startPage()).toBeInTheDocument();
  });

  it('counts a pause down calmly, keeps focus in the field, and opens once it ends', async () => {
    // The countdown reads the wall clock; stopped, it cannot run out while the test looks,
    // however slowly a busy machine gets there. The test moves it on by hand.
    vi.useFakeTimers({ toFake: ['Date'] });
    const main = await openRealMain({ vault: 'locked', passphrase: 'right words' });
    await guessUntilWait(main, 8000);
    const { user } = renderApp(main);
    const field = await screen.findByLabelText('Passphrase');
    await user.type(field, 'right words{Enter}');
    const wait = await screen.findByText('Please wait 8 seconds before trying again.');
    expect(wait).toHaveAttribute('role', 'status');
    expect(wait).not.toHaveClass('error');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('aria-invalid', 'false');
    expect(field.getAttribute('aria-describedby')).toContain(wait.id);
    const unlock = screen.getByRole('button', { name: 'Unlock' });
    expect(unlock).toHaveAttribute('aria-disabled', 'true');

    // Pressed during the pause, Unlock sends nothing and leaves focus where it is.
    const tries = main.inputsHandled('unlockVault').length;
    await user.click(unlock);
    await user.keyboard('{Enter}');
    expect(main.inputsHandled('unlockVault')).toHaveLength(tries);
    expect(unlock).toHaveFocus();

    vi.setSystemTime(Date.now() + 3000);
    expect(await screen.findByText('Please wait 5 seconds before trying again.')).toBe(wait);
    vi.setSystemTime(Date.now() + 5000);
    // The end is said, where the countdown was, so a try made during it can be made again.
    await waitFor(() => expect(wait.textContent.trim()).toBe('You can try again now.'));
    expect(unlock).not.toHaveAttribute('aria-disabled');
    expect(field.getAttribute('aria-describedby') ?? '').not.toContain(wait.id);
    await user.click(unlock);
    expect(await startPage()).toBeInTheDocument();
  });

  it.each([
    [
      'vault-corrupt',
      'Stillwater could not read its saved data. Nothing has been changed or deleted.',
    ],
    ['vault-busy', 'Stillwater is already open in another window.'],
    ['vault-from-future', 'Please update Stillwater to open them.'],
  ] as const)('explains %s plainly', async (kind, message) => {
    const main = await openRealMain({ vault: 'locked', passphrase: 'right words' });
    const release = await SPOIL[kind](main);
    const { user } = renderApp(main);
    await user.type(await screen.findByLabelText('Passphrase'), 'right words{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    await release?.();
  });

  it('resets a forgotten passphrase with the recovery key', async () => {
    const { user, main } = renderApp(
      await openRealMain({ vault: 'locked', passphrase: 'forgotten words' }),
    );
    await user.click(await screen.findByRole('button', { name: 'Forgot your passphrase?' }));
    await user.type(
      screen.getByLabelText('Recovery key'),
      'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA',
    );
    await user.type(screen.getByLabelText('New passphrase'), 'a fresh start');
    await user.type(screen.getByLabelText('Type it again'), 'a fresh start');
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That recovery key did not open Stillwater.',
    );
    await user.clear(screen.getByLabelText('Recovery key'));
    await user.type(screen.getByLabelText('Recovery key'), main.recoveryKey?.toLowerCase() ?? '');
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));
    expect(await startPage()).toBeInTheDocument();
    expect(await main.passphraseOpens('a fresh start')).toBe(true);
  });

  it('says beside the field when the recovery key has a typing mistake, and keeps what was typed', async () => {
    const { user, main } = renderApp(
      await openRealMain({ vault: 'locked', passphrase: 'forgotten words' }),
    );
    const recoveryKey = main.recoveryKey ?? '';
    await user.click(await screen.findByRole('button', { name: 'Forgot your passphrase?' }));
    const field = screen.getByLabelText('Recovery key');
    // One symbol changed for another: the check symbol catches every such mistake.
    const typo = `${recoveryKey.startsWith('Z') ? 'Y' : 'Z'}${recoveryKey.slice(1)}`;
    await user.type(field, typo);
    await user.type(screen.getByLabelText('New passphrase'), 'a fresh start');
    await user.type(screen.getByLabelText('Type it again'), 'a fresh start');
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));

    const message =
      'That recovery key has a typing mistake in it. Check each group against the one you kept.';
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(field).toHaveAccessibleDescription(message);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field.closest('.field')).toContainElement(screen.getByRole('alert'));
    expect(field).toHaveFocus();
    expect(field).toHaveValue(typo);
    // Main refused it as a typing mistake, before any key was tried against the vault.
    expect(
      main.answers('recoverVault').map(({ result }) => result.ok || result.error.kind),
    ).toEqual(['recovery-key-typo']);
    expect(screen.getByRole('button', { name: 'Set the new passphrase' })).toBeEnabled();

    await user.clear(field);
    await user.type(field, recoveryKey);
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));
    expect(await startPage()).toBeInTheDocument();
  });

  it('shows a pause below the form, not as a mistake in the key', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const main = await openRealMain({ vault: 'locked', passphrase: 'forgotten words' });
    await guessUntilWait(main, 4000);
    const { user } = renderApp(main);
    await user.click(await screen.findByRole('button', { name: 'Forgot your passphrase?' }));
    await user.type(screen.getByLabelText('Recovery key'), main.recoveryKey ?? '');
    await user.type(screen.getByLabelText('New passphrase'), 'a fresh start');
    await user.type(screen.getByLabelText('Type it again'), 'a fresh start');
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));
    expect(await screen.findByText('Please wait 4 seconds before trying again.')).toHaveAttribute(
      'role',
      'status',
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByLabelText('Recovery key')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByRole('button', { name: 'Set the new passphrase' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });
});

describe('while the vault is open', () => {
  it('locks from the Lock button, back to the lock screen', async () => {
    const { user, main } = renderApp(await openRealMain());
    await reader();
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(
      await screen.findByRole('heading', { name: 'Stillwater is locked' }),
    ).toBeInTheDocument();
    expect(await main.services.vault.state()).toBe('locked');
    expect(screen.queryByRole('navigation', { name: 'Guide contents' })).toBeNull();
  });

  it('changes the passphrase from the display settings', async () => {
    const { user, main } = renderApp(await openRealMain({ passphrase: 'old words' }));
    await reader();
    await openSettingsTab(user, 'Passphrase');
    await user.type(await screen.findByLabelText('Current passphrase'), 'not them');
    await user.type(screen.getByLabelText('New passphrase'), 'brand new words');
    await user.type(screen.getByLabelText('Type it again'), 'brand new words');
    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
    // The wrong current passphrase is named as such, beside its own field, which has focus.
    const currentField = screen.getByLabelText('Current passphrase');
    await waitFor(() =>
      expect(currentField).toHaveAccessibleDescription(
        'That is not your current passphrase. Please check it and try again.',
      ),
    );
    expect(currentField).toHaveFocus();
    expect(currentField).toHaveAttribute('aria-invalid', 'true');
    await user.clear(screen.getByLabelText('Current passphrase'));
    await user.type(screen.getByLabelText('Current passphrase'), 'old words');
    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
    expect(
      await screen.findByText('Your passphrase has been changed. Use the new one next time.'),
    ).toBeInTheDocument();
    expect(await main.passphraseOpens('brand new words')).toBe(true);
  });

  it('makes a new key when someone may know the passphrase, and shows the new recovery key', async () => {
    const { user, main } = renderApp(await openRealMain({ passphrase: 'old words' }));
    await reader();
    await openSettingsTab(user, 'Passphrase');
    await user.click(await screen.findByRole('radio', { name: /Someone may know my passphrase/ }));
    expect(
      screen.getByText(/Afterwards your old passphrase and your old recovery key open nothing/),
    ).toBeInTheDocument();
    await user.type(screen.getByLabelText('Current passphrase'), 'old words');
    await user.type(screen.getByLabelText('New passphrase'), 'brand new words');
    await user.type(screen.getByLabelText('Type it again'), 'brand new words');
    await user.click(screen.getByRole('button', { name: 'Make a new key' }));

    // The new recovery key comes first, and nothing changes until it is kept.
    const heading = await screen.findByRole('heading', { name: 'Your new recovery key' });
    await waitFor(() => expect(heading).toHaveFocus());
    const newRecoveryKey = lastRecoveryKey(main, 'rekeyVault');
    expect(newRecoveryKey).not.toBe(main.recoveryKey);
    expect(screen.getByLabelText('Recovery key')).toHaveTextContent(newRecoveryKey);
    expect(main.inputsHandled('confirmRekey')).toHaveLength(0);
    const seal = screen.getByRole('button', { name: 'Seal everything with the new key' });
    const kept = screen.getByLabelText('I have kept my new recovery key somewhere safe');
    await user.click(seal);
    expect(kept).toHaveFocus();
    expect(main.inputsHandled('confirmRekey')).toHaveLength(0);
    await user.click(kept);
    await user.click(seal);

    const sealed = await screen.findByRole('heading', {
      name: 'Everything is sealed with the new key',
    });
    await waitFor(() => expect(sealed).toHaveFocus());
    expect(main.inputsHandled('confirmRekey')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Back to the guide' })).toBeEnabled();
    expect(await main.passphraseOpens('brand new words')).toBe(true);
  });

  it('refuses a passphrase of spaces, and asks twice before a very weak one', async () => {
    const { user, main } = renderApp(await openRealMain({ passphrase: 'old words' }));
    await reader();
    await openSettingsTab(user, 'Passphrase');
    await user.type(await screen.findByLabelText('Current passphrase'), 'old words');
    const submit = () => screen.getByRole('button', { name: 'Change passphrase' });
    const newField = screen.getByLabelText('New passphrase');

    await user.type(newField, '          ');
    await user.type(screen.getByLabelText('Type it again'), '          ');
    expect(screen.getByText('A passphrase needs more than spaces.')).toBeInTheDocument();
    await user.click(submit());
    expect(newField).toHaveFocus();

    await user.clear(newField);
    await user.clear(screen.getByLabelText('Type it again'));
    await user.type(newField, 'password');
    await user.type(screen.getByLabelText('Type it again'), 'password');
    await screen.findByText('Strength: Very weak.');
    await user.click(submit());
    const anyway = screen.getByLabelText(/Use it anyway\. I understand/);
    expect(anyway).toHaveFocus();
    expect(newField).toHaveAccessibleDescription(
      expect.stringContaining('This one would be easy to guess.'),
    );
    expect(main.inputsHandled('changePassphrase')).toHaveLength(0);
    await user.click(anyway);
    await user.click(submit());
    expect(await screen.findByText(/^Your passphrase has been changed\./)).toBeInTheDocument();
    expect(await main.passphraseOpens('password')).toBe(true);
  });

  it('takes a press made before the strength is known, and says what is missing if nothing was typed', async () => {
    const { user, main } = renderApp(await openRealMain({ passphrase: 'old words' }));
    await reader();
    await openSettingsTab(user, 'Passphrase');
    const currentField = await screen.findByLabelText('Current passphrase');
    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
    expect(currentField).toHaveFocus();
    expect(currentField).toHaveAccessibleDescription('Please type your current passphrase.');

    // All typed and sent in one go, in one task, before any estimate of the new passphrase.
    const typeAtOnce = (label: string, value: string) => {
      const field = screen.getByLabelText(label) as HTMLInputElement;
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    };
    typeAtOnce('Current passphrase', 'old words');
    typeAtOnce('New passphrase', 'lantern orchard velvet');
    typeAtOnce('Type it again', 'lantern orchard velvet');
    expect(screen.queryByText(/^Strength: /)).toBeNull();
    (currentField as HTMLInputElement).form?.requestSubmit();
    expect(await screen.findByText(/^Your passphrase has been changed\./)).toBeInTheDocument();
    expect(await main.passphraseOpens('lantern orchard velvet')).toBe(true);
  });
});
