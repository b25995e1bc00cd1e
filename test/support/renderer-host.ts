import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createIpcHandlers, type MainServices } from '../../src/main/ipc/handlers';
import { FAST_KDF } from './vault-fixtures';
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router';
import { createLogger } from '../../src/main/logger';
import { APP_ORIGIN, createAppProtocolHandler } from '../../src/main/security/app-protocol';
import { startAutoLock } from '../../src/main/privacy/auto-lock';
import { openMainServices } from '../../src/main/services';
import type { TestBrowser } from './test-browser';

export const BUILT_RENDERER = path.resolve(import.meta.dirname, '../../out/renderer');
export const BUILT_PRELOAD = path.resolve(import.meta.dirname, '../../out/preload/index.cjs');

/**
 * Serves the built renderer on 127.0.0.1 through the app's own protocol handler, so the page
 * gets the same files, headers and CSP that app:// gives it in Electron.
 */
export async function serveAppFolder(root: string): Promise<{ server: Server; origin: string }> {
  const handle = createAppProtocolHandler(root);
  const server = createServer((request, response) => {
    void handle(new Request(`${APP_ORIGIN}${request.url ?? '/'}`, { method: request.method }))
      .then(async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(() => {
        response.writeHead(500);
        response.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

/**
 * Runs the built preload inside the page, with a stand-in for the two Electron objects it
 * uses. Its ipcRenderer.invoke goes out through a Playwright binding to the real router.
 */
function bridgeScript(preloadSource: string): string {
  return `(() => {
    const listeners = new Map();
    const electron = {
      contextBridge: {
        exposeInMainWorld(key, value) {
          Object.defineProperty(window, key, { value: Object.freeze(value), enumerable: true });
        },
      },
      ipcRenderer: {
        invoke: (channel, input) => window.__stillwaterInvoke(channel, input),
        on(channel, listener) {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel).add(listener);
        },
        removeListener(channel, listener) {
          listeners.get(channel)?.delete(listener);
        },
      },
    };
    // In Electron, window.close() closes the app's window; a page Playwright opened ignores
    // it, so the harness closes the page instead.
    window.close = () => void window.__stillwaterCloseWindow();
    Object.defineProperty(window, '__stillwaterEmit', {
      value: (channel, payload) => listeners.get(channel)?.forEach((listener) => listener({}, payload)),
    });
    const module = { exports: {} };
    const require = (name) => {
      if (name === 'electron') return electron;
      throw new Error('The preload may not load ' + name);
    };
    (function (require, module, exports) {
${preloadSource}
    })(require, module, module.exports);
  })();`;
}

export const E2E_PASSPHRASE = 'end to end passphrase';

export interface RendererHost {
  origin: string;
  context: BrowserContext;
  page: Page;
  router: IpcRouter;
  services: MainServices;
  /** Every URL the page asked for, in order. */
  requests: string[];
  /** Opens the app on a vault that is already set up and open, and waits for the guide. */
  open(): Promise<void>;
  /** Opens the app as it is: the setup or lock screen, or the guide. */
  visit(): Promise<void>;
  /** Sends a menu command the way main's application menu would. */
  sendMenuCommand(command: string): Promise<void>;
  close(): Promise<void>;
}

export interface RendererHostOptions {
  /** Where the page comes from. */
  browser: TestBrowser;
  userData: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** How long an auto-lock "minute" lasts; tests of auto-lock shorten it. */
  autoLockSecondsPerMinute?: number;
  /** A folder for the browser's own profile, so a test can look at what it wrote there. */
  profileDir?: string;
}

export async function startRendererHost({
  browser,
  userData,
  viewport,
  colorScheme,
  autoLockSecondsPerMinute = 60,
  profileDir,
}: RendererHostOptions): Promise<RendererHost> {
  const { server, origin } = await serveAppFolder(BUILT_RENDERER);
  let closing = false;
  const stopTimers: (() => void)[] = [];
  // As in src/main/index.ts: locking reloads the page, which drops every decrypted byte.
  const services = openMainServices(userData, {
    logger: createLogger('e2e-storage'),
    kdf: FAST_KDF,
    onLocked: () => {
      if (!closing && page.url().startsWith(origin)) void page.reload().catch(() => {});
    },
  });
  const router = createIpcRouter({
    handlers: createIpcHandlers(services),
    trustedOrigins: [origin],
    logger: createLogger('e2e-ipc'),
  });
  const page = await browser.newPage({ viewport, colorScheme, profileDir });
  const context = page.context();
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  // Auto-lock as in Electron, with the page's calls standing in for the system's idle time.
  let lastActivity = Date.now();
  startAutoLock({
    power: {
      on: () => undefined,
      getSystemIdleTime: () => (Date.now() - lastActivity) / 1000,
    },
    isUnlocked: async () => (await services.vault.state()) === 'unlocked',
    lock: () => services.vault.lock(),
    minutes: () => services.settings.privacySettings().autoLockMinutes,
    lockOnMinimise: () => false,
    pollMs: 100,
    secondsPerMinute: autoLockSecondsPerMinute,
    setInterval: (callback, ms) => {
      const timer = setInterval(callback, ms);
      stopTimers.push(() => clearInterval(timer));
      return timer;
    },
  });
  await context.exposeBinding('__stillwaterInvoke', (source, channel: string, input: unknown) => {
    lastActivity = Date.now();
    return router.dispatch(
      channel,
      { senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() } },
      input,
    );
  });
  await context.exposeBinding('__stillwaterCloseWindow', (source) => source.page.close());
  await context.addInitScript(bridgeScript(readFileSync(BUILT_PRELOAD, 'utf8')));

  return {
    origin,
    context,
    page,
    router,
    services,
    requests,
    async open() {
      if ((await services.vault.state()) === 'none') await services.vault.create(E2E_PASSPHRASE);
      if ((await services.vault.state()) === 'locked') await services.vault.unlock(E2E_PASSPHRASE);
      await page.goto(`${origin}/index.html`);
      await page.locator('main article h1').waitFor();
    },
    async visit() {
      await page.goto(`${origin}/index.html`);
      await page.locator('main h1').first().waitFor();
    },
    async sendMenuCommand(command) {
      await page.evaluate(
        ([channel, payload]) =>
          (window as unknown as { __stillwaterEmit(c: string, p: string): void }).__stillwaterEmit(
            channel,
            payload,
          ),
        ['menu:command', command] as const,
      );
    },
    async close() {
      closing = true;
      stopTimers.forEach((stop) => stop());
      await context.close();
      await services.vault.lock().catch(() => {});
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
