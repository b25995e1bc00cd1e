/**
 * The real app, in real Electron, through Playwright. It runs wherever the Electron binary
 * can be had (any machine with internet); elsewhere it says loudly that it skipped, and why.
 */
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../src/shared/ipc/channels';
import { findElectronBinary } from '../support/electron-binary';
import { openSettingsTab } from '../support/settings-page';
import { tempDirs } from '../support/temp-dir';

const binary = findElectronBinary();
if (!binary.available) {
  process.stderr.write(`\nSKIPPED: the real-Electron tests, because ${binary.reason}.\n`);
  process.stderr.write('They run on any machine where `npx electron --version` works.\n\n');
}

const MAIN_ENTRY = path.resolve(import.meta.dirname, '../../out/main/index.js');
const makeDir = tempDirs('stillwater-electron-');
const running: ElectronApplication[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()));
});

function start(userData: string): Promise<ElectronApplication> {
  if (!binary.available) throw new Error(binary.reason);
  // Without ELECTRON_RENDERER_URL the app loads its built files from app://.
  const env: Record<string, string | undefined> = {
    ...process.env,
    STILLWATER_USER_DATA: userData,
  };
  delete env['ELECTRON_RENDERER_URL'];
  return electron.launch({
    executablePath: binary.path,
    args: [MAIN_ENTRY],
    env: env as Record<string, string>,
  });
}

async function launch(userData: string): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await start(userData);
  running.push(app);
  const page = await app.firstWindow();
  await page.locator('main h1').first().waitFor();
  return { app, page };
}

const PASSPHRASE = 'electron journey passphrase';

/** Sets up a new vault, or unlocks the existing one, and waits for the guide. */
async function openGuide(page: Page): Promise<void> {
  if ((await page.locator('h1').first().textContent()) === 'Welcome to Stillwater') {
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Type it again').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('I have kept my recovery key somewhere safe').check();
    await page.getByRole('button', { name: 'Open Stillwater' }).click();
  } else {
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.keyboard.press('Enter');
    // Unlocking opens the quiet start page first, its way on focused.
    await page.getByRole('button', { name: 'Continue reading' }).waitFor();
    await page.keyboard.press('Enter');
  }
  await page.locator('main article h1').waitFor();
}

describe.skipIf(!binary.available)('the Stillwater app in Electron', () => {
  it('opens the guide from app:// with the security baseline in force', async () => {
    const { app, page } = await launch(makeDir());
    expect(page.url()).toBe('app://stillwater/index.html');
    await openGuide(page);
    await expect(page.title()).resolves.toBe('Stillwater');
    const windows = await app.evaluate(({ BrowserWindow }) => {
      const [only] = BrowserWindow.getAllWindows();
      return { count: BrowserWindow.getAllWindows().length, title: only?.getTitle() };
    });
    expect(windows).toEqual({ count: 1, title: 'Stillwater' });
    // With context isolation, the sandbox and no Node integration, the page sees none of Node.
    const globals = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      api: Object.keys(window.stillwater).sort(),
    }));
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      api: [...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)].sort(),
    });
  });

  it('reads to step 7 with the keyboard, and opens there again after a restart', async () => {
    const userData = makeDir();
    const first = await launch(userData);
    await openGuide(first.page);
    for (let step = 0; step < 14; step++) await first.page.keyboard.press('ArrowRight');
    await openSettingsTab(first.page, 'Display');
    await first.page.getByRole('radio', { name: 'Dark' }).check();
    await first.page.waitForTimeout(600);
    await first.app.close();
    running.splice(0);

    const second = await launch(userData);
    await expect(second.page.locator('h1').first().textContent()).resolves.toBe(
      'Stillwater is locked',
    );
    await openGuide(second.page);
    await expect(second.page.locator('main h1').first().textContent()).resolves.toBe(
      'Step 7: If You Feel Like You Need to Move on, It’s Okay',
    );
    await expect(
      second.page.evaluate(() => document.documentElement.dataset['theme']),
    ).resolves.toBe('dark');
  });

  it('cancels and counts every request that tries to leave the app', async () => {
    const { page } = await launch(makeDir());
    await openGuide(page);
    const status = await page.evaluate(async () => {
      await fetch('https://example.org/').catch(() => undefined);
      await new Promise((resolve) => {
        const image = new Image();
        image.onerror = resolve;
        image.src = 'https://example.org/pixel.png';
      });
      return window.stillwater.getPrivacyStatus();
    });
    expect(status).toMatchObject({ ok: true });
    expect(status.ok && status.value.blockedRequests).toBeGreaterThanOrEqual(1);
  });

  it('locks from the menu shortcut, leaving nothing of the guide in the page', async () => {
    const { page } = await launch(makeDir());
    await openGuide(page);
    await page.keyboard.press('Control+L');
    await page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor();
    await expect(page.locator('main article').count()).resolves.toBe(0);
  });

  it('refuses to open a second window when the app is already running', async () => {
    const userData = makeDir();
    const first = await launch(userData);
    const second = await start(userData);
    await new Promise((resolve) => second.process().once('exit', resolve));
    expect(second.process().exitCode).toBe(0);
    expect(first.app.windows()).toHaveLength(1);
  });
});
