import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startRendererHost, type RendererHost } from './renderer-host';
import { launchTestBrowser, type TestBrowser } from './test-browser';
import { tempDirs } from './temp-dir';

/**
 * One browser per test file and a fresh renderer host, on a fresh user-data folder, per
 * test. Returns getters, since the hooks fill them in later.
 */
export function useRendererHost(prefix = 'stillwater-e2e-') {
  const makeDir = tempDirs(prefix);
  let browser: TestBrowser | undefined;
  let host: RendererHost | undefined;
  let userData = '';

  beforeAll(async () => {
    browser = await launchTestBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (!browser) throw new Error('the browser did not start');
    userData = makeDir();
    host = await startRendererHost({ browser, userData });
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
    browser: (): TestBrowser => {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
  };
}
