import { accessSync, constants, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, chromium, type BrowserContext, type Page } from 'playwright-core';
import { findBrowser, type FoundBrowser } from './browser-lookup';

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

const ELECTRON_PACKAGE = path.resolve(import.meta.dirname, '../../node_modules/electron');
const ELECTRON_SHELL = path.resolve(import.meta.dirname, 'electron-browser-shell.mjs');

/** The binary `npm start` fetched, read the way electron's own launcher reads it. */
function downloadedElectron(): string | undefined {
  const pathFile = path.join(ELECTRON_PACKAGE, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(ELECTRON_PACKAGE, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findTestBrowser(): FoundBrowser {
  return findBrowser({
    platform: process.platform,
    env: process.env,
    home: homedir(),
    isExecutable,
    electronBinary: downloadedElectron,
  });
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** A profile folder kept on disk, so a test can look at what the browser wrote there. */
  profileDir?: string;
}

export interface TestBrowser {
  readonly found: FoundBrowser;
  /** One blank page in a context of its own; closing that context lets it go. */
  newPage(options?: PageOptions): Promise<Page>;
  close(): Promise<void>;
}

const DEFAULT_VIEWPORT = { width: 1200, height: 800 };

/** Chromium, Chrome or Edge: one browser process, a fresh context per page. */
async function launchChromiumBrowser(found: FoundBrowser): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: found.path,
    headless: true,
    args: QUIET_CHROMIUM_FLAGS,
  });
  const persistent: BrowserContext[] = [];
  return {
    found,
    async newPage({ viewport = DEFAULT_VIEWPORT, colorScheme = 'light', profileDir } = {}) {
      if (!profileDir) return (await browser.newContext({ viewport, colorScheme })).newPage();
      const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: found.path,
        headless: true,
        args: QUIET_CHROMIUM_FLAGS,
        viewport,
        colorScheme,
      });
      persistent.push(context);
      return context.pages()[0] ?? context.newPage();
    },
    async close() {
      await Promise.all(persistent.map((context) => context.close().catch(() => undefined)));
      await browser.close();
    },
  };
}

/**
 * The Electron binary as a browser: each page is the one window of a small shell app
 * (electron-browser-shell.mjs), since Electron cannot open browser contexts of its own.
 * Closing the page's context quits that app.
 */
function electronBrowser(found: FoundBrowser): TestBrowser {
  const contexts: BrowserContext[] = [];
  return {
    found,
    async newPage({ viewport = DEFAULT_VIEWPORT, colorScheme = 'light', profileDir } = {}) {
      const { ELECTRON_RUN_AS_NODE, ...env } = process.env;
      // No executablePath: Playwright then finds this same binary through the electron
      // package, and adds its own loader, which keeps hidden windows from being throttled.
      const app = await _electron.launch({
        args: [ELECTRON_SHELL],
        env: {
          ...(env as Record<string, string>),
          STILLWATER_SHELL_SIZE: `${viewport.width}x${viewport.height}`,
          // Without a profile to look at, a throwaway one: nothing lands in ~/.config.
          STILLWATER_SHELL_PROFILE:
            profileDir ?? mkdtempSync(path.join(tmpdir(), 'stillwater-e2e-electron-')),
        },
      });
      contexts.push(app.context());
      const page = await app.firstWindow();
      await page.emulateMedia({ colorScheme });
      return page;
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    },
  };
}

/** The browser the end-to-end layer drives; see browser-lookup.ts for how it is chosen. */
export async function launchTestBrowser(): Promise<TestBrowser> {
  const found = findTestBrowser();
  return found.kind === 'electron' ? electronBrowser(found) : launchChromiumBrowser(found);
}
