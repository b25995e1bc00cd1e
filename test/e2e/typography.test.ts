import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useRendererHost } from '../support/e2e-host';
import { BUILT_RENDERER, E2E_PASSPHRASE, type RendererHost } from '../support/renderer-host';

/**
 * The two typefaces Stillwater ships (src/renderer/src/styles/fonts.css): Literata for the
 * guide, Inter for everything else, both loaded from the app itself and nowhere else.
 */

const session = useRendererHost('stillwater-e2e-type-');

/** The first family the element asks for: the one it is drawn in once that has loaded. */
const firstFamily = (element: Locator) =>
  element.evaluate((node) =>
    getComputedStyle(node)
      .fontFamily.split(',')[0]
      ?.trim()
      .replace(/^["']|["']$/g, ''),
  );

const fontWeight = (element: Locator) =>
  element.evaluate((node) => Number(getComputedStyle(node).fontWeight));

/** The bundled faces the page has finished loading, once every load it started is over. */
function loadedFaces(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts]
      .filter((face) => face.status === 'loaded')
      .map((face) => `${face.family} ${face.style}`);
  });
}

/** Every font file the page fetched, with the type it was served as. */
function watchFontResponses(host: RendererHost): { url: string; type: string }[] {
  const fonts: { url: string; type: string }[] = [];
  host.context.on('response', (response) => {
    if (response.request().resourceType() === 'font' || response.url().endsWith('.woff2')) {
      fonts.push({ url: response.url(), type: response.headers()['content-type'] ?? '' });
    }
  });
  return fonts;
}

function expectServedByTheApp(host: RendererHost, fonts: { url: string; type: string }[]) {
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) {
    expect(font.url.startsWith(`${host.origin}/assets/`), font.url).toBe(true);
    expect(font.type, font.url).toBe('font/woff2');
  }
  expect(host.requests.filter((url) => !url.startsWith(`${host.origin}/`))).toEqual([]);
}

describe('typefaces in Chromium', () => {
  it('draws the lock screen in Inter, fetched from the app itself, with a light heading', async () => {
    const host = session.host();
    const fonts = watchFontResponses(host);
    await host.services.vault.create(E2E_PASSPHRASE);
    await host.services.vault.lock();
    await host.visit();
    const { page } = host;
    const title = page.getByRole('heading', { name: 'Stillwater is locked' });
    await title.waitFor();

    await expect(loadedFaces(page)).resolves.toContain('Inter Variable normal');
    await expect(firstFamily(title)).resolves.toBe('Inter Variable');
    await expect(firstFamily(page.getByLabel('Passphrase'))).resolves.toBe('Inter Variable');
    await expect(firstFamily(page.getByRole('button', { name: 'Unlock' }))).resolves.toBe(
      'Inter Variable',
    );
    // Lighter than the browser's bold (700), which read as loud on a screen anyone may glance at.
    const weight = await fontWeight(title);
    expect(weight).toBeGreaterThanOrEqual(550);
    expect(weight).toBeLessThanOrEqual(600);
    expectServedByTheApp(host, fonts);
  });

  it('sets the guide in Literata and the interface in Inter, and "sans" sets the guide in Inter', async () => {
    const host = session.host();
    const fonts = watchFontResponses(host);
    await host.open();
    const { page } = host;
    const paragraph = page.locator('main article p').nth(1);
    const title = page.locator('main article h1');

    const faces = await loadedFaces(page);
    expect(faces).toContain('Literata Variable normal');
    expect(faces).toContain('Inter Variable normal');
    await expect(firstFamily(paragraph)).resolves.toBe('Literata Variable');
    await expect(firstFamily(page.getByRole('button', { name: 'Lock' }))).resolves.toBe(
      'Inter Variable',
    );
    await expect(firstFamily(page.getByRole('navigation').first())).resolves.toBe('Inter Variable');
    await expect(fontWeight(title)).resolves.toBeLessThanOrEqual(600);
    expectServedByTheApp(host, fonts);

    host.services.settings.updateReaderPreferences({ readingFont: 'sans' });
    await page.reload();
    await title.waitFor();
    await expect(firstFamily(paragraph)).resolves.toBe('Inter Variable');
    await expect(loadedFaces(page)).resolves.not.toContain('Literata Variable normal');
  });

  it('ships only the Latin and Latin Extended files of the two families, with their licence', () => {
    const assets = readdirSync(path.join(BUILT_RENDERER, 'assets'));
    expect(assets).toEqual(expect.arrayContaining(['literata-OFL.txt', 'inter-OFL.txt']));
    const faces = assets
      .filter((name) => name.endsWith('.woff2'))
      .map((name) => name.replace(/-[\w-]{8}\.woff2$/, ''));
    expect(faces.sort()).toEqual([
      'inter-latin-ext-wght-italic',
      'inter-latin-ext-wght-normal',
      'inter-latin-wght-italic',
      'inter-latin-wght-normal',
      'literata-latin-ext-wght-normal',
      'literata-latin-wght-normal',
    ]);
  });
});
