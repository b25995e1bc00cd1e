import '@testing-library/jest-dom/vitest';

// jsdom has no layout, so it cannot scroll; scrolling is covered by the Chromium tests.
window.scrollTo = () => {};
Element.prototype.scrollIntoView = () => {};
