import type { Block, Guide } from '../../../shared/guide/model';
import type { SectionPlace } from '../../../shared/guide/reading-order';

/*
 * What counts as read: the policy alone, apart from the page, so that it can be tested with
 * plain numbers for sizes and times. lib/watch-reading.ts feeds it what the page shows.
 */

/** How long a block must stay on screen, while the reader is looking, to count as read. */
export const DWELL_MS = 1_000;
/** A block is on screen when at least this share of it is visible… */
export const VISIBLE_SHARE = 0.6;
/** …or, a block too tall for that, when it fills at least this share of the window. */
export const FILLED_SHARE = 0.9;

/** How much of one block the window shows at one moment, in CSS pixels. */
export interface Sighting {
  visibleHeight: number;
  blockHeight: number;
  windowHeight: number;
}

export function isOnScreen({ visibleHeight, blockHeight, windowHeight }: Sighting): boolean {
  if (visibleHeight <= 0 || blockHeight <= 0) return false;
  return (
    visibleHeight >= VISIBLE_SHARE * blockHeight || visibleHeight >= FILLED_SHARE * windowHeight
  );
}

/** A block taller than the window needs the time for each windowful of it. */
export function dwellNeeded({ blockHeight, windowHeight }: Sighting, dwellMs: number): number {
  return windowHeight > 0 ? dwellMs * Math.max(1, blockHeight / windowHeight) : dwellMs;
}

/**
 * Which blocks of one section have been read, from what the page saw and when. A block is
 * read once it has stayed on screen, unbroken, for its dwell time while the reader was
 * looking (the window shown and focused). Looking away starts every block's time again, and
 * a block that only passed by, as the page jumped to its end, never gets its time.
 */
export class DwellTracker {
  readonly #dwellMs: number;
  #attending: boolean;
  /** The blocks on screen now, each with the time it needs. */
  readonly #onScreen = new Map<number, number>();
  /** When each block on screen came into view while the reader looked, unbroken since. */
  readonly #since = new Map<number, number>();
  /** Blocks whose time was up as they left the screen, not yet collected. */
  readonly #earned = new Set<number>();
  readonly #read = new Set<number>();

  constructor({ attending, dwellMs = DWELL_MS }: { attending: boolean; dwellMs?: number }) {
    this.#attending = attending;
    this.#dwellMs = dwellMs;
  }

  /** What the page shows of `block` at `now`. */
  sight(block: number, sighting: Sighting, now: number): void {
    if (this.#read.has(block)) return;
    if (!isOnScreen(sighting)) {
      // Its time may have been up before a busy page got round to collecting it.
      if (this.#isDue(block, now)) this.#earned.add(block);
      this.#onScreen.delete(block);
      this.#since.delete(block);
      return;
    }
    this.#onScreen.set(block, dwellNeeded(sighting, this.#dwellMs));
    if (this.#attending && !this.#since.has(block)) this.#since.set(block, now);
  }

  /** Whether the reader is looking: the window shown, and focused. */
  attend(attending: boolean, now: number): void {
    if (attending === this.#attending) return;
    this.#attending = attending;
    for (const block of this.#since.keys()) if (this.#isDue(block, now)) this.#earned.add(block);
    this.#since.clear();
    if (attending) for (const block of this.#onScreen.keys()) this.#since.set(block, now);
  }

  /** The blocks that by `now` have been in view long enough, each given once. */
  collect(now: number): number[] {
    const due = new Set([
      ...this.#earned,
      ...[...this.#since.keys()].filter((block) => this.#isDue(block, now)),
    ]);
    this.#earned.clear();
    for (const block of due) {
      this.#read.add(block);
      this.#onScreen.delete(block);
      this.#since.delete(block);
    }
    return [...due].sort((a, b) => a - b);
  }

  /** When the next block will have been in view long enough, or null if none is on its way. */
  nextDue(): number | null {
    const times = [...this.#since.keys()].map((block) => this.#dueAt(block) ?? Infinity);
    return times.length > 0 ? Math.min(...times) : null;
  }

  #dueAt(block: number): number | null {
    const since = this.#since.get(block);
    return since === undefined ? null : since + (this.#onScreen.get(block) ?? this.#dwellMs);
  }

  #isDue(block: number, now: number): boolean {
    const dueAt = this.#dueAt(block);
    return dueAt !== null && now >= dueAt;
  }
}

function wordsIn(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

function blockWords(block: Block): number {
  return block.type === 'paragraph'
    ? wordsIn(block.text)
    : block.items.reduce((sum, item) => sum + wordsIn(item), 0);
}

/**
 * The number of words in each block a section shows, headings included, in the order
 * SectionView shows them (each marked there with data-reading-block). A block's number is
 * its place in this list.
 */
export function readingBlockWords(guide: Guide, place: SectionPlace): number[] {
  const { part, section } = place;
  const body = section.blocks.map(blockWords);
  if (section.heading === null) return [wordsIn(guide.title), ...body];
  if (place.isFirstOfPart && part.heading !== null) {
    return [wordsIn(part.heading), ...part.lead.map(blockWords), wordsIn(section.heading), ...body];
  }
  return [wordsIn(section.heading), ...body];
}

/** The share of a section's words that are in the blocks read, from 0 to 1. */
export function sectionProgress(words: readonly number[], read: Iterable<number>): number {
  const total = words.reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  let readWords = 0;
  for (const block of new Set(read)) readWords += words[block] ?? 0;
  return readWords / total;
}
