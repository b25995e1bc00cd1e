import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEXT_SCALES } from '../../src/shared/preferences/model';
import { axeFindings } from '../support/axe';
import { chooseDateByKeyboard } from '../support/choose-date-in-page';
import { useRendererHost } from '../support/e2e-host';

const session = useRendererHost('stillwater-e2e-date-field-');

/** The day in the calendar that has focus: its name, as the calendar gives it. */
const focusedDayName = (page: Page) =>
  page.evaluate(() =>
    document.activeElement?.hasAttribute('data-bits-day')
      ? document.activeElement.getAttribute('aria-label')
      : null,
  );

/** The day a date field shows. */
const shownDay = async (field: Locator) => (await field.innerText()).trim();

const hasFocus = (target: Locator) =>
  target.evaluate((element) => element === document.activeElement);

async function openJournal(page: Page): Promise<Locator> {
  await session.host().open();
  await page.getByRole('button', { name: 'Journal' }).click();
  const field = page.getByRole('button', { name: /^Date / });
  await field.waitFor();
  return field;
}

describe('the journal’s date field in Chromium', () => {
  it('shows the day as the calendar names it, opens under itself, and gives focus back on Escape', async () => {
    const { page } = session.host();
    const field = await openJournal(page);

    await field.focus();
    await page.keyboard.press('Enter');
    const calendar = page.getByRole('dialog', { name: 'Date: choose a day' });
    await calendar.waitFor();
    // Focus starts on the day the field holds, which the field writes as the calendar does.
    await expect.poll(() => focusedDayName(page)).toBe(await shownDay(field));
    const [fieldBox, calendarBox] = await Promise.all([
      field.boundingBox(),
      calendar.boundingBox(),
    ]);
    expect(calendarBox?.y).toBeGreaterThanOrEqual((fieldBox?.y ?? 0) + (fieldBox?.height ?? 0));
    expect(await axeFindings(page)).toEqual([]);

    const today = await focusedDayName(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedDayName(page)).not.toBe(today);
    await page.keyboard.press('Escape');
    await calendar.waitFor({ state: 'hidden' });
    await expect.poll(() => hasFocus(field)).toBe(true);
    await expect(shownDay(field)).resolves.toBe(today);
  });

  it('takes a day chosen by keyboard into the entry, its card and the mood chart', async () => {
    const { page } = session.host();
    const field = await openJournal(page);
    await chooseDateByKeyboard(page, field, '2026-03-01');
    await expect.poll(() => hasFocus(field)).toBe(true);
    const written = await shownDay(field);
    expect(written).toMatch(/2026/);

    await page.getByLabel('3 · Steady').check();
    await page.getByLabel('What happened, what you felt').fill('A slow morning.');
    await page.getByRole('button', { name: 'Save entry' }).click();
    const card = page.getByRole('article', { name: `Entry for ${written}` });
    await card.waitFor();
    await expect(card.getByRole('heading').textContent()).resolves.toBe(written);
    await page
      .getByRole('table', { name: 'Mood by date' })
      .getByRole('row', { name: `${written} 3, Steady` })
      .waitFor({ state: 'attached' });
  });

  it('fits a window 320 px across at the largest text size', async () => {
    const { page, services } = session.host();
    await page.setViewportSize({ width: 320, height: 640 });
    services.settings.updateReaderPreferences({ textScale: TEXT_SCALES[TEXT_SCALES.length - 1] });
    const field = await openJournal(page);
    await field.click();
    const calendar = page.getByRole('dialog', { name: 'Date: choose a day' });
    await calendar.waitFor();
    const box = await calendar.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(320);
    // Every day, and the lists and buttons above them, lie within the calendar.
    const outside = await calendar.evaluate((panel) => {
      const edge = panel.getBoundingClientRect();
      return [...panel.querySelectorAll<HTMLElement>('[data-bits-day], select, button, th span')]
        .filter((part) => part.getClientRects().length > 0)
        .filter((part) => {
          const { left, right } = part.getBoundingClientRect();
          return left < edge.left - 0.5 || right > edge.right + 0.5;
        })
        .map((part) => part.getAttribute('aria-label') ?? part.textContent);
    });
    expect(outside).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(320);
  });
});
