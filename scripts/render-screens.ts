/**
 * Renders every screen of the built app into docs/images: light and dark, at 1280×800 with
 * the usual text and at 800×600 with the largest. The app runs as the e2e layer runs it (the
 * built renderer, the real main services, a throwaway vault), filled with a few notes, a
 * highlight and journal entries so that no screen is shown empty.
 *
 *   npm run build && npm run screens
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createAnchor, sectionTextRuns } from '../src/shared/guide/anchoring';
import { TEXT_SCALES } from '../src/shared/preferences/model';
import { guide } from '../src/renderer/src/lib/guide';
import {
  E2E_PASSPHRASE,
  startRendererHost,
  type RendererHost,
} from '../test/support/renderer-host';
import { launchTestBrowser } from '../test/support/test-browser';
import { openSettingsTab } from '../test/support/settings-page';

const IMAGES = path.resolve(import.meta.dirname, '../docs/images');

const SIZES = [
  { name: '1280x800', viewport: { width: 1280, height: 800 }, textScale: 1 },
  {
    name: '800x600-largest-text',
    viewport: { width: 800, height: 600 },
    textScale: TEXT_SCALES[TEXT_SCALES.length - 1] ?? 1,
  },
] as const;
const THEMES = ['light', 'dark'] as const;

/** A few days of someone working through the guide. */
async function fillNotebook(host: RendererHost): Promise<void> {
  const { notebook } = host.services;
  await notebook.saveNote({
    sectionId: 'intro',
    text: 'He has been quiet since Sunday. I want to understand before I say anything.',
  });
  const intro = guide.parts[0]?.sections[0];
  if (intro) {
    const text = sectionTextRuns(intro).text;
    const start = Math.max(0, text.indexOf('silent'));
    await notebook.saveHighlight({
      sectionId: intro.id,
      anchor: createAnchor(text, start, Math.min(text.length, start + 60), guide.version),
      colour: 'green',
      note: 'This is where I am.',
    });
  }
  const days = [
    {
      date: '2026-11-22',
      mood: 2,
      text: 'No answer again. I wrote it here instead.',
      tags: ['silence'],
    },
    { date: '2026-11-24', mood: 3, text: 'A walk by the river. Calmer.', tags: ['walk'] },
    { date: '2026-11-26', mood: 4, text: 'He asked how my day was.', tags: ['talking'] },
  ] as const;
  for (const day of days) {
    await notebook.saveJournalEntry({ ...day, tags: [...day.tags], sectionId: 'step-4' });
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(IMAGES, `${name}.png`) });
  process.stderr.write(`  ${name}.png\n`);
}

/** Opens a page from the top bar, and waits for its heading. */
async function openPage(page: Page, button: string, heading: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
}

mkdirSync(IMAGES, { recursive: true });
const browser = await launchTestBrowser();
try {
  for (const size of SIZES) {
    for (const theme of THEMES) {
      const userData = mkdtempSync(path.join(tmpdir(), 'stillwater-screens-'));
      const host = await startRendererHost({
        browser,
        userData,
        viewport: size.viewport,
        colorScheme: theme,
      });
      const shot = (screen: string) => shoot(host.page, `${screen}-${theme}-${size.name}`);
      try {
        host.services.settings.updateReaderPreferences({ theme, textScale: size.textScale });
        await host.visit();
        await shot('setup');

        await host.services.vault.create(E2E_PASSPHRASE);
        await fillNotebook(host);
        await host.services.vault.lock();
        await host.visit();
        await shot('lock');
        await host.page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
        await host.page.keyboard.press('Enter');
        await host.page.getByRole('button', { name: 'Continue reading' }).waitFor();
        await shot('start');

        await host.open();
        await shot('reader');
        const { page } = host;
        await openPage(page, 'Journal', 'Journal');
        await shot('journal');
        await openPage(page, 'Notebook', 'Notebook');
        await shot('notebook');
        await openSettingsTab(page, 'About');
        await shot('about');
        await host.open();
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        await page.getByRole('searchbox').fill('quiet');
        await page.getByRole('searchbox').press('Enter');
        await shot('search');
        await host.open();
        await openSettingsTab(page, 'Display');
        await shot('display');
        await openSettingsTab(page, 'Privacy');
        await shot('privacy');
        await openSettingsTab(page, 'Passphrase');
        await shot('change-passphrase');
      } finally {
        await host.close();
        rmSync(userData, { recursive: true, force: true });
      }
    }
  }
} finally {
  await browser.close();
}
process.stderr.write(`Wrote the screens to ${path.relative(process.cwd(), IMAGES)}\n`);
