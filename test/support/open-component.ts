import { render } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Component } from 'svelte';
import UndoNotice from '../../src/renderer/src/components/UndoNotice.svelte';
import { NotebookState } from '../../src/renderer/src/state/notebook.svelte';
import { openRealMain, type RealMain } from './real-api';

/**
 * One component of the notebook on its own, on the real main services: the notebook loaded
 * from main as the app loads it, with the Undo notice the app shows beside everything. Pass
 * `main` to open it on one prepared beforehand, or again after a first page has gone.
 */
export async function openWithNotebook(
  component: Component<{ notebook: NotebookState }>,
  main?: RealMain,
) {
  const opened = main ?? (await openRealMain());
  const notebook = new NotebookState(opened.api);
  await notebook.load();
  const user = userEvent.setup();
  render(component, { props: { notebook } });
  render(UndoNotice, { props: { undo: notebook.undo } });
  return { user, main: opened, notebook };
}
