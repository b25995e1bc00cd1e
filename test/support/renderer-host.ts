import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { MainServices } from '../../src/main/ipc/handlers';
import type { IpcRouter } from '../../src/main/ipc/ipc-router';
import { createLogger } from '../../src/main/logger';
import { createMainApp } from '../../src/main/main-app';
import { APP_ORIGIN, createAppProtocolHandler } from '../../src/main/security/app-protocol';
import { EVENT_CHANNELS, type InvokeChannel } from '../../src/shared/ipc/channels';
import type { MenuCommand } from '../../src/shared/menu-commands';
import { ScriptedDialogs } from './scripted-dialogs';
import { openConfSettingsFile } from './settings-file';
import type { TestBrowser } from './test-browser';
import { FAST_KDF } from './vault-fixtures';

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
 * As in Electron, where the preload belongs to the app's window, it runs only in a top frame
 * of the app's origin: the preload calls main as it starts, and other pages (a benchmark's
 * blank page) must not carry that cost.
 */
function bridgeScript(preloadSource: string, appOrigin: string, answersAsJson: boolean): string {
  return `(() => {
    if (window !== window.top || location.origin !== ${JSON.stringify(appOrigin)}) return;
    const listeners = new Map();
    // The channels main has answered for this page, in order, noted before the page's own
    // code sees each answer.
    const answered = [];
    Object.defineProperty(window, '__stillwaterAnswered', { value: answered });
    const electron = {
      contextBridge: {
        exposeInMainWorld(key, value) {
          Object.defineProperty(window, key, { value: Object.freeze(value), enumerable: true });
        },
      },
      ipcRenderer: {
        invoke: (channel, input) =>
          window.__stillwaterInvoke(channel, input).then((answer) => {
            const result = ${answersAsJson} ? JSON.parse(answer) : answer;
            answered.push(channel);
            return result;
          }),
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

/** How long one page action may wait for its element; two fit in an e2e test's 60 s. */
const ACTION_TIMEOUT_MS = 30_000;

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
  sendMenuCommand(command: MenuCommand): Promise<void>;
  /**
   * Resolves once main has handled, successfully, a call from the page on `channel` whose
   * input `matches`: one made already, or the next. Tests wait on this for a save to be done,
   * rather than on a sleep or on files appearing.
   */
  handled<Input>(channel: InvokeChannel, matches?: (input: Input) => boolean): Promise<void>;
  /**
   * From the next page load on, notes which channels main had answered for the page at the
   * moment `selector` first appeared on it; `answeredWhenShown` reads them.
   */
  watchFirstScreen(selector: string): Promise<void>;
  /** What `watchFirstScreen` noted for `selector` on the page as loaded now; waits for it. */
  answeredWhenShown(selector: string): Promise<string[]>;
  /**
   * Resolves once main next locks the vault and the page it then reloads has loaded, as in
   * Electron. Call it before whatever locks: until the reload, the lock screen on show is the
   * old page's, about to be replaced.
   */
  reloadedByLock(): Promise<void>;
  /** Tells auto-lock how long the computer has gone unused, as the system would. */
  setIdleSeconds(seconds: number): void;
  /** The save and open dialogs main shows, answered as the test says. */
  dialogs: ScriptedDialogs;
  close(): Promise<void>;
}

export interface RendererHostOptions {
  /** Where the page comes from. */
  browser: TestBrowser;
  userData: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** A folder for the browser's own profile, so a test can look at what it wrote there. */
  profileDir?: string;
  /**
   * Carries main's answers to the page as JSON text. Playwright's own serialisation of a
   * binding's answer takes seconds for a notebook of tens of megabytes, where Electron's IPC
   * takes a fraction of one; a benchmark that times what the person waits for asks for this.
   * Off by default: JSON drops undefined fields, which structured clone keeps.
   */
  answersAsJson?: boolean;
}

export async function startRendererHost({
  browser,
  userData,
  viewport,
  colorScheme,
  profileDir,
  answersAsJson = false,
}: RendererHostOptions): Promise<RendererHost> {
  const { server, origin } = await serveAppFolder(BUILT_RENDERER);
  let closing = false;
  const stopTimers: (() => void)[] = [];
  let lockReloadWaiters: (() => void)[] = [];
  const page = await browser.newPage({ viewport, colorScheme, profileDir });
  // Playwright's library waits for ever by default; a control that never appears should
  // fail naming the control, well inside the test's own deadline, not hang until it.
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const context = page.context();
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const emitToPage = (channel: string, payload: unknown) =>
    page.evaluate(
      ([channel, payload]) =>
        (window as unknown as { __stillwaterEmit(c: string, p: unknown): void }).__stillwaterEmit(
          channel,
          payload,
        ),
      [channel, payload] as const,
    );
  const sendToPage = (command: MenuCommand) => emitToPage(EVENT_CHANNELS.onMenuCommand, command);
  // The system's idle time is the test's to set: a clock that ran by itself would lock a slow
  // test part-way through, or not yet when it looks.
  let idleSeconds = 0;
  // The reload a lock started: a visit that began during it would be cut short by it.
  let lockReload: Promise<void> = Promise.resolve();
  const dialogs = new ScriptedDialogs();
  // Main as in Electron, with the Playwright page for its window: locking reloads it.
  const { services, router } = createMainApp({
    userData,
    openSettingsFile: openConfSettingsFile,
    openPage: () => ({
      reload: () => {
        const waiters = lockReloadWaiters;
        lockReloadWaiters = [];
        if (!closing && page.url().startsWith(origin)) {
          lockReload = page
            .reload()
            .then(
              () => {},
              () => {},
            )
            .then(() => waiters.forEach((resolve) => resolve()));
        }
      },
      send: (command) => void sendToPage(command).catch(() => {}),
      progress: (progress) =>
        void emitToPage(EVENT_CHANNELS.onTaskProgress, progress).catch(() => {}),
      // Chromium's own PDF output, as Electron's printToPDF makes it, with the same options.
      printToPdf: () => page.pdf({ preferCSSPageSize: true, tagged: true, outline: true }),
      // A browser page can be neither kept out of screenshots nor minimised.
      setContentProtection: () => {},
      onMinimise: () => {},
    }),
    // What the page copies stays in Chromium: there is no system clipboard, shortcut or other
    // window of ours here for main to act on.
    clipboard: { readText: () => '', clear: () => {} },
    dialogs,
    shortcuts: { register: () => true, unregister: () => {} },
    power: { on: () => undefined, getSystemIdleTime: () => idleSeconds },
    hideAllWindows: () => {},
    contentProtectionAvailable: false,
    // As on Windows and Linux: spelling is never checked, so nothing is downloaded.
    spellChecker: { setSpellCheckerEnabled: () => {} },
    spellCheckAvailable: false,
    blockedRequests: () => 0,
    trustedOrigins: [origin],
    logger: (name) => createLogger(`e2e-${name}`),
    kdf: FAST_KDF,
    automaticBackupClock: {
      pollMs: 60_000,
      setInterval: (callback, ms) => {
        const timer = setInterval(callback, ms);
        stopTimers.push(() => clearInterval(timer));
        return timer;
      },
    },
    autoLockClock: {
      pollMs: 100,
      setInterval: (callback, ms) => {
        const timer = setInterval(callback, ms);
        stopTimers.push(() => clearInterval(timer));
        return timer;
      },
    },
  });
  const inFlight = new Set<Promise<unknown>>();
  const handledCalls: { channel: string; input: unknown }[] = [];
  const handledWaiters = new Set<{
    channel: string;
    matches: (input: never) => boolean;
    resolve: () => void;
  }>();
  await context.exposeBinding(
    '__stillwaterInvoke',
    async (source, channel: string, input: unknown) => {
      const dispatched = router.dispatch(
        channel,
        { senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() } },
        input,
      );
      inFlight.add(dispatched);
      const result = await dispatched.finally(() => inFlight.delete(dispatched));
      if (result.ok) {
        handledCalls.push({ channel, input });
        for (const waiter of handledWaiters) {
          if (waiter.channel === channel && waiter.matches(input as never)) {
            handledWaiters.delete(waiter);
            waiter.resolve();
          }
        }
      }
      return answersAsJson ? JSON.stringify(result) : result;
    },
  );
  await context.exposeBinding('__stillwaterCloseWindow', (source) => source.page.close());
  await context.addInitScript(
    bridgeScript(readFileSync(BUILT_PRELOAD, 'utf8'), origin, answersAsJson),
  );

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
      await lockReload;
      await page.goto(`${origin}/index.html`);
      await page.locator('main article h1').waitFor();
    },
    async visit() {
      await lockReload;
      await page.goto(`${origin}/index.html`);
      await page.locator('main h1').first().waitFor();
    },
    async sendMenuCommand(command) {
      await sendToPage(command);
    },
    handled<Input>(channel: InvokeChannel, matches: (input: Input) => boolean = () => true) {
      if (handledCalls.some((call) => call.channel === channel && matches(call.input as Input)))
        return Promise.resolve();
      return new Promise<void>((resolve) =>
        handledWaiters.add({ channel, matches: matches as (input: never) => boolean, resolve }),
      );
    },
    async watchFirstScreen(selector) {
      await page.addInitScript((wanted: string) => {
        const noted = window as unknown as {
          __stillwaterAnswered: string[];
          __answeredWhenShown?: Record<string, string[]>;
        };
        new MutationObserver((_changes, observer) => {
          if (!document.querySelector(wanted)) return;
          observer.disconnect();
          noted.__answeredWhenShown = {
            ...noted.__answeredWhenShown,
            [wanted]: [...noted.__stillwaterAnswered],
          };
        }).observe(document, { childList: true, subtree: true });
      }, selector);
    },
    async answeredWhenShown(selector) {
      const noted = await page.waitForFunction(
        (wanted: string) =>
          (window as unknown as { __answeredWhenShown?: Record<string, string[]> })
            .__answeredWhenShown?.[wanted],
        selector,
      );
      return (await noted.jsonValue()) as string[];
    },
    reloadedByLock() {
      return new Promise<void>((resolve) => lockReloadWaiters.push(resolve));
    },
    setIdleSeconds(seconds) {
      idleSeconds = seconds;
    },
    dialogs,
    async close() {
      closing = true;
      stopTimers.forEach((stop) => stop());
      await context.close();
      // The page saves as it closes; those saves finish before the vault locks and the test
      // removes its folder, rather than fail half-way through.
      await Promise.allSettled([...inFlight]);
      await services.vault.lock().catch(() => {});
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
