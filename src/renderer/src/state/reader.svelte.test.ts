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

  it('saves the position and the blocks read once reports pause, in one save', async () => {
    const save = vi.spyOn(main.api, 'recordReadingPosition');
    const reader = new ReaderState(guide, main.api, 400);
    reader.reportPosition(0.1);
    reader.markRead('intro', [0, 1]);
    reader.reportPosition(0.3);
    reader.markRead('intro', [2]);
    reader.reportPosition(0.5);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({ sectionId: 'intro', position: 0.5, read: [0, 1, 2] });
  });

  it('counts the share of words in the blocks read, and asks no save for blocks already read', async () => {
    const save = vi.spyOn(main.api, 'recordReadingPosition');
    const reader = new ReaderState(guide, main.api, 400);
    // Step 6: its heading, then six blocks, of 8, 20, 6, 8, 15, 22 and 25 words.
    reader.markRead('step-6', [0, 1]);
    expect(reader.progress['step-6']).toBeCloseTo(28 / 104);
    expect(reader.isRead('step-6')).toBe(false);
    await vi.advanceTimersByTimeAsync(400);
    reader.markRead('step-6', [1, 0]);
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenCalledTimes(1);
    reader.markRead('step-6', [2, 3, 4, 5, 6]);
    expect(reader.progress['step-6']).toBe(1);
    expect(reader.isRead('step-6')).toBe(true);
  });

  it('never lowers progress, and clamps positions into 0 to 1', async () => {
    const save = vi.spyOn(main.api, 'recordReadingPosition');
    const reader = new ReaderState(guide, main.api, 400);
    reader.markRead('intro', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    reader.reportPosition(1.4);
    reader.markRead('intro', [0]);
    expect(reader.progress.intro).toBe(1);
    expect(reader.isRead('intro')).toBe(true);
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ position: 1 }));
    reader.reportPosition(-1);
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ position: 0 }));
  });

  it('saves the open section at once when the reader moves on', async () => {
    const reader = new ReaderState(guide, main.api, 10_000);
    reader.reportPosition(0.75);
    reader.markRead('intro', [0, 1]);
    reader.goTo('reason-1');
    // Waits for main to have answered, without moving the clock: the pause did not save it.
    await main.settled();
    expect((await main.services.reading.state()).sections.intro).toEqual({
      position: 0.75,
      read: [0, 1],
    });
  });

  it('restores the last section, its position and what was read', async () => {
    await main.api.recordReadingPosition({
      sectionId: 'intro',
      position: 1,
      read: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    });
    await main.api.recordReadingPosition({ sectionId: 'avoid-2', position: 0.4, read: [3] });
    const reader = new ReaderState(guide, main.api);
    await expect(reader.load()).resolves.toBe(0.4);
    expect(reader.currentId).toBe('avoid-2');
    // Avoid 2's fourth block holds 63 of its 157 words.
    expect(reader.progress).toEqual({ 'avoid-2': 63 / 157, intro: 1 });
  });
});
