import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core. Playwright's own browser download is never
 * used: these machines cannot reach it, and .ci/run installs the Debian package instead.
 */
const CANDIDATES = [
  process.env['CHROMIUM_PATH'],
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
];

/** Flags that stop Chromium's own background traffic, so only the page can make requests. */
export const QUIET_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export function chromiumPath(): string {
  const found = CANDIDATES.find((candidate) => candidate && existsSync(candidate));
  if (!found) {
    throw new Error(
      'Chromium was not found. Install Debian’s package (apt-get install chromium) or set CHROMIUM_PATH.',
    );
  }
  return found;
}

/** Chromium with its profile in `profileDir`, so a test can look at what it wrote there. */
export function launchChromiumWithProfile(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: QUIET_CHROMIUM_FLAGS,
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: QUIET_CHROMIUM_FLAGS,
  });
}
