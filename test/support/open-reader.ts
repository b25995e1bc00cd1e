import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../../src/renderer/src/App.svelte';
import { guide } from '../../src/renderer/src/lib/guide';
import { createFakeApi } from './fake-api';

/** The whole app on a fake API, open at the guide, for component tests that act as a user. */
export async function openReader(fake = createFakeApi()) {
  const user = userEvent.setup();
  render(App, { props: { guide, api: fake.api } });
  await screen.findByRole('heading', { level: 1, name: guide.title });
  return { user, fake };
}
