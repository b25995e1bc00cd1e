import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import guide from '../../resources/guide/guide.json';
import { TEXT_SCALES } from '../../src/shared/preferences/model';
import { axeFindings } from '../support/axe';
import { useRendererHost } from '../support/e2e-host';
import { E2E_PASSPHRASE } from '../support/renderer-host';

const session = useRendererHost('stillwater-e2e-discretion-');

/** The guide's titles, apart from "Introduction", which says nothing. */
const TITLES = [
  guide.title,
  ...guide.parts.flatMap((part) => [
    ...(part.heading ? [part.heading] : []),
    ...part.sections.flatMap((section) => [
      ...(section.heading ? [section.heading] : []),
      ...(section.label === 'Introduction' ? [] : [section.label]),
    ]),
  ]),
];

async function titlesOnScreen(page: Page): Promise<string[]> {
  const text = `${await page.title()}\n${await page.locator('body').innerText()}`;
  return TITLES.filter((title) => text.includes(title));
}

/** A vault that exists and is locked, and the page at its lock screen. */
async function atTheLockScreen() {
  const host = session.host();
  await host.services.vault.create(E2E_PASSPHRASE);
  await host.services.vault.lock();
  await host.visit();
  return host;
}

describe('discretion in Chromium', () => {
  it('opens a quiet start page on unlocking: no titles, no axe findings, Enter goes on', async () => {
    const { page } = await atTheLockScreen();
    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Stillwater' }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Continue reading');
    expect(await titlesOnScreen(page)).toEqual([]);
    await expect(page.title()).resolves.toBe('Stillwater');
    expect(await axeFindings(page)).toEqual([]);

    await page.keyboard.press('Enter');
    await page.locator('main article h1').waitFor();
    await expect(page.locator('main article h1').textContent()).resolves.toBe(guide.title);
  });

  it('reflows the start page at the largest text in a 320-pixel window', async () => {
    const host = session.host();
    await host.page.setViewportSize({ width: 320, height: 640 });
    host.services.settings.updateReaderPreferences({ textScale: TEXT_SCALES.at(-1) });
    const { page } = await atTheLockScreen();
    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Stillwater' }).waitFor();
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    for (const name of ['Continue reading', 'Journal', 'Notebook', 'Lock', 'Hide']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= widths.window, name).toBe(true);
    }
  });

  it('keeps discreet titles in the contents and the title, through a lock and the reload after it', async () => {
    const host = session.host();
    host.services.settings.updateReaderPreferences({
      discreetTitles: true,
      unlockOpens: 'last-place',
    });
    await host.open();
    const { page } = host;
    const contents = page.getByRole('navigation', { name: 'Guide contents' });
    await expect(page.title()).resolves.toBe('Notes');
    // The guide's own text is as the author wrote it.
    await expect(page.locator('main article h1').textContent()).resolves.toBe(guide.title);
    const contentsText = await contents.innerText();
    expect(TITLES.filter((title) => contentsText.includes(title))).toEqual([]);
    await contents.getByRole('button', { name: /^Step 3\b/ }).waitFor();

    const reloaded = host.reloadedByLock();
    await page.getByRole('button', { name: 'Lock' }).click();
    await reloaded;
    await page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor();
    await expect.poll(() => page.title()).toBe('Notes');
  });

  it('leaves spelling unchecked in every text field, as on every system but a Mac', async () => {
    const host = session.host();
    await host.open();
    const notes = host.page.getByRole('textbox', { name: 'Your notes on this section' });
    await expect(
      notes.evaluate((field) => (field as HTMLTextAreaElement).spellcheck),
    ).resolves.toBe(false);
  });
});
