import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavedWindow } from './window-placement';
import { trackWindow, type TrackableWindow } from './track-window';

function fakeWindow() {
  const listeners = new Map<string, () => void>();
  const state = { bounds: { x: 10.4, y: 20, width: 900, height: 700 }, maximized: false };
  const window: TrackableWindow = {
    getNormalBounds: () => state.bounds,
    isMaximized: () => state.maximized,
    on: (event, listener) => listeners.set(event, listener),
  };
  const emit = (event: string) => listeners.get(event)?.();
  return { window, state, emit };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('trackWindow', () => {
  it('saves once the window stops moving, not on every step', () => {
    const { window, state, emit } = fakeWindow();
    const saved: SavedWindow[] = [];
    trackWindow(window, (s) => saved.push(s), 500);
    emit('move');
    state.bounds = { x: 50, y: 60, width: 900, height: 700 };
    emit('move');
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(saved).toEqual([{ x: 50, y: 60, width: 900, height: 700, maximized: false }]);
  });

  it('saves at once on close, with whole pixels and the maximised state', () => {
    const { window, state, emit } = fakeWindow();
    const saved: SavedWindow[] = [];
    trackWindow(window, (s) => saved.push(s), 500);
    state.maximized = true;
    emit('maximize');
    emit('close');
    expect(saved).toEqual([{ x: 10, y: 20, width: 900, height: 700, maximized: true }]);
    vi.advanceTimersByTime(1000);
    expect(saved).toHaveLength(1);
  });
});
