import { DWELL_MS, DwellTracker } from './reading-progress';

/** The clock the dwell times run on; tests pass one they move themselves. */
export interface DwellClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

const systemClock: DwellClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/**
 * Every hundredth of a block: the observer speaks only when a block crosses one of these,
 * and a block taller than the window fills it without ever being 60% visible, so it is
 * told in steps fine enough to notice when it does.
 */
const THRESHOLDS = Array.from({ length: 101 }, (_, step) => step / 100);

function isAttending(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

export interface WatchReadingOptions {
  clock?: DwellClock;
  dwellMs?: number;
}

/**
 * Watches the blocks marked data-reading-block inside `container` (numbered in the order
 * they appear) and calls `onRead` with those that have stayed on screen long enough to be
 * read (lib/reading-progress.ts). The browser tells what is on screen as it changes, so
 * nothing polls the scroll position. Returns what stops watching.
 */
export function watchReading(
  container: HTMLElement,
  onRead: (blocks: number[]) => void,
  { clock = systemClock, dwellMs = DWELL_MS }: WatchReadingOptions = {},
): () => void {
  const blocks = new Map(
    [...container.querySelectorAll('[data-reading-block]')].map((element, index) => [
      element,
      index,
    ]),
  );
  const tracker = new DwellTracker({ attending: isAttending(), dwellMs });
  let timer: unknown = null;

  /** Hands on what has been read by now, and wakes when the next block will have been. */
  const settle = () => {
    const now = clock.now();
    const read = tracker.collect(now);
    if (read.length > 0) onRead(read);
    clock.clearTimer(timer);
    const due = tracker.nextDue();
    timer = due === null ? null : clock.setTimer(settle, Math.max(0, due - now));
  };

  const observer = new IntersectionObserver(
    (entries) => {
      const now = clock.now();
      for (const entry of entries) {
        const block = blocks.get(entry.target);
        if (block === undefined) continue;
        tracker.sight(
          block,
          {
            visibleHeight: entry.isIntersecting ? entry.intersectionRect.height : 0,
            blockHeight: entry.boundingClientRect.height,
            windowHeight: entry.rootBounds?.height ?? window.innerHeight,
          },
          now,
        );
      }
      settle();
    },
    { threshold: THRESHOLDS },
  );
  for (const element of blocks.keys()) observer.observe(element);

  const onAttentionChange = () => {
    tracker.attend(isAttending(), clock.now());
    settle();
  };
  document.addEventListener('visibilitychange', onAttentionChange);
  window.addEventListener('focus', onAttentionChange);
  window.addEventListener('blur', onAttentionChange);

  return () => {
    observer.disconnect();
    clock.clearTimer(timer);
    document.removeEventListener('visibilitychange', onAttentionChange);
    window.removeEventListener('focus', onAttentionChange);
    window.removeEventListener('blur', onAttentionChange);
  };
}
