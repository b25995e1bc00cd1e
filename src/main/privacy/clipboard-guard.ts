/** The parts of Electron's clipboard the guard uses. */
export interface ClipboardLike {
  readText(): string | Promise<string>;
  clear(): void | Promise<void>;
}

/**
 * Clears the clipboard a while after the person copied something from their notes or their
 * recovery key, unless they have copied something else since: neither should linger where
 * any other program can paste it. A lock or Hide clears it at once, by the same rule: what
 * was copied from behind the lock must not outlast it.
 */
export function createClipboardGuard(
  clipboard: ClipboardLike,
  delayMs: number,
  timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = globalThis,
) {
  let pending: ReturnType<typeof setTimeout> | undefined;
  let copied: string | null = null;

  const clearIfStillOurs = async (text: string) => {
    if ((await clipboard.readText()) === text) await clipboard.clear();
  };

  return {
    clearLater(text: string): void {
      timers.clearTimeout(pending);
      copied = text;
      pending = timers.setTimeout(() => {
        copied = null;
        void clearIfStillOurs(text);
      }, delayMs);
    },
    /** Clears now what is waiting to be cleared, if the clipboard still holds it. */
    async clearNow(): Promise<void> {
      timers.clearTimeout(pending);
      const text = copied;
      copied = null;
      if (text !== null) await clearIfStillOurs(text);
    },
  };
}
