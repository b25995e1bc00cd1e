import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../../src/renderer/src/App.svelte';
import { composeApp } from '../../src/renderer/src/compose';
import { guide } from '../../src/renderer/src/lib/guide';
import { createFakeApi } from './fake-api';

/** The whole app on a fake API, open at the guide, for component tests that act as a user. */
export async function openReader(fake = createFakeApi()) {
  const user = userEvent.setup();
  render(App, { props: composeApp(guide, fake.api) });
  await screen.findByRole('heading', { level: 1, name: guide.title });
  return { user, fake };
}
