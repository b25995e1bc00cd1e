import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DWELL_MS } from './reading-progress';
import { watchReading, type DwellClock } from './watch-reading';

/*
 * jsdom lays nothing out, so what is on screen is scripted here, in the shape the browser
 * gives it; Chromium itself is in test/e2e/reading-progress.test.ts.
 */
const WINDOW = 600;
let observers: ScriptedObserver[] = [];

class ScriptedObserver {
  readonly targets = new Set<Element>();
  constructor(readonly callback: IntersectionObserverCallback) {
    observers.push(this);
  }
  observe(target: Element): void {
    this.targets.add(target);
  }
  disconnect(): void {
    this.targets.clear();
  }
}

/** The browser reporting that `visible` px of `element`, 200 px tall, are on screen. */
function show(element: Element, visible: number): void {
  for (const observer of observers) {
    if (!observer.targets.has(element)) continue;
    const entry = {
      target: element,
      isIntersecting: visible > 0,
      intersectionRect: { height: visible },
      boundingClientRect: { height: 200 },
      rootBounds: { height: WINDOW },
    } as unknown as IntersectionObserverEntry;
    observer.callback([entry], observer as unknown as IntersectionObserver);
  }
}

/** A clock that moves only when the test says. */
function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let nextId = 0;
  const clock: DwellClock = {
    now: () => now,
    setTimer: (callback, ms) => {
      timers.set(++nextId, { at: now + ms, callback });
      return nextId;
    },
    clearTimer: (timer) => void timers.delete(timer as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at > now) continue;
      timers.delete(id);
      timer.callback();
    }
  };
  return { clock, advance };
}

let looking = true;
beforeEach(() => {
  observers = [];
  looking = true;
  vi.stubGlobal('IntersectionObserver', ScriptedObserver);
  vi.spyOn(document, 'hasFocus').mockImplementation(() => looking);
  document.body.innerHTML = `<article>
    <h1 data-reading-block>Heading</h1><p class="ours">Not counted</p>
    <p data-reading-block>First</p><ul data-reading-block><li>Second</li></ul>
  </article>`;
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const article = () => document.querySelector('article') as HTMLElement;
const blocks = () => [...document.querySelectorAll('[data-reading-block]')];

describe('watching what is read on the page', () => {
  it('reports each block, by its place among the marked ones, once it has been on screen a second', () => {
    const { clock, advance } = manualClock();
    const reported: number[][] = [];
    watchReading(article(), (read) => reported.push(read), { clock });
    const [heading, first, second] = blocks();
    if (!heading || !first || !second) throw new Error('the article has three blocks');
    show(heading, 200);
    show(first, 200);
    show(second, 50);
    advance(DWELL_MS - 1);
    expect(reported).toEqual([]);
    advance(1);
    expect(reported).toEqual([[0, 1]]);
    show(second, 200);
    advance(DWELL_MS);
    expect(reported).toEqual([[0, 1], [2]]);
  });

  it('counts nothing while the window is unfocused or hidden, and starts again on return', () => {
    const { clock, advance } = manualClock();
    const reported: number[][] = [];
    watchReading(article(), (read) => reported.push(read), { clock });
    const [heading] = blocks();
    if (!heading) throw new Error('the article has a heading');
    show(heading, 200);
    advance(DWELL_MS / 2);
    looking = false;
    window.dispatchEvent(new Event('blur'));
    advance(10 * DWELL_MS);
    expect(reported).toEqual([]);
    looking = true;
    window.dispatchEvent(new Event('focus'));
    advance(DWELL_MS / 2);
    expect(reported).toEqual([]);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    advance(10 * DWELL_MS);
    expect(reported).toEqual([]);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    advance(DWELL_MS);
    expect(reported).toEqual([[0]]);
  });

  it('stops watching when told to', () => {
    const { clock, advance } = manualClock();
    const reported: number[][] = [];
    const stop = watchReading(article(), (read) => reported.push(read), { clock });
    const [heading] = blocks();
    if (!heading) throw new Error('the article has a heading');
    show(heading, 200);
    stop();
    advance(10 * DWELL_MS);
    show(heading, 200);
    advance(10 * DWELL_MS);
    expect(reported).toEqual([]);
  });
});
