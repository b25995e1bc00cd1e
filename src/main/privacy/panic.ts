/** The parts of Electron's globalShortcut that the panic key uses. */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface PanicOptions {
  shortcuts: GlobalShortcutLike;
  hideAllWindows: () => void;
  lock: () => Promise<void>;
}

/**
 * One key press, from anywhere, hides every Stillwater window and locks it. The shortcut can
 * be changed; one the OS refuses (already taken) leaves the previous one in place.
 */
export function createPanic({ shortcuts, hideAllWindows, lock }: PanicOptions) {
  let registered: string | null = null;
  const panic = async () => {
    hideAllWindows();
    await lock();
  };
  return {
    panic,
    /** Registers `accelerator`; false if the OS would not give it to us. */
    useShortcut(accelerator: string): boolean {
      if (accelerator === registered) return true;
      const taken = (() => {
        try {
          return !shortcuts.register(accelerator, () => void panic());
        } catch {
          return true;
        }
      })();
      if (taken) return false;
      if (registered) shortcuts.unregister(registered);
      registered = accelerator;
      return true;
    },
    get shortcut(): string | null {
      return registered;
    },
  };
}
