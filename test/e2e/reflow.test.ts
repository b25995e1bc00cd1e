import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEXT_SCALES } from '../../src/shared/preferences/model';
import { useRendererHost } from '../support/e2e-host';
import { openSettingsTab } from '../support/settings-page';
import type { RendererHost } from '../support/renderer-host';

/**
 * WCAG 2.2's 1.4.10 (reflow) and 1.4.4 (resize text): at the largest text size, in a small
 * window and at 320 CSS px across, no screen scrolls sideways, every control can be brought
 * into view, and Tab reaches every control (2.1.1, keyboard).
 */

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const LARGEST_TEXT = TEXT_SCALES[TEXT_SCALES.length - 1];
/** A note or entry of the kind that pushes a page wider: one long unbroken address. */
const LONG_ADDRESS = `https://example.org/${'a-very-long-path-segment-'.repeat(8)}end`;

const session = useRendererHost('stillwater-e2e-reflow-');
beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

/**
 * What keeps the screen from reflowing: the page being wider than the window, or a control
 * that, scrolled to as far as it will go, still lies partly outside it.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const { innerWidth, innerHeight } = window;
    const pageWidth = document.documentElement.scrollWidth;
    if (pageWidth > innerWidth) problems.push(`the page is ${pageWidth} px wide`);
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], input, textarea, select, [tabindex="0"]',
    );
    for (const control of controls) {
      if (control.getClientRects().length === 0) continue; // not on screen at all
      if (control.closest('.visually-hidden, .skip-link')) continue;
      control.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const box = control.getBoundingClientRect();
      const name =
        control.getAttribute('aria-label') ??
        control.textContent?.trim().slice(0, 40) ??
        control.tagName;
      const tag = `${control.tagName.toLowerCase()} "${name}"`;
      if (box.left < -0.5 || box.right > innerWidth + 0.5) {
        problems.push(`${tag} spans ${Math.round(box.left)}–${Math.round(box.right)} px across`);
      } else if (box.height <= innerHeight && (box.top < -0.5 || box.bottom > innerHeight + 0.5)) {
        problems.push(`${tag} cannot be scrolled into view (${Math.round(box.top)} px down)`);
      }
    }
    window.scrollTo(0, 0);
    return problems;
  });
}

/**
 * The controls that Tab, pressed from the top of the page, never reaches. A group of radio
 * buttons is one stop (its arrow keys choose within it), so one reached stands for the group.
 */
async function unreachedControls(page: Page): Promise<string[]> {
  const count = await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    const tabbable = [
      ...document.querySelectorAll<HTMLElement>(
        'button, a[href], input, textarea, select, [tabindex]',
      ),
    ].filter(
      (control) =>
        control.tabIndex >= 0 &&
        !control.matches(':disabled') &&
        control.getClientRects().length > 0 &&
        !control.closest('[inert]'),
    );
    tabbable.forEach((control, index) => (control.dataset['reach'] = String(index)));
    return tabbable.length;
  });
  const reached = new Set<string>();
  for (let press = 0; press < count + 3; press++) {
    await page.keyboard.press('Tab');
    const key = await page.evaluate(
      () => (document.activeElement as HTMLElement | null)?.dataset['reach'] ?? '',
    );
    if (key) reached.add(key);
  }
  return page.evaluate(
    (reachedKeys) => {
      const reachedSet = new Set(reachedKeys);
      const all = [...document.querySelectorAll<HTMLElement>('[data-reach]')];
      const groupsReached = new Set(
        all
          .filter((control) => reachedSet.has(control.dataset['reach'] ?? ''))
          .map((control) => (control as HTMLInputElement).name)
          .filter(Boolean),
      );
      const unreached = all.filter((control) => {
        if (reachedSet.has(control.dataset['reach'] ?? '')) return false;
        const radio = control as HTMLInputElement;
        return !(radio.type === 'radio' && groupsReached.has(radio.name));
      });
      all.forEach((control) => delete control.dataset['reach']);
      return unreached.map(
        (control) =>
          `${control.tagName.toLowerCase()} "${(control.getAttribute('aria-label') ?? control.textContent ?? '').trim().slice(0, 40)}"`,
      );
    },
    [...reached],
  );
}

async function expectReflows(page: Page, screenName: string, shot: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `reflow-${shot}.png`) });
  expect(await layoutProblems(page), screenName).toEqual([]);
  expect(await unreachedControls(page), `${screenName}: reached by Tab`).toEqual([]);
}

