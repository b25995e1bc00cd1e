import type { MenuCommand } from '../../shared/menu-commands';

/**
 * Main never locks or closes under the page's feet while it holds unsaved words: it asks the
 * page to save first, and the page then locks or closes itself. A page that cannot answer
 * (hung, or still loading) must not keep the vault open or the window up, so each request
 * has a deadline after which main goes ahead alone.
 */
export const LOCK_FALLBACK_MS = 1500;
export const CLOSE_FALLBACK_MS = 3000;

export type SendToPage = (command: MenuCommand) => void;

export interface HandshakeTimers {
  setTimeout(callback: () => void, ms: number): unknown;
}

/** Asks the page to save and lock; `lock` then runs anyway once the deadline passes. */
export function lockAfterSaving(
  send: SendToPage,
  lock: () => Promise<void>,
  timers: HandshakeTimers = globalThis,
): void {
  send('lock');
  timers.setTimeout(() => void lock(), LOCK_FALLBACK_MS);
}

/** The parts of a BrowserWindow that closing it touches. */
export interface ClosingWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  isDestroyed(): boolean;
  destroy(): void;
}

/**
 * Holds the window's first close back and asks the page to save everything; the page then
 * closes the window itself, and that second close goes through. Past the deadline, the
 * window is destroyed without waiting any longer.
 */
export function closeAfterSaving(
  window: ClosingWindow,
  send: SendToPage,
  timers: HandshakeTimers = globalThis,
): void {
  let pageAsked = false;
  window.on('close', (event) => {
    if (pageAsked) return;
    event.preventDefault();
    pageAsked = true;
    send('save-and-close');
    timers.setTimeout(() => {
      if (!window.isDestroyed()) window.destroy();
    }, CLOSE_FALLBACK_MS);
  });
}
