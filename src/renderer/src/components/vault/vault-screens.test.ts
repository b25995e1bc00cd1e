import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FAKE_NEW_RECOVERY_KEY,
  FAKE_RECOVERY_KEY,
  createFakeApi,
} from '../../../../../test/support/fake-api';
import { StillwaterIpcError } from '../../../../shared/ipc/result';
import App from '../../App.svelte';
import { composeApp } from '../../compose';
import { guide } from '../../lib/guide';

function renderApp(fake: ReturnType<typeof createFakeApi>) {
  const user = userEvent.setup();
  render(App, { props: composeApp(guide, fake.api) });
  return { user, fake };
}

const reader = () => screen.findByRole('navigation', { name: 'Guide contents' });

afterEach(() => {
  vi.useRealTimers();
});

describe('the first run', () => {
  it('asks for a passphrase twice, warns plainly, then shows the recovery key once', async () => {
    const { user, fake } = renderApp(createFakeApi({ vault: { state: 'none' } }));
    await screen.findByRole('heading', { name: 'Welcome to Stillwater' });
    expect(screen.getByRole('note')).toHaveTextContent(
      'Without your passphrase or your recovery key, nothing you keep here can be recovered',
    );
    expect(screen.queryByRole('navigation', { name: 'Guide contents' })).toBeNull();

    const continueButton = screen.getByRole('button', { name: 'Continue' });
    await user.type(screen.getByLabelText('Passphrase'), 'short');
    expect(continueButton).toBeDisabled();
    await user.type(screen.getByLabelText('Passphrase'), ' but now long enough');
    await user.type(screen.getByLabelText('Type it again'), 'short but now long');
    await user.tab();
    expect(screen.getByText('The two passphrases are not the same yet.')).toBeInTheDocument();
    expect(continueButton).toBeDisabled();
    await user.type(screen.getByLabelText('Type it again'), ' enough');
    expect(continueButton).toBeEnabled();
    await user.click(continueButton);

    expect(await screen.findByRole('status', { name: 'Recovery key' })).toHaveTextContent(
      FAKE_RECOVERY_KEY,
    );
    expect(fake.vault().passphrase).toBe('short but now long enough');
    const open = screen.getByRole('button', { name: 'Open Stillwater' });
    expect(open).toBeDisabled();
    await user.click(screen.getByLabelText('I have kept my recovery key somewhere safe'));
    await user.click(open);
    await reader();
  });

  it('clears a copied recovery key from the clipboard later, as it does copied notes', async () => {
    const { user, fake } = renderApp(createFakeApi({ vault: { state: 'none' } }));
    await user.type(await screen.findByLabelText('Passphrase'), 'lantern orchard velvet');
    await user.type(screen.getByLabelText('Type it again'), 'lantern orchard velvet');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const key = await screen.findByRole('status', { name: 'Recovery key' });
    expect(fake.clipboardClears).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(
      await screen.findByText('Copied. It will be cleared from the clipboard in a little while.'),
    ).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe(FAKE_RECOVERY_KEY);
    expect(fake.clipboardClears).toEqual([FAKE_RECOVERY_KEY]);

    // Selected and copied by hand, too.
    const range = document.createRange();
    range.selectNodeContents(key);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    await fireEvent.copy(key);
    expect(fake.clipboardClears).toEqual([FAKE_RECOVERY_KEY, FAKE_RECOVERY_KEY]);
  });

  it('shows how strong the passphrase is', async () => {
    const { user } = renderApp(createFakeApi({ vault: { state: 'none' } }));
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
    const { user } = renderApp(
      createFakeApi({ vault: { state: 'locked', passphrase: 'right words' } }),
    );
    const field = await screen.findByLabelText('Passphrase');
    expect(field).toHaveFocus();
    expect(screen.queryByRole('navigation', { name: 'Guide contents' })).toBeNull();
    await user.keyboard('right words{Enter}');
    await reader();
  });

  it('says kindly when the passphrase is wrong, and lets the person try again', async () => {
    const { user } = renderApp(
      createFakeApi({ vault: { state: 'locked', passphrase: 'right words' } }),
    );
    await user.type(await screen.findByLabelText('Passphrase'), 'wrong words{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That passphrase did not open Stillwater. Please check it and try again.',
    );
    expect(screen.getByLabelText('Passphrase')).toHaveAttribute('aria-invalid', 'true');
    await user.clear(screen.getByLabelText('Passphrase'));
    await user.type(screen.getByLabelText('Passphrase'), 'right words{Enter}');
    await reader();
  });

  it('asks the person to wait when main says to try later', async () => {
    // The countdown reads the wall clock; stopped, it cannot run out while the test looks,
    // however slowly a busy machine gets there.
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake = createFakeApi({ vault: { state: 'locked', passphrase: 'right words' } });
    fake.failNextUnlock('try-later', 8000);
    const { user } = renderApp(fake);
    await user.type(await screen.findByLabelText('Passphrase'), 'right words{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Please wait 8 seconds before trying again.',
    );
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
    expect(screen.getByText('You can try again in 8 s.')).toBeInTheDocument();
  });

  it.each([
    [
      'vault-corrupt',
      'Stillwater could not read its saved data. Nothing has been changed or deleted.',
    ],
    ['vault-busy', 'Stillwater is already open in another window.'],
    ['vault-from-future', 'Please update Stillwater to open them.'],
  ] as const)('explains %s plainly', async (kind, message) => {
    const fake = createFakeApi({ vault: { state: 'locked', passphrase: 'right words' } });
    fake.failNextUnlock(kind);
    const { user } = renderApp(fake);
    await user.type(await screen.findByLabelText('Passphrase'), 'right words{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
  });

  it('resets a forgotten passphrase with the recovery key', async () => {
    const fake = createFakeApi({ vault: { state: 'locked', passphrase: 'forgotten' } });
    const { user } = renderApp(fake);
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
    await user.type(screen.getByLabelText('Recovery key'), FAKE_RECOVERY_KEY.toLowerCase());
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));
    await reader();
    expect(fake.vault().passphrase).toBe('a fresh start');
  });

  it('says beside the field when the recovery key has a typing mistake, and keeps what was typed', async () => {
    const fake = createFakeApi({ vault: { state: 'locked', passphrase: 'forgotten' } });
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole('button', { name: 'Forgot your passphrase?' }));
    const field = screen.getByLabelText('Recovery key');
    const typo = FAKE_RECOVERY_KEY.replace('PQRS', 'PQR5');
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
    expect(fake.recoveryKeysTried()).toBe(0);
    expect(screen.getByRole('button', { name: 'Set the new passphrase' })).toBeEnabled();

    await user.clear(field);
    await user.type(field, FAKE_RECOVERY_KEY);
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));
    await reader();
  });

  it('shows a pause below the form, not as a mistake in the key', async () => {
    const fake = createFakeApi({ vault: { state: 'locked', passphrase: 'forgotten' } });
    fake.api.recoverVault = async () => {
      throw new StillwaterIpcError({ kind: 'try-later', message: '', retryAfterMs: 4000 });
    };
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole('button', { name: 'Forgot your passphrase?' }));
    await user.type(screen.getByLabelText('Recovery key'), FAKE_RECOVERY_KEY);
    await user.type(screen.getByLabelText('New passphrase'), 'a fresh start');
    await user.type(screen.getByLabelText('Type it again'), 'a fresh start');
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Please wait 4 seconds before trying again.',
    );
    expect(screen.getByLabelText('Recovery key')).toHaveAttribute('aria-invalid', 'false');
  });
});

