/** The parts of Electron's clipboard the guard uses. */
export interface ClipboardLike {
  readText(): string | Promise<string>;
  clear(): void | Promise<void>;
}

/**
 * Clears the clipboard a while after the person copied something from their notes or their
 * recovery key, unless they have copied something else since: neither should linger where
 * any other program can paste it.
 */
export function createClipboardGuard(
  clipboard: ClipboardLike,
  delayMs: number,
  timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = globalThis,
) {
  let pending: ReturnType<typeof setTimeout> | undefined;
  return {
    clearLater(copied: string): void {
      timers.clearTimeout(pending);
      pending = timers.setTimeout(() => {
        void (async () => {
          if ((await clipboard.readText()) === copied) await clipboard.clear();
        })();
      }, delayMs);
    },
  };
}
