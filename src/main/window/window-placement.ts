import { z } from 'zod';
import type { WindowPlacement } from '../security/window-options';

export const SavedWindowSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(32_000),
  height: z.number().int().min(200).max(32_000),
  maximized: z.boolean(),
});
export type SavedWindow = z.infer<typeof SavedWindowSchema>;

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_SIZE = { width: 1100, height: 820 };

/** How much of a saved window must still be on some screen for it to come back there. */
const MIN_VISIBLE = { width: 160, height: 120 };

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where the window opens: where it was last time, unless that screen is gone (a laptop
 * unplugged from its monitor), in which case it opens at the default size, centred by the OS.
 */
export function placeWindow(
  saved: SavedWindow | null,
  workAreas: readonly Rectangle[],
): WindowPlacement & { maximized: boolean } {
  const primary = workAreas[0];
  const fallback = {
    width: Math.min(DEFAULT_WINDOW_SIZE.width, primary?.width ?? Infinity),
    height: Math.min(DEFAULT_WINDOW_SIZE.height, primary?.height ?? Infinity),
    maximized: false,
  };
  if (!saved) return fallback;
  const home = workAreas.find((area) => {
    const visible = overlap(saved, area);
    return visible.width >= MIN_VISIBLE.width && visible.height >= MIN_VISIBLE.height;
  });
  if (!home) return { ...fallback, maximized: saved.maximized };
  return {
    x: saved.x,
    y: saved.y,
    width: Math.min(saved.width, home.width),
    height: Math.min(saved.height, home.height),
    maximized: saved.maximized,
  };
}