describe('while the vault is open', () => {
  it('locks from the Lock button, back to the lock screen', async () => {
    const fake = createFakeApi();
    const { user } = renderApp(fake);
    await reader();
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(
      await screen.findByRole('heading', { name: 'Stillwater is locked' }),
    ).toBeInTheDocument();
    expect(fake.vault().state).toBe('locked');
    expect(screen.queryByRole('navigation', { name: 'Guide contents' })).toBeNull();
  });

  it('changes the passphrase from the display settings', async () => {
    const fake = createFakeApi({ vault: { state: 'unlocked', passphrase: 'old words' } });
    const { user } = renderApp(fake);
    await reader();
    await user.click(screen.getByRole('button', { name: 'Display' }));
    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
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
    expect(fake.vault().passphrase).toBe('brand new words');
  });

  it('makes a new key when someone may know the passphrase, and shows the new recovery key', async () => {
    const fake = createFakeApi({ vault: { state: 'unlocked', passphrase: 'old words' } });
    const { user } = renderApp(fake);
    await reader();
    await user.click(screen.getByRole('button', { name: 'Display' }));
    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
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
    expect(screen.getByLabelText('Recovery key')).toHaveTextContent(FAKE_NEW_RECOVERY_KEY);
    expect(fake.rekeys()).toBe(0);
    const seal = screen.getByRole('button', { name: 'Seal everything with the new key' });
    expect(seal).toBeDisabled();
    await user.click(screen.getByLabelText('I have kept my new recovery key somewhere safe'));
    await user.click(seal);

    const sealed = await screen.findByRole('heading', {
      name: 'Everything is sealed with the new key',
    });
    await waitFor(() => expect(sealed).toHaveFocus());
    expect(fake.rekeys()).toBe(1);
    expect(fake.vault().passphrase).toBe('brand new words');
    expect(screen.getByRole('button', { name: 'Back to the guide' })).toBeEnabled();
  });

  it('refuses a passphrase of spaces, and asks twice before a very weak one', async () => {
    const fake = createFakeApi({ vault: { state: 'unlocked', passphrase: 'old words' } });
    const { user } = renderApp(fake);
    await reader();
    await user.click(screen.getByRole('button', { name: 'Display' }));
    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
    await user.type(await screen.findByLabelText('Current passphrase'), 'old words');
    const submit = () => screen.getByRole('button', { name: 'Change passphrase' });

    await user.type(screen.getByLabelText('New passphrase'), '          ');
    await user.type(screen.getByLabelText('Type it again'), '          ');
    expect(screen.getByText('A passphrase needs more than spaces.')).toBeInTheDocument();
    expect(submit()).toBeDisabled();

    await user.clear(screen.getByLabelText('New passphrase'));
    await user.clear(screen.getByLabelText('Type it again'));
    await user.type(screen.getByLabelText('New passphrase'), 'password');
    await user.type(screen.getByLabelText('Type it again'), 'password');
    await screen.findByText('Strength: Very weak.');
    expect(submit()).toBeDisabled();
    await user.click(screen.getByLabelText(/Use it anyway\. I understand/));
    expect(submit()).toBeEnabled();
  });
});
