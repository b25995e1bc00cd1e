import type { StillwaterApi } from '../../shared/ipc/api';
import { guide } from './lib/guide';
import { SectionNames } from './lib/sections';
import { NotebookState } from './state/notebook.svelte';
import type { PreferencesState } from './state/preferences.svelte';
import { ReaderState } from './state/reader.svelte';
import { SearchState } from './state/search.svelte';
import type { SessionState } from './state/session.svelte';
import { ViewState } from './state/view.svelte';
export { default as Reader } from './Reader.svelte';
export { default as StartPage } from './components/StartPage.svelte';

/**
 * The open vault's side of the composition root (compose.ts): the guide, and every state
 * class that shows it and what the person writes, with the two screens unlocking opens. A
 * chunk of its own, fetched once the lock or setup screen is on screen, while the person
 * types: the first screen loads without it, and it is there before unlocking ends.
 */
export function composeOpenVault(api: StillwaterApi, preferences: PreferencesState) {
  const names = new SectionNames(guide, preferences);
  const notebook = new NotebookState(api);
  const reader = new ReaderState(guide, api);
  const search = new SearchState(api, names);
  const view = new ViewState(reader, notebook);
  return { guide, names, notebook, reader, search, view };
}

export type OpenVault = ReturnType<typeof composeOpenVault>;

/** What the guide's screens are given (Reader.svelte): the open vault, and the first screen's parts. */
export type ReaderProps = OpenVault & {
  api: StillwaterApi;
  preferences: PreferencesState;
  session: SessionState;
};
