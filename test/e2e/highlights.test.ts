import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../src/shared/notebook/model';
import { TEXT_SCALES } from '../../src/shared/preferences/model';
import { axeFindings } from '../support/axe';
import { useRendererHost } from '../support/e2e-host';

/**
 * Highlights in Chromium, in a small window at the largest text: made with the keyboard
 * alone, with the bar beside the selection and on screen, then opened from the text to be
 * recoloured and removed, with Undo.
 */

const session = useRendererHost('stillwater-e2e-highlights-');
const LARGEST_TEXT = TEXT_SCALES[TEXT_SCALES.length - 1];

async function expectNoAccessibilityIssues(page: Page, label: string) {
  expect(await axeFindings(page), label).toEqual([]);
}

async function savedHighlights(): Promise<Highlight[]> {
  const { items } = await session.host().services.notebook.notebook();
  return items.filter((item): item is Highlight => item.kind === 'highlight');
}

/** The selection's box, and the bar's, in the window's coordinates. */
async function boxes(bar: Locator) {
  const barBox = await bar.evaluate((element) => element.getBoundingClientRect().toJSON());
  const selectionBox = await bar
    .page()
    .evaluate(() => document.getSelection()?.getRangeAt(0).getBoundingClientRect().toJSON());
  return {
    bar: barBox as DOMRect,
    selection: selectionBox as DOMRect,
    window: await bar.page().evaluate(() => ({ width: innerWidth, height: innerHeight })),
  };
}

describe('highlights in Chromium at 800×600 with the largest text', () => {
  it('makes a highlight with the keyboard alone, then recolours, removes and brings it back', async () => {
    const host = session.host();
    const { page } = host;
    await page.setViewportSize({ width: 800, height: 600 });
    host.services.settings.updateReaderPreferences({ textScale: LARGEST_TEXT });
    await host.open();
    const heading = page.locator('main h1').first();
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);

    // From the heading, one Tab into the text; the arrows select word by word.
    await page.keyboard.press('Tab');
    const first = page.locator('[data-section-body] [data-offset]').first();
    await expect.poll(() => first.evaluate((p) => p === document.activeElement)).toBe(true);
    for (let word = 0; word < 3; word++) await page.keyboard.press('Shift+ArrowRight');
    await expect
      .poll(() => page.evaluate(() => document.getSelection()?.toString()))
      .toBe('As is the');

    const bar = page.getByRole('toolbar', { name: 'Highlight' });
    await bar.waitFor();
    // The bar waits beside the selection and leaves the focus in the text.
    await expect.poll(() => first.evaluate((p) => p === document.activeElement)).toBe(true);
    const placed = await boxes(bar);
    expect(placed.bar.left).toBeGreaterThanOrEqual(0);
    expect(placed.bar.top).toBeGreaterThanOrEqual(0);
    expect(placed.bar.right).toBeLessThanOrEqual(placed.window.width);
    expect(placed.bar.bottom).toBeLessThanOrEqual(placed.window.height);
    const gap = Math.min(
      Math.abs(placed.bar.top - placed.selection.bottom),
      Math.abs(placed.selection.top - placed.bar.bottom),
    );
    expect(gap).toBeLessThanOrEqual(16);
    expect(placed.bar.left).toBeLessThan(placed.selection.right);
    expect(placed.bar.right).toBeGreaterThan(placed.selection.left);
    await expectNoAccessibilityIssues(page, 'with the highlight bar open');

    // The shortcut takes the focus into the bar; → moves to green; Enter highlights.
    const made = host.handled<{ colour: string }>(
      'notebook:save-highlight',
      (input) => input.colour === 'green',
    );
    await page.keyboard.press('Control+Shift+H');
    const yellow = bar.getByRole('button', { name: 'Highlight in yellow' });
    await expect.poll(() => yellow.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await made;
    const [highlight] = await savedHighlights();
    expect(highlight).toMatchObject({ colour: 'green', anchor: { quote: 'As is the' } });
    const piece = page.getByRole('button', { name: 'Highlight, green: As is the' });
    await expect.poll(() => piece.evaluate((m) => m === document.activeElement)).toBe(true);

    // A click on the highlight opens it: recolour.
    await piece.click();
    const popover = page.getByRole('dialog', { name: /^Highlight: / });
    await popover.waitFor();
    await expectNoAccessibilityIssues(page, 'with a highlight open');
    const recoloured = host.handled<{ colour: string }>(
      'notebook:save-highlight',
      (input) => input.colour === 'blue',
    );
    await popover.getByRole('button', { name: 'Blue' }).click();
    await recoloured;
    expect(await savedHighlights()).toMatchObject([{ id: highlight?.id, colour: 'blue' }]);
    const box = await popover.boundingBox();
    expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 800).toBe(true);
    expect(box && box.y + box.height).toBeLessThanOrEqual(600);

    // Remove, then Undo brings it back.
    const removed = host.handled('notebook:trash');
    await popover.getByRole('button', { name: 'Remove highlight' }).click();
    await removed;
    expect(await savedHighlights()).toEqual([]);
    await expect.poll(() => first.evaluate((p) => p === document.activeElement)).toBe(true);
    const restored = host.handled('notebook:restore');
    await page.getByRole('button', { name: 'Undo' }).click();
    await restored;
    expect(await savedHighlights()).toMatchObject([{ id: highlight?.id, colour: 'blue' }]);
    await page.getByRole('button', { name: 'Highlight, blue: As is the' }).waitFor();
  });
});
