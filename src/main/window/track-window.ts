import type { SavedWindow } from './window-placement';

/** The parts of a BrowserWindow whose size and place are remembered. */
export interface TrackableWindow {
  getNormalBounds(): { x: number; y: number; width: number; height: number };
  isMaximized(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

/**
 * Saves the window's place a moment after it stops moving, and once more as it closes.
 * The normal bounds are kept even while maximised, so un-maximising next time lands well.
 */
export function trackWindow(
  window: TrackableWindow,
  save: (state: SavedWindow) => void,
  delayMs = 500,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveNow = () => {
    clearTimeout(timer);
    const { x, y, width, height } = window.getNormalBounds();
    save({
      x: Math.round(x),
      y: Math.round(y),
      width: Math.round(width),
      height: Math.round(height),
      maximized: window.isMaximized(),
    });
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(saveNow, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) {
    window.on(event, saveSoon);
  }
  window.on('close', saveNow);
}
