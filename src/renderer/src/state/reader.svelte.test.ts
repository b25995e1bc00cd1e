import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openRealMain, type RealMain } from '../../../../test/support/real-api';
import { guide } from '../lib/guide';
import { ReaderState } from './reader.svelte';

let main: RealMain;
beforeEach(async () => {
  main = await openRealMain();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ReaderState', () => {
  it('walks the fifteen sections in order, with nothing before the first or after the last', () => {
    const reader = new ReaderState(guide, main.api);
    expect(reader.previous).toBeUndefined();
    const visited = [reader.currentId];
    while (reader.next) {
      reader.goTo(reader.next.section.id);
      visited.push(reader.currentId);
    }
    expect(visited).toHaveLength(15);
    expect(visited.at(-1)).toBe('step-7');
    expect(reader.previous?.section.id).toBe('step-6');
  });

  it('saves the position once scrolling pauses, not on every report', async () => {
    const save = vi.spyOn(main.api, 'recordReadingPosition');
    const reader = new ReaderState(guide, main.api, 400);
    reader.report(0.1, 0.2);
    reader.report(0.3, 0.4);
    reader.report(0.5, 0.6);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({ sectionId: 'intro', position: 0.5, seen: 0.6 });
  });

  it('keeps the furthest progress and clamps reports into 0 to 1', () => {
    const reader = new ReaderState(guide, main.api);
    reader.report(0.9, 1.4);
    reader.report(-1, 0.1);
    expect(reader.progress.intro).toBe(1);
    expect(reader.isRead('intro')).toBe(true);
  });

  it('saves the open section at once when the reader moves on', async () => {
    const reader = new ReaderState(guide, main.api, 10_000);
    reader.report(0.75, 0.9);
    reader.goTo('reason-1');
    // Waits for main to have answered, without moving the clock: the pause did not save it.
    await main.settled();
    expect((await main.services.reading.state()).sections.intro).toEqual({
      position: 0.75,
      progress: 0.9,
    });
  });

  it('restores the last section and its position', async () => {
    await main.api.recordReadingPosition({ sectionId: 'intro', position: 1, seen: 1 });
    await main.api.recordReadingPosition({ sectionId: 'avoid-2', position: 0.4, seen: 0.8 });
    const reader = new ReaderState(guide, main.api);
    await expect(reader.load()).resolves.toBe(0.4);
    expect(reader.currentId).toBe('avoid-2');
    expect(reader.progress).toEqual({ 'avoid-2': 0.8, intro: 1 });
  });
});
