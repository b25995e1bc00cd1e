import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from './chromium';
import { startRendererHost, type RendererHost, type RendererHostOptions } from './renderer-host';
import { tempDirs } from './temp-dir';

/**
 * One Chromium per test file and a fresh renderer host, on a fresh user-data folder, per
 * test. Returns getters, since the hooks fill them in later.
 */
export function useRendererHost(
  prefix = 'stillwater-e2e-',
  options: Pick<RendererHostOptions, 'autoLockSecondsPerMinute'> = {},
) {
  const makeDir = tempDirs(prefix);
  let browser: Browser | undefined;
  let host: RendererHost | undefined;
  let userData = '';

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (!browser) throw new Error('Chromium did not start');
    userData = makeDir();
    host = await startRendererHost({ browser, userData, ...options });
  });
  afterEach(async () => {
    await host?.close();
  });

  return {
    host: (): RendererHost => {
      if (!host) throw new Error('the host starts in beforeEach');
      return host;
    },
    userData: () => userData,
  };
}
