import type { Action } from 'svelte/action';
import type { StillwaterApi } from '../../../shared/ipc/api';
import { CLIPBOARD_CLEAR_SECONDS } from '../../../shared/privacy/model';

export type ClipboardApi = Pick<StillwaterApi, 'clearClipboardLater'>;

/**
 * Copies what the person wrote or keeps (a message, the recovery key) with a Copy button, and
 * asks main to clear it from the clipboard later, if they chose that: left there, it is there
 * for anyone at this computer to paste.
 */
export async function copyPrivately(api: ClipboardApi, text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
  await api.clearClipboardLater({ text });
}

/** What a Copy button needs to say afterwards whether, and when, the clipboard is cleared. */
export type CopyApi = ClipboardApi & Pick<StillwaterApi, 'getPrivacyStatus'>;

/**
 * Copies as `copyPrivately` does, and answers what to tell the person: that it will be
 * cleared, and when, only if they chose that (Settings › Privacy), since otherwise it will not.
 */
export async function copyAndSay(api: CopyApi, text: string): Promise<string> {
  await copyPrivately(api, text);
  const clears = await api.getPrivacyStatus().then(
    (status) => status.settings.clearClipboard,
    () => false,
  );
  return clears
    ? `Copied. It will be cleared from the clipboard in ${CLIPBOARD_CLEAR_SECONDS} seconds.`
    : 'Copied.';
}

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
