import type { Action } from 'svelte/action';
import type { StillwaterApi } from '../../../shared/ipc/api';

export type ClipboardApi = Pick<StillwaterApi, 'clearClipboardLater'>;

/** What a copy inside `target` put on the clipboard: a field's selection, or the page's. */
function copiedText(target: EventTarget | null): string {
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) {
    return target.value.slice(target.selectionStart ?? 0, target.selectionEnd ?? 0);
  }
  return document.getSelection()?.toString() ?? '';
}

/**
 * `use:privateCopy={api}` marks an element as holding what the person wrote or keeps: text
 * copied from inside it is cleared from the clipboard after a while, if they chose that
 * (main knows the setting). Text copied from the guide itself is left alone.
 */
export const privateCopy: Action<HTMLElement, ClipboardApi> = (node, initial) => {
  let api = initial;
  const onCopy = (event: ClipboardEvent) => {
    const text = copiedText(event.target);
    // Clearing is a kindness on top of the copy, which has already happened either way.
    if (text) void api.clearClipboardLater({ text }).catch(() => {});
  };
  node.addEventListener('copy', onCopy);
  return {
    update: (next) => (api = next),
    destroy: () => node.removeEventListener('copy', onCopy),
  };
};
