import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Guide } from '../../src/shared/guide/model';
import guideContent from '../../resources/guide/guide.json';
import { useRendererHost } from '../support/e2e-host';
import { FIRST_LOAD_JS_BUDGET_GZIP, firstLoadAssets, firstLoadBytes } from '../support/first-load';
import { BUILT_RENDERER, E2E_PASSPHRASE } from '../support/renderer-host';

const session = useRendererHost('stillwater-e2e-first-load-');
const guide = guideContent as Guide;

/** The built scripts that carry the guide's own words, as paths within the built renderer. */
function scriptsHoldingTheGuide(): string[] {
  const assets = path.join(BUILT_RENDERER, 'assets');
  return readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .filter((name) => readFileSync(path.join(assets, name), 'utf8').includes(guide.title))
    .map((name) => `assets/${name}`);
}

describe('the first load of the built renderer', () => {
  it('is at most 40 kB of JavaScript, gzipped', () => {
    const { gzip } = firstLoadBytes('js');
    expect(gzip).toBeGreaterThan(0);
    expect(gzip).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET_GZIP);
  });

  it('leaves the guide out, and fetches it while the lock screen waits for the passphrase', async () => {
    const firstLoad = firstLoadAssets().map((asset) => asset.file);
    const guideScripts = scriptsHoldingTheGuide();
    expect(guideScripts).toHaveLength(1);
    expect(firstLoad).not.toContain(guideScripts[0]);

    const host = session.host();
    await host.services.vault.create(E2E_PASSPHRASE);
    await host.services.vault.lock();
    await host.visit();
    await host.page.locator('#passphrase').waitFor();
    // Nothing typed, nothing sent: the lock screen alone asks for the guide.
    await expect
      .poll(() => host.requests.some((url) => url === `${host.origin}/${guideScripts[0]}`))
      .toBe(true);
    await expect(host.page.locator('main article').count()).resolves.toBe(0);
  });
});
