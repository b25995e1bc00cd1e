import type { Highlight } from '../../../shared/notebook/model';
import type { NotebookState } from '../state/notebook.svelte';

/**
 * A highlight's note, wherever it is edited: in the list under the section or in the
 * highlight's own popover. Typed words are kept as a draft at once, so none can be lost,
 * and saved with the highlight when the field is left.
 */
const draftKey = (highlight: Highlight) => `highlight-note:${highlight.id}`;

/** The note as shown: the words typed and not yet saved, if there are any. */
export function highlightNoteText(notebook: NotebookState, highlight: Highlight): string {
  const draft = notebook.drafts.get(draftKey(highlight))?.['note'];
  return typeof draft === 'string' ? draft : highlight.note;
}

export function keepHighlightNote(
  notebook: NotebookState,
  highlight: Highlight,
  note: string,
): void {
  if (note === highlight.note) void notebook.drafts.discard(draftKey(highlight));
  else notebook.drafts.keep(draftKey(highlight), { note });
}

export async function saveHighlightNote(
  notebook: NotebookState,
  highlight: Highlight,
  note: string,
): Promise<void> {
  if (note !== highlight.note) await notebook.updateHighlight(highlight, { note });
  await notebook.drafts.discard(draftKey(highlight));
}

/** Whether the draft of the note could not be kept (main refused it, or is out of reach). */
export const isHighlightNoteUnkept = (notebook: NotebookState, highlight: Highlight): boolean =>
  notebook.drafts.isUnkept(draftKey(highlight));
