import type { Component } from 'svelte';
import type { StillwaterApi } from '../../shared/ipc/api';
import type { OpenVault, ReaderProps } from './compose-open';
import { PreferencesState } from './state/preferences.svelte';
import { SessionState } from './state/session.svelte';

/** The open vault's parts, with the screens that show them. */
type OpenVaultScreens = OpenVault & {
  screens: { Reader: Component<ReaderProps>; StartPage: Component<{ session: SessionState }> };
};

/**
 * The renderer's composition root: every state class, built once for the life of the page
 * and handed to App as props. main.ts mounts the app with it; component tests do the same
 * with their own API. What the first screen (lock or setup) needs is built at once; the
 * guide and everything that shows it (compose-open.ts) load behind that screen, and the
 * session holds them from then on.
 */
export function composeApp(api: StillwaterApi) {
  const preferences = new PreferencesState(api);
  const session = new SessionState(api, preferences, async (): Promise<OpenVaultScreens> => {
    const { composeOpenVault, Reader, StartPage } = await import('./compose-open');
    return { ...composeOpenVault(api, preferences), screens: { Reader, StartPage } };
  });
  return { api, preferences, session };
}

export type AppParts = ReturnType<typeof composeApp>;
