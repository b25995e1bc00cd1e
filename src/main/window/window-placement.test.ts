import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, placeWindow } from './window-placement';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('placeWindow', () => {
  it('opens at the default size the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('returns to where it was when that screen is still there', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 900, maximized: false };
    expect(placeWindow(saved, [laptop, monitor])).toEqual({
      x: 1600,
      y: 100,
      width: 1200,
      height: 900,
      maximized: false,
    });
  });

  it('comes back on screen when the monitor it was on is gone', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 900, maximized: true };
    expect(placeWindow(saved, [laptop])).toEqual({
      width: DEFAULT_WINDOW_SIZE.width,
      height: DEFAULT_WINDOW_SIZE.height,
      maximized: true,
    });
  });

  it('shrinks a window larger than its screen', () => {
    const saved = { x: 0, y: 0, width: 3000, height: 2000, maximized: false };
    expect(placeWindow(saved, [laptop])).toMatchObject({ width: 1440, height: 900 });
  });

  it('fits the default into a small screen', () => {
    expect(placeWindow(null, [{ x: 0, y: 0, width: 800, height: 600 }])).toMatchObject({
      width: 800,
      height: 600,
    });
  });
});
