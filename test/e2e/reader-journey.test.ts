import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../src/shared/ipc/channels';
import type { PositionReport } from '../../src/shared/reading/schemas';
import { SERIOUS, axeFindings } from '../support/axe';
import { useRendererHost } from '../support/e2e-host';
import { openSettingsTab } from '../support/settings-page';
import { readThrough, readingBlocks } from '../support/read-section';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const STEP_7 = 'Step 7: If You Feel Like You Need to Move on, It’s Okay';

const session = useRendererHost('stillwater-e2e-');
beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

const heading = (page: Page) => page.locator('main h1').first();

async function expectNoSeriousAccessibilityIssues(page: Page, label: string) {
  expect(await axeFindings(page, SERIOUS), label).toEqual([]);
}

describe('reading the guide in Chromium', () => {
  it('reads through to step 7 with the keyboard, and resumes there after a reload', async () => {
    const { page } = session.host();
    await session.host().open();
    await expect(page.title()).resolves.toBe('Stillwater');
    await expect(heading(page).textContent()).resolves.toBe(
      'He Won’t Talk to Me. Solutions to Make Him Come Back',
    );

    const headings: string[] = [];
    for (let step = 0; step < 14; step++) {
      await page.keyboard.press('ArrowRight');
      headings.push((await heading(page).textContent()) ?? '');
    }
    expect(new Set(headings).size).toBe(14);
    expect(headings.at(-1)).toBe(STEP_7);
    await expect(page.getByText('This is the end of the guide.').isVisible()).resolves.toBe(true);

    // Reading step 7 to its end, each part on screen long enough to be read, marks it read in
    // the contents, and main saves that place. The reload waits for that save: main knowing
    // step 7 is the last section proves less, since arriving there saves too, before any
    // scrolling.
    const blockCount = await readingBlocks(session.host()).count();
    const step7Saved = session
      .host()
      .handled<PositionReport>(
        'reading:record-position',
        (at) => at.sectionId === 'step-7' && at.position > 0 && at.read.length === blockCount,
      );
    await readThrough(session.host(), 'step-7');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const step7Entry = page.getByRole('button', { name: /Move on, It’s Okay/ });
    await expect
      .poll(() => step7Entry.textContent(), { timeout: 5_000 })
      .toMatch(/It’s Okay\s*read$/);
    await step7Saved;
    await expect(session.host().services.reading.state()).resolves.toMatchObject({
      lastSectionId: 'step-7',
    });

    await page.reload();
    await page.locator('main article h1').waitFor();
    await expect(heading(page).textContent()).resolves.toBe(STEP_7);
    await expect(step7Entry.textContent()).resolves.toMatch(/It’s Okay\s*read$/);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  it('changes theme and text size, keeps them across a reload, and stays accessible', async () => {
    const { page } = session.host();
    await session.host().open();
    await expectNoSeriousAccessibilityIssues(page, 'light theme, introduction');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reader-light.png'), fullPage: false });

    // Each change shows at once, then main's answer to it is applied; an answer that arrives
    // late can undo a later change for a moment. The look is taken once main has answered the
    // last change, and until the page shows that answer.
    const lastChangeSaved = session
      .host()
      .handled<{ textScale?: number }>('preferences:update', (change) => change.textScale === 1.25);
    await openSettingsTab(page, 'Display');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('button', { name: 'Larger text' }).click();
    await page.getByRole('button', { name: 'Larger text' }).click();
    await lastChangeSaved;
    await page.getByRole('button', { name: 'Guide', exact: true }).click();

    const look = () =>
      page.evaluate(() => ({
        theme: document.documentElement.dataset['theme'],
        background: getComputedStyle(document.body).backgroundColor,
        fontSize: getComputedStyle(document.documentElement).fontSize,
      }));
    const dark = { theme: 'dark', background: 'rgb(27, 29, 31)', fontSize: '20px' };
    await expect.poll(look).toEqual(dark);

    await page.keyboard.press('ArrowRight');
    await expectNoSeriousAccessibilityIssues(page, 'dark theme, larger text, part opening');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reader-dark.png'), fullPage: false });

    await page.reload();
    await page.locator('main article h1').waitFor();
    await expect.poll(look).toEqual(dark);
    expect(
      JSON.parse(readFileSync(path.join(session.userData(), 'settings.json'), 'utf8')),
    ).toMatchObject({
      theme: 'dark',
      textScale: 1.25,
    });

    for (const tab of ['Display', 'Privacy', 'Passphrase', 'About'] as const) {
      await openSettingsTab(page, tab);
      await expectNoSeriousAccessibilityIssues(page, `settings, ${tab}`);
    }
  });

  it('keeps the reading column to a comfortable line length', async () => {
    const { page } = session.host();
    await session.host().open();
    // Counts the characters on each full line of the longest paragraph, as laid out.
    const charactersPerLine = await page.evaluate(() => {
      const paragraphs = [...document.querySelectorAll('main article p')];
      const longest = paragraphs.sort((a, b) => b.textContent.length - a.textContent.length)[0];
      if (!longest) return 0;
      const walker = document.createTreeWalker(longest, NodeFilter.SHOW_TEXT);
      let text = walker.nextNode();
      while (text && (text.textContent ?? '').length < 100) text = walker.nextNode();
      if (!text) return 0;
      const lineTops: number[] = [];
      const range = document.createRange();
      for (let index = 0; index < (text.textContent ?? '').length; index++) {
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        lineTops.push(Math.round(range.getBoundingClientRect().top));
      }
      const perLine = new Map<number, number>();
      for (const top of lineTops) perLine.set(top, (perLine.get(top) ?? 0) + 1);
      const fullLines = [...perLine.values()].slice(0, -1).sort((a, b) => a - b);
      return fullLines[Math.floor(fullLines.length / 2)] ?? 0;
    });
    expect(charactersPerLine).toBeGreaterThanOrEqual(60);
    expect(charactersPerLine).toBeLessThanOrEqual(80);
  });

  it('follows the application menu’s commands', async () => {
    const { page } = session.host();
    await session.host().open();
    await session.host().sendMenuCommand('next-section');
    await expect.poll(() => heading(page).textContent()).toMatch(/^Why Won’t He Talk to Me\?/);
    await session.host().sendMenuCommand('show-about');
    await expect.poll(() => heading(page).textContent()).toBe('Settings');
    await page.getByRole('heading', { level: 2, name: 'About this guide' }).waitFor();
  });
});

describe('the page’s boundaries in Chromium', () => {
  it('makes no request outside the app', async () => {
    const { page } = session.host();
    await session.host().open();
    for (let step = 0; step < 14; step++) await page.keyboard.press('ArrowRight');
    await openSettingsTab(page, 'About');
    expect(session.host().requests.length).toBeGreaterThan(0);
    expect(
      session.host().requests.filter((url) => !url.startsWith(`${session.host().origin}/`)),
    ).toEqual([]);
  });

  it('enforces the CSP: inline scripts and inline handlers do not run', async () => {
    const { page } = session.host();
    const response = await page.goto(`${session.host().origin}/index.html`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    const outcome = await page.evaluate(async () => {
      const blocked: string[] = [];
      // The browser reports each violation in a task of its own, some time after the block.
      const bothReported = new Promise<void>((resolve) =>
        document.addEventListener('securitypolicyviolation', (event) => {
          blocked.push(event.effectiveDirective);
          if (blocked.length === 2) resolve();
        }),
      );
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inlineRan = "yes"';
      document.head.append(script);
      const button = document.createElement('button');
      button.setAttribute('onclick', 'document.body.dataset.handlerRan = "yes"');
      document.body.append(button);
      button.click();
      // An inline script or handler that was allowed has run by now; waiting for reports
      // that will never come would only hide which one it was.
      if (Object.keys(document.body.dataset).length === 0) await bothReported;
      return { ran: { ...document.body.dataset }, blocked: blocked.sort() };
    });
    expect(outcome).toEqual({
      ran: {},
      blocked: ['script-src-attr', 'script-src-elem'],
    });
  });

  it('exposes only the contract’s verbs, and main refuses malformed input with the field named', async () => {
    const { page } = session.host();
    await session.host().open();
    const surface = await page.evaluate(() => Object.keys(window.stillwater).sort());
    expect(surface).toEqual(
      [...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)].sort(),
    );
    const refusal = await page.evaluate(() =>
      window.stillwater.updatePreferences({ theme: 'neon' } as never),
    );
    expect(refusal).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: expect.stringMatching(/^preferences:update: theme: /),
      },
    });
  });
});
