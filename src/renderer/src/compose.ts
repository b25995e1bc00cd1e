import type { Guide } from '../../shared/guide/model';
import type { StillwaterApi } from '../../shared/ipc/api';
import { SectionNames } from './lib/sections';
import { NotebookState } from './state/notebook.svelte';
import { PreferencesState } from './state/preferences.svelte';
import { ReaderState } from './state/reader.svelte';
import { SearchState } from './state/search.svelte';
import { SessionState } from './state/session.svelte';
import { ViewState } from './state/view.svelte';

/**
 * The renderer's composition root: every state class, built once for the life of the page
 * and handed to App as props. main.ts mounts the app with it; component tests do the same
 * with their own API.
 */
export function composeApp(guide: Guide, api: StillwaterApi) {
  const preferences = new PreferencesState(api);
  const names = new SectionNames(guide, preferences);
  const notebook = new NotebookState(api);
  const reader = new ReaderState(guide, api);
  const search = new SearchState(api, names);
  const view = new ViewState(reader, notebook);
  const session = new SessionState(api, { preferences, notebook, reader, view });
  return { guide, names, api, preferences, notebook, reader, search, view, session };
}

export type AppParts = ReturnType<typeof composeApp>;
