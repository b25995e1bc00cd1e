import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEXT_SCALES } from '../../src/shared/preferences/model';
import { axeFindings } from '../support/axe';
import { useRendererHost } from '../support/e2e-host';
import type { RendererHost } from '../support/renderer-host';

/**
 * The seven-step companion in Chromium, on the real main: each tool used as a person would,
 * what it keeps read back from the vault, and the Steps and care pages checked for reflow
 * and axe at the largest text.
 */
const session = useRendererHost('stillwater-e2e-companion-');
const LARGEST_TEXT = TEXT_SCALES[TEXT_SCALES.length - 1];

/** The list item of the Steps page that holds a step's card and its tool. */
const stepItem = (page: Page, step: number) =>
  page
    .getByRole('listitem')
    .filter({ has: page.getByRole('article', { name: new RegExp(`^Step ${step}\\b`) }) });

async function stepWork(host: RendererHost) {
  const { items } = await host.services.notebook.notebook();
  return items.flatMap((item) => (item.kind === 'step-work' ? [item.entry] : []));
}

/** Whether anything makes the page wider than the window. */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe('the seven-step companion in Chromium', () => {
  it('keeps a step, a checked message, a need, the log, a thing for me and the weighing', async () => {
    const host = session.host();
    await host.open();
    const { page } = host;
    await page.getByRole('button', { name: 'Steps' }).click();
    await expect(axeFindings(page)).resolves.toEqual([]);

    const one = stepItem(page, 1);
    await one.getByRole('radio', { name: 'Trying' }).check();
    await host.handled('notebook:save-step-work');
    const message = one.getByRole('textbox', { name: 'Your message' });
    await message.fill('Answer me by tonight or we are over.');
    await one.getByText('Before you send it, a gentle word from the guide:').waitFor();
    await expect(axeFindings(page)).resolves.toEqual([]);
    await message.fill('When you are ready, I would like to talk.');
    await one.getByRole('radio', { name: '1 day' }).check();
    await one.getByRole('button', { name: 'Save message' }).click();
    await one.getByText(/Waiting: /).waitFor();

    const three = stepItem(page, 3);
    await three
      .getByRole('textbox', { name: 'Something he has said he needs' })
      .fill('Space at weekends');
    await three.getByRole('button', { name: 'Add' }).click();
    await three.getByRole('radio', { name: 'Not yet' }).check();

    const four = stepItem(page, 4);
    await four.getByRole('radio', { name: 'From him' }).check();
    await four.getByLabel('A short note (optional)').fill('A short, kind reply');
    await four.getByRole('button', { name: 'Add to the log' }).click();
    await four.getByText('Days since he last wrote: 0').waitFor();

    const five = stepItem(page, 5);
    await five
      .getByRole('textbox', { name: 'Something to do for yourself' })
      .fill('Swim on Saturday');
    await five.getByRole('button', { name: 'Add' }).click();

    const seven = stepItem(page, 7);
    await seven.getByLabel('What staying costs me').fill('Sleep');
    await seven.getByLabel('What staying gives me').fill('Hope');
    const weighed = host.handled<{ entry: { type: string } }>(
      'notebook:save-step-work',
      ({ entry }) => entry.type === 'weighing',
    );
    await seven.getByRole('button', { name: 'Save', exact: true }).click();
    await weighed;
    await expect(axeFindings(page)).resolves.toEqual([]);

    await expect
      .poll(async () => (await stepWork(host)).map((entry) => entry.type).sort())
      .toEqual(['contact', 'message', 'need', 'self-care', 'step', 'weighing']);
    const kept = await stepWork(host);
    expect(kept).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'step', step: 1, status: 'trying' }),
        expect.objectContaining({
          type: 'message',
          text: 'When you are ready, I would like to talk.',
        }),
        expect.objectContaining({ type: 'need', text: 'Space at weekends', canGive: 'not-yet' }),
        expect.objectContaining({ type: 'contact', from: 'him', note: 'A short, kind reply' }),
        expect.objectContaining({ type: 'self-care', text: 'Swim on Saturday', doneOn: null }),
        expect.objectContaining({ type: 'weighing', costs: 'Sleep', gives: 'Hope' }),
      ]),
    );

    // Found by search, as everything written is.
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox').fill('weekends');
    await page
      .getByRole('list', { name: 'Search results' })
      .getByText('Step 3 · What he needs')
      .waitFor();
  });

  it.each([
    { width: 800, height: 600 },
    { width: 320, height: 640 },
  ])('reflows the Steps and care pages at the largest text, $width px across', async (viewport) => {
    const host = session.host();
    await host.page.setViewportSize(viewport);
    host.services.settings.updateReaderPreferences({ textScale: LARGEST_TEXT });
    await host.open();
    const { page } = host;
    await page.getByRole('button', { name: 'Steps' }).click();
    const one = stepItem(page, 1);
    await one
      .getByRole('textbox', { name: 'Your message' })
      .fill("If you don't call me by Friday, we're done.");
    await one.getByText('Before you send it, a gentle word from the guide:').waitFor();
    const four = stepItem(page, 4);
    await four.getByRole('radio', { name: 'From me' }).check();
    await four.getByRole('button', { name: 'Add to the log' }).click();
    await four.getByText('Days since I last reached out: 0').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await expect(axeFindings(page)).resolves.toEqual([]);

    // The log's calendar opens where its field is, deep in the page, with its day in view.
    const dateButton = four.getByRole('button', { name: /^Date / }).first();
    await dateButton.focus();
    await page.keyboard.press('Enter');
    const focusedDay = page.locator('[data-bits-day][data-focused]');
    await focusedDay.waitFor();
    await expect
      .poll(() => focusedDay.evaluate((day) => day === document.activeElement))
      .toBe(true);
    const box = await focusedDay.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'If you feel unsafe or in crisis' }).first().click();
    const care = page.getByRole('heading', { level: 1, name: 'If you feel unsafe or in crisis' });
    await care.waitFor();
    // Focused and in view, even where the top bar fills the first screen.
    await expect
      .poll(() => care.evaluate((heading) => heading === document.activeElement))
      .toBe(true);
    const heading = await care.boundingBox();
    expect(heading && heading.y >= 0 && heading.y + heading.height <= viewport.height).toBe(true);
    expect(await scrollsSideways(page)).toBe(false);
    await expect(axeFindings(page)).resolves.toEqual([]);
  });
});
