import type { Page } from 'playwright-core';

/** Selects `passage` in the section's text, as a reader dragging over it would. */
export async function selectPassage(page: Page, passage: string): Promise<void> {
  await page.evaluate((wanted) => {
    const body = document.querySelector('[data-section-body]');
    if (!body) throw new Error('no section body');
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the section`);
  }, passage);
}
