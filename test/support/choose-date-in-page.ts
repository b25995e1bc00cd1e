import type { Locator, Page } from 'playwright-core';

const DAY_MS = 86_400_000;
const daysFrom = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;

/** Steps a closed list with the arrow keys until it holds `wanted`, as a keyboard does. */
async function stepTo(list: Locator, wanted: number): Promise<void> {
  await list.focus();
  for (let value = Number(await list.inputValue()); value !== wanted;) {
    await list.press(value < wanted ? 'ArrowDown' : 'ArrowUp');
    value = Number(await list.inputValue());
  }
}

/** The day in the calendar that has focus, "2026-03-01", or null if focus is elsewhere. */
const focusedDay = (page: Page) =>
  page.evaluate(() =>
    document.activeElement?.getAttribute('data-bits-day') === null
      ? null
      : (document.activeElement?.getAttribute('data-value') ?? null),
  );

/**
 * Chooses `day` ("2026-03-01") in the date field `field` with the keyboard alone: Enter opens
 * its calendar, the arrow keys pick the year and the month from their lists, Tab goes back to
 * the days, the arrows walk to the day, and Enter chooses it, closing the calendar.
 */
export async function chooseDateByKeyboard(page: Page, field: Locator, day: string) {
  await field.focus();
  await field.press('Enter');
  const calendar = page.getByRole('dialog', { name: /: choose a day$/ });
  await calendar.waitFor();
  const [year, month] = day.split('-').map(Number);
  await stepTo(calendar.getByLabel('Year', { exact: true }), year ?? 0);
  await stepTo(calendar.getByLabel('Month', { exact: true }), month ?? 0);
  // From the lists, past the next-month button, to the days.
  for (let at = await focusedDay(page), presses = 0; at === null && presses < 3; presses++) {
    await page.keyboard.press('Tab');
    at = await focusedDay(page);
  }
  for (let at = await focusedDay(page); at !== day; at = await focusedDay(page)) {
    if (at === null) throw new Error('focus left the calendar’s days');
    const apart = daysFrom(at, day);
    const weeks = Math.abs(apart) >= 7;
    await page.keyboard.press(
      apart > 0 ? (weeks ? 'ArrowDown' : 'ArrowRight') : weeks ? 'ArrowUp' : 'ArrowLeft',
    );
  }
  await page.keyboard.press('Enter');
  await calendar.waitFor({ state: 'hidden' });
}