const WINDOWS = [
  { name: '1024×700', viewport: { width: 1024, height: 700 } },
  { name: '800×600', viewport: { width: 800, height: 600 } },
  { name: '320×640', viewport: { width: 320, height: 640 } },
];

describe.each(WINDOWS)('at the largest text size in a $name window', ({ viewport }) => {
  const size = `${viewport.width}`;

  /** The test's host, in a window of this size, the text at its largest. */
  async function startHost(): Promise<RendererHost> {
    const host = session.host();
    await host.page.setViewportSize(viewport);
    host.services.settings.updateReaderPreferences({ textScale: LARGEST_TEXT });
    return host;
  }

  it('reflows the setup and lock screens', async () => {
    const host = await startHost();
    const { page } = host;
    await host.visit();
    await expectReflows(page, 'setup', `${size}-setup`);

    await host.services.vault.create('reflow passphrase');
    await host.services.vault.lock();
    await host.visit();
    await page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor();
    await expectReflows(page, 'lock screen', `${size}-lock`);
  });

  it('reflows every screen of the open guide', async () => {
    const host = await startHost();
    const { page } = host;
    await host.open();
    await expectReflows(page, 'guide section', `${size}-guide`);

    const notes = page.getByRole('textbox', { name: 'Your notes on this section' });
    const noteSaved = host.handled<{ text: string }>(
      'notebook:save-note',
      (note) => note.text === LONG_ADDRESS,
    );
    await notes.fill(LONG_ADDRESS);
    await notes.blur();
    await noteSaved;
    await page.getByRole('button', { name: 'Show formatting' }).click();
    await page.locator('.preview', { hasText: LONG_ADDRESS }).waitFor();
    await expectReflows(page, 'guide section with a long note', `${size}-note`);

    // Text this large leaves no room beside the guide for its contents: they fold away.
    const contents = page.getByRole('button', { name: 'Contents' });
    await contents.click();
    await expectReflows(page, 'contents open', `${size}-contents`);
    await contents.click();

    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('silent');
    await page.getByRole('list', { name: 'Search results' }).waitFor();
    await expectReflows(page, 'search open', `${size}-search`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();

    await openSettingsTab(page, 'Display');
    await expectReflows(page, 'display settings', `${size}-display`);
    await openSettingsTab(page, 'Privacy');
    await expectReflows(page, 'privacy', `${size}-privacy`);
    await openSettingsTab(page, 'Passphrase');
    await expectReflows(page, 'change passphrase', `${size}-passphrase`);

    await page.getByRole('button', { name: 'Journal' }).click();
    // Two entries with a mood: the chart, its dates and its table for screen readers show.
    for (const mood of ['Steady', 'Very good']) {
      const saved = host.handled('notebook:save-journal-entry');
      await page.getByLabel('What happened, what you felt').fill(LONG_ADDRESS);
      await page.getByRole('radio', { name: mood }).check();
      await page.getByRole('button', { name: 'Save entry' }).click();
      await saved;
    }
    await page.getByRole('figure').waitFor();
    await expectReflows(page, 'journal', `${size}-journal`);
    await page.getByRole('button', { name: 'Edit' }).first().click();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    await expectReflows(page, 'journal entry being edited', `${size}-journal-edit`);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Steps' }).click();
    await page.getByRole('textbox', { name: 'Your message' }).fill(LONG_ADDRESS);
    await expectReflows(page, 'steps', `${size}-steps`);

    await page.getByRole('button', { name: 'Notebook' }).click();
    await page.locator('main').getByText(LONG_ADDRESS).first().waitFor();
    await expectReflows(page, 'notebook', `${size}-notebook`);

    await openSettingsTab(page, 'Backup');
    // A folder with a long name, as a USB stick's can be: it wraps rather than widens the page.
    host.dialogs.answerNext(`/media/${'a-folder-with-a-long-name-'.repeat(6)}end`);
    await page.getByRole('button', { name: 'Choose a folder…' }).click();
    await page.getByText('a-folder-with-a-long-name-', { exact: false }).waitFor();
    await expectReflows(page, 'backup', `${size}-backup`);

    await page.getByRole('button', { name: 'Print the notebook, or save it as PDF…' }).click();
    await page.getByRole('button', { name: 'Save as PDF…' }).waitFor();
    await expectReflows(page, 'print view', `${size}-print`);

    await openSettingsTab(page, 'About');
    await expectReflows(page, 'about this guide', `${size}-about`);
  });
});
