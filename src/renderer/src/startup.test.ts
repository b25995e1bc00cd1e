import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { openRealMain, type RealMain } from '../../../test/support/real-api';
import type { InvokeMethod } from '../../shared/ipc/channels';
import App from './App.svelte';
import { composeApp, type AppParts } from './compose';
import { guide } from './lib/guide';
import { PreferencesState } from './state/preferences.svelte';
import { SessionState } from './state/session.svelte';

/**
 * Renders the app, and resolves with the calls main had answered for it at the moment the
 * first screen reached the page: `shown` finds that screen.
 */
function answeredWhenShown(main: RealMain, shown: () => Element | null): Promise<InvokeMethod[]> {
  const before = main.answeredMethods().length;
  const answered = new Promise<InvokeMethod[]>((resolve) => {
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      resolve(main.answeredMethods().slice(before));
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  render(App, { props: composeApp(main.api) });
  return answered;
}

const setupHeading = () => document.querySelector('#setup-title');
const passphraseField = () => document.querySelector('#passphrase');
const guideHeading = () => document.querySelector('main article h1');

describe('start-up', () => {
  it('shows the setup screen after one call to main', async () => {
    const main = await openRealMain({ vault: 'none' });
    await expect(answeredWhenShown(main, setupHeading)).resolves.toEqual(['getStartup']);
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to Stillwater' })).toBeVisible();
  });

  it('shows the lock screen after one call to main, in the look saved last time', async () => {
    const main = await openRealMain({ vault: 'locked' });
    main.services.settings.updateReaderPreferences({ theme: 'dark', textScale: 1.5 });
    await expect(answeredWhenShown(main, passphraseField)).resolves.toEqual(['getStartup']);
    expect(screen.getByRole('heading', { level: 1, name: 'Stillwater is locked' })).toBeVisible();
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(document.documentElement.style.getPropertyValue('--text-scale')).toBe('1.5');
  });

  it('opens the guide where the reader left off after one call to main, when the vault is open', async () => {
    const main = await openRealMain();
    await main.api.recordReadingPosition({ sectionId: 'step-6', position: 0.5, read: [] });
    await expect(answeredWhenShown(main, guideHeading)).resolves.toEqual(['getStartup']);
    expect(guideHeading()).toHaveTextContent('Step 6: If He Contacts You, Pace Yourself');
    // The notebook was asked for as the guide appeared, and fills in once it arrives.
    expect(
      await screen.findByRole('textbox', { name: 'Your notes on this section' }),
    ).toBeInTheDocument();
    expect(main.answers('getNotebook')).toHaveLength(1);
    expect(main.answers('getReadingState')).toHaveLength(0);
  });

  it('loads the guide behind the lock screen, asking main for nothing more', async () => {
    const main = await openRealMain({ vault: 'locked' });
    const parts = composeApp(main.api);
    render(App, { props: parts });
    await screen.findByRole('heading', { level: 1, name: 'Stillwater is locked' });
    // Vitest compiles the guide's side on first use, which a busy machine makes slow.
    await vi.waitFor(() => expect(parts.session.openParts?.guide.title).toBe(guide.title), {
      timeout: 20_000,
    });
    expect(main.answeredMethods()).toEqual(['getStartup']);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Stillwater is locked');
  });

  it('says Stillwater could not start when the guide cannot be loaded', async () => {
    const main = await openRealMain();
    const preferences = new PreferencesState(main.api);
    const session: AppParts['session'] = new SessionState(main.api, preferences, () =>
      Promise.reject(new Error('the guide did not load')),
    );
    render(App, { props: { api: main.api, preferences, session } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Stillwater could not start');
    expect(document.querySelector('main article')).toBeNull();
  });

  it('says Stillwater could not start when main cannot answer', async () => {
    const main = await openRealMain({ vault: 'locked' });
    const unanswered = { ...main.api, getStartup: () => Promise.reject(new Error('no main')) };
    render(App, { props: composeApp(unanswered) });
    expect(await screen.findByRole('alert')).toHaveTextContent('Stillwater could not start');
  });
});
