import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../../src/renderer/src/App.svelte';
import { composeApp } from '../../src/renderer/src/compose';
import { guide } from '../../src/renderer/src/lib/guide';
import { PAGE_LOADERS } from '../../src/renderer/src/lib/pages';
import { openRealMain, type RealMain } from './real-api';

// The app loads its other pages in the background once the guide is shown, long before a
// person opens one; a test is quicker, and vitest compiles each page's modules (bits-ui's
// several hundred among them) on first use, which can take longer than a findBy waits. They
// load here, with the test file, outside any test's time.
// The guide's own side of the app (compose-open.ts) loads behind the lock screen, likewise.
await Promise.all([
  import('../../src/renderer/src/compose-open'),
  ...Object.values(PAGE_LOADERS).map((load) => load()),
]);

/**
 * The whole app on the real main services, open at the guide, for component tests that act
 * as a user. Pass `main` to open it on one prepared beforehand.
 */
export async function openReader(main?: RealMain) {
  const opened = main ?? (await openRealMain());
  const user = userEvent.setup();
  render(App, { props: composeApp(opened.api) });
  await screen.findByRole('heading', { level: 1, name: guide.title });
  // The notes appear once the notebook has arrived from main; until then nothing is writable.
  await screen.findByRole('textbox', { name: 'Your notes on this section' });
  return { user, main: opened };
}

/** Goes to Settings from the top bar, and on to one of its tabs, as a person would. */
export async function openSettingsTab(
  user: ReturnType<typeof userEvent.setup>,
  tab: 'Display' | 'Privacy' | 'Passphrase' | 'Backup' | 'About',
): Promise<void> {
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  await user.click(await screen.findByRole('tab', { name: tab }));
}
