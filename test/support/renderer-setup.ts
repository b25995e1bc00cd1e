import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/svelte';

// The component tests wait on the real main process, whose saves reach the disk (and fsync)
// before they answer: on a busy two-core machine that can take longer than the 1 s that
// findBy and waitFor give by default. A passing test waits no longer for it.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no layout, so it cannot scroll; scrolling is covered by the Chromium tests.
window.scrollTo = () => {};
Element.prototype.scrollIntoView = () => {};
// Nor can it tell what is on screen: in jsdom nothing ever is, so no block counts as read.
// What counts as read is covered by the Chromium tests and lib/reading-progress's own.
globalThis.IntersectionObserver ??= class {
  readonly root = null;
  readonly rootMargin = '0px';
  readonly scrollMargin = '0px';
  readonly thresholds: readonly number[] = [];
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
};

// Nor does it lay anything out in boxes, so a floating panel (a bits-ui popover) takes its
// anchor for one off the page and stays hidden; one empty box apiece lets it show, as it does
// in Chromium, where the e2e tests see where it really lands.
Element.prototype.getClientRects = function getClientRects() {
  const boxes = [this.getBoundingClientRect()];
  return Object.assign(boxes, { item: (index: number) => boxes[index] ?? null });
};
// Nor can it measure a range of text, which the highlight bar stands beside.
Range.prototype.getBoundingClientRect = () => new DOMRect();
Range.prototype.getClientRects = () =>
  Object.assign([], { item: () => null }) as unknown as DOMRectList;
