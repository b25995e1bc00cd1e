import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/svelte';

// The component tests wait on the real main process, whose saves reach the disk (and fsync)
// before they answer: on a busy two-core machine that can take longer than the 1 s that
// findBy and waitFor give by default. A passing test waits no longer for it.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no layout, so it cannot scroll; scrolling is covered by the Chromium tests.
window.scrollTo = () => {};
Element.prototype.scrollIntoView = () => {};
