import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useRendererHost } from '../support/e2e-host';
import { blockSaved, readThrough, readingBlocks } from '../support/read-section';
import type { RendererHost } from '../support/renderer-host';

/**
 * Reading progress counts what was really on screen long enough to be read: in a small
 * window, where the introduction takes several screens, opening it counts its first screen
 * only, reading on counts each part in turn, and jumping to its end counts no middle.
 */

const SMALL_WINDOW = { width: 480, height: 560 };

const session = useRendererHost('stillwater-e2e-progress-');

async function openSmall(): Promise<RendererHost> {
  const host = session.host();
  await host.page.setViewportSize(SMALL_WINDOW);
  await host.open();
  return host;
}

/** What the introduction's mark in the contents says, as a percentage. */
async function introPercent(page: Page): Promise<number> {
  // The contents fold away in a window this narrow; the mark is there all the same.
  const entry = page.getByRole('button', { name: /^Introduction/, includeHidden: true });
  const said = (await entry.locator('.progress-mark').textContent())?.trim() ?? '';
  if (said === 'not started') return 0;
  if (said === 'read') return 100;
  const percent = /^(\d+) percent read$/.exec(said)?.[1];
  if (percent === undefined) throw new Error(`the mark says "${said}"`);
  return Number(percent);
}

/** The blocks the window shows most of now, by the rule of lib/reading-progress. */
function blocksOnScreen(host: RendererHost): Promise<number[]> {
  return readingBlocks(host).evaluateAll((elements) =>
    elements.flatMap((element, index) => {
      const box = element.getBoundingClientRect();
      const visible = Math.min(box.bottom, innerHeight) - Math.max(box.top, 0);
      return visible >= 0.6 * box.height || visible >= 0.9 * innerHeight ? [index] : [];
    }),
  );
}

/** The introduction's blocks that main has as read. */
async function readInMain(host: RendererHost): Promise<number[]> {
  return (await host.services.reading.state()).sections.intro?.read ?? [];
}

describe('reading progress in Chromium, in a small window', () => {
  it('counts only the first screen of a section just opened, then each part as it is read', async () => {
    const host = await openSmall();
    const firstScreen = await blocksOnScreen(host);
    const blockCount = await readingBlocks(host).count();
    expect(firstScreen.length).toBeGreaterThan(0);
    expect(firstScreen.length).toBeLessThan(blockCount / 2);

    await expect.poll(() => readInMain(host)).toEqual(firstScreen);
    const opened = await introPercent(host.page);
    expect(opened).toBeGreaterThan(0);
    expect(opened).toBeLessThan(40);

    const percents = [opened];
    await readThrough(host, 'intro', async () => {
      percents.push(await introPercent(host.page));
    });
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(new Set(percents).size).toBeGreaterThanOrEqual(3);
    expect(percents.at(-1)).toBe(100);
    await expect(readInMain(host)).resolves.toEqual([...Array(blockCount).keys()]);
  });

  it('does not count the middle of a section jumped over with End', async () => {
    const host = await openSmall();
    const { page } = host;
    const firstScreen = await blocksOnScreen(host);
    const blockCount = await readingBlocks(host).count();
    await expect.poll(() => readInMain(host)).toEqual(firstScreen);

    // End goes to the foot of the page, past the text to the notes; the reader then comes
    // back up to where the text ends, and stays there to read it.
    await page.keyboard.press('End');
    const bottom = () =>
      page.evaluate(() => scrollY + innerHeight >= document.body.scrollHeight - 1);
    await expect.poll(bottom).toBe(true);
    const atFoot = await blocksOnScreen(host);
    const lastBlock = readingBlocks(host).nth(blockCount - 1);
    await lastBlock.evaluate((element) => element.scrollIntoView({ block: 'end' }));
    const textEnd = await blocksOnScreen(host);
    await blockSaved(host, 'intro', blockCount - 1);

    const counted = [...new Set([...firstScreen, ...atFoot, ...textEnd])].sort((a, b) => a - b);
    const middle = [...Array(blockCount).keys()].filter((block) => !counted.includes(block));
    expect(middle.length).toBeGreaterThan(0);
    await expect.poll(() => readInMain(host)).toEqual(counted);
    await expect.poll(() => introPercent(page)).toBeGreaterThan(0);
    expect(await introPercent(page)).toBeLessThan(90);
  });
});
