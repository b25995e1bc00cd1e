import { describe, expect, it } from 'vitest';
import { listSections } from '../../../shared/guide/reading-order';
import { MAX_READING_BLOCKS } from '../../../shared/reading/model';
import { guide } from './guide';
import {
  DWELL_MS,
  DwellTracker,
  isOnScreen,
  readingBlockWords,
  sectionProgress,
  type Sighting,
} from './reading-progress';

const WINDOW = 600;
/** A paragraph 200 px tall, with `visible` px of it in a 600 px window. */
const paragraph = (visible: number): Sighting => ({
  visibleHeight: visible,
  blockHeight: 200,
  windowHeight: WINDOW,
});
const shown = paragraph(200);
const gone = paragraph(0);

describe('what counts as on screen', () => {
  it('is a block mostly visible, or a tall block filling the window', () => {
    expect(isOnScreen(paragraph(200))).toBe(true);
    expect(isOnScreen(paragraph(120))).toBe(true);
    expect(isOnScreen(paragraph(119))).toBe(false);
    expect(isOnScreen(paragraph(0))).toBe(false);
    const tall = { blockHeight: 2000, windowHeight: WINDOW };
    expect(isOnScreen({ ...tall, visibleHeight: 600 })).toBe(true);
    expect(isOnScreen({ ...tall, visibleHeight: 540 })).toBe(true);
    expect(isOnScreen({ ...tall, visibleHeight: 300 })).toBe(false);
  });
});

describe('which blocks count as read', () => {
  it('counts a block once it has been on screen for the dwell time, and only once', () => {
    const tracker = new DwellTracker({ attending: true });
    tracker.sight(0, shown, 0);
    expect(tracker.nextDue()).toBe(DWELL_MS);
    expect(tracker.collect(DWELL_MS - 1)).toEqual([]);
    expect(tracker.collect(DWELL_MS)).toEqual([0]);
    tracker.sight(0, shown, DWELL_MS + 1);
    expect(tracker.collect(5 * DWELL_MS)).toEqual([]);
    expect(tracker.nextDue()).toBeNull();
  });

  it('counts what the first screen shows of a section opened, not the rest', () => {
    const tracker = new DwellTracker({ attending: true });
    // The window shows three blocks in full and the top of a fourth.
    for (const block of [0, 1, 2]) tracker.sight(block, shown, 0);
    tracker.sight(3, paragraph(40), 0);
    for (const block of [4, 5, 6]) tracker.sight(block, gone, 0);
    expect(tracker.collect(DWELL_MS)).toEqual([0, 1, 2]);
  });

  it('does not count the blocks that passed by as the page jumped to its end', () => {
    const tracker = new DwellTracker({ attending: true });
    tracker.sight(0, shown, 0);
    // End: the middle blocks come into view and leave again within a frame or two.
    for (const block of [1, 2, 3]) tracker.sight(block, shown, 1_200);
    // The first block had its second on screen, though nothing collected it in time.
    tracker.sight(0, gone, 1_200);
    for (const block of [1, 2, 3]) tracker.sight(block, gone, 1_230);
    for (const block of [4, 5]) tracker.sight(block, shown, 1_230);
    expect(tracker.collect(1_230)).toEqual([0]);
    expect(tracker.collect(1_230 + DWELL_MS)).toEqual([4, 5]);
  });

  it('starts a block’s time again when it leaves the screen before its time is up', () => {
    const tracker = new DwellTracker({ attending: true });
    tracker.sight(0, shown, 0);
    tracker.sight(0, paragraph(60), 900);
    tracker.sight(0, shown, 1_000);
    expect(tracker.collect(1_900)).toEqual([]);
    expect(tracker.collect(2_000)).toEqual([0]);
  });

  it('counts a block whose time was up as it left, however late it is collected', () => {
    const tracker = new DwellTracker({ attending: true });
    tracker.sight(0, shown, 0);
    tracker.sight(1, shown, 500);
    tracker.sight(2, shown, 0);
    tracker.sight(0, gone, 1_100);
    tracker.sight(1, gone, 1_100);
    tracker.attend(false, 1_100);
    expect(tracker.collect(9_000)).toEqual([0, 2]);
  });

  it('counts nothing while the reader looks away, and starts the time again on return', () => {
    const tracker = new DwellTracker({ attending: false });
    tracker.sight(0, shown, 0);
    expect(tracker.nextDue()).toBeNull();
    expect(tracker.collect(10 * DWELL_MS)).toEqual([]);
    tracker.attend(true, 10_000);
    tracker.sight(1, shown, 10_500);
    tracker.attend(false, 10_900);
    expect(tracker.collect(12_000)).toEqual([]);
    tracker.attend(true, 12_000);
    // Being told again that the reader is looking does not restart the time.
    tracker.attend(true, 12_500);
    expect(tracker.collect(12_000 + DWELL_MS)).toEqual([0, 1]);
  });

  it('gives a block taller than the window the time for each windowful', () => {
    const tracker = new DwellTracker({ attending: true });
    tracker.sight(0, { visibleHeight: WINDOW, blockHeight: 3 * WINDOW, windowHeight: WINDOW }, 0);
    expect(tracker.collect(2 * DWELL_MS)).toEqual([]);
    expect(tracker.collect(3 * DWELL_MS)).toEqual([0]);
  });
});

describe('a section’s progress', () => {
  it('is the share of its words in the blocks read', () => {
    const words = [10, 30, 60];
    expect(sectionProgress(words, [])).toBe(0);
    expect(sectionProgress(words, [0, 1])).toBeCloseTo(0.4);
    expect(sectionProgress(words, [2, 2])).toBeCloseTo(0.6);
    expect(sectionProgress(words, [0, 1, 2])).toBe(1);
    // Blocks a section does not have, as a section read in full before blocks were counted
    // comes back from main, add nothing beyond the whole.
    expect(
      sectionProgress(
        words,
        Array.from({ length: 32 }, (_, block) => block),
      ),
    ).toBe(1);
  });

  it('weighs every section of the guide by its words, headings included, within the blocks main keeps', () => {
    for (const place of listSections(guide)) {
      const words = readingBlockWords(guide, place);
      const headings = place.section.heading === null ? 1 : place.isFirstOfPart ? 2 : 1;
      const lead = place.isFirstOfPart && place.part.heading !== null ? place.part.lead.length : 0;
      expect(words).toHaveLength(headings + lead + place.section.blocks.length);
      expect(words.length).toBeLessThanOrEqual(MAX_READING_BLOCKS);
      expect(Math.min(...words)).toBeGreaterThan(0);
    }
    // Step 6: its heading, then six blocks.
    const step6 = listSections(guide).find((place) => place.section.id === 'step-6');
    expect(step6 && readingBlockWords(guide, step6)).toEqual([8, 20, 6, 8, 15, 22, 25]);
  });
});
