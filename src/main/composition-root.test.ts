import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  createElectronRuntimeFake,
  type FakeWindowRecord,
} from '../../test/support/electron-runtime-fake';
import { FAST_KDF } from '../../test/support/vault-fixtures';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/ipc/channels';
import { DEFAULT_PANIC_SHORTCUT } from '../shared/privacy/model';
import { LOCAL_DICTIONARY_URL } from './security/session-policy';
import { createMainWindowOptions, SESSION_PARTITION } from './security/window-options';
import { VAULT_FOLDER } from './services';
import { VaultSession } from './vault/vault-session';
import { CLOSE_FALLBACK_MS } from './window/page-handshakes';

// The app starts once for the whole file, as it does in life, so its folder outlives each test.
const userData = mkdtempSync(path.join(tmpdir(), 'stillwater-main-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));
const runtime = createElectronRuntimeFake(userData);

vi.mock('electron', () => ({ default: runtime.electron, ...runtime.electron }));
// electron-store would load the real electron package; conf is the engine it runs on.
vi.mock('electron-store', async () => ({
  default: (await import('../../test/support/settings-file')).ConfElectronStore,
}));

afterEach(() => {
  vi.useRealTimers();
});

/**
 * Loads the real src/main/index.ts against the fake Electron above and checks what it
 * actually did: these are the options and policies the running app uses, not a copy.
 */
async function startApp() {
  await import('./index');
  await runtime.start();
  expect(runtime.record.windows).toHaveLength(1);
  return runtime.record;
}

const PASSPHRASE = 'a passphrase for tests';
const PAGE = { senderFrame: { url: 'app://stillwater/index.html', parent: null } };

/** Calls main on `channel` as the page does, through the listener index.ts registered. */
async function invoke(channel: string, input?: unknown): Promise<unknown> {
  const listener = runtime.record.ipcListeners.get(channel);
  if (!listener) throw new Error(`nothing listens on ${channel}`);
  return listener(PAGE, input);
}

/** An open vault, made quickly: the app's own would calibrate Argon2 to this machine. */
async function openVault(): Promise<void> {
  if (!existsSync(path.join(userData, VAULT_FOLDER))) {
    const seed = new VaultSession({ dir: path.join(userData, VAULT_FOLDER), kdf: FAST_KDF });
    await seed.create(PASSPHRASE);
    await seed.lock();
  }
  await expect(invoke(INVOKE_CHANNELS.unlockVault, { passphrase: PASSPHRASE })).resolves.toEqual({
    ok: true,
    value: undefined,
  });
  await expect(invoke(INVOKE_CHANNELS.getStartup)).resolves.toMatchObject({
    ok: true,
    value: { vault: 'unlocked' },
  });
}

const nextReload = (window: FakeWindowRecord) =>
  new Promise<void>((resolve) => window.webContents.once('reload', () => resolve()));

describe('the composition root', () => {
  it('creates its one window with exactly the security baseline', async () => {
    const record = await startApp();
    const [window] = record.windows;
    const expected = createMainWindowOptions({
      preloadPath: String((window?.options['webPreferences'] as { preload: string }).preload),
      iconPath: String(window?.options['icon']),
      placement: { width: 1100, height: 820 },
      backgroundColor: '#f7f5f0',
      allowDevTools: false,
      spellCheckAvailable: process.platform === 'darwin',
    });
    expect(window?.options).toEqual(expected);
    expect((window?.options['webPreferences'] as { preload: string }).preload).toMatch(
      /preload[/\\]index\.cjs$/,
    );
    expect(window?.loadedUrl).toBe('app://stillwater/index.html');
    expect(existsSync(String(window?.options['icon']))).toBe(true);
    expect(record.singleInstanceRequested).toBe(true);
  });

  it('puts the page in an in-memory session that refuses permissions, spellcheck and the network', async () => {
    const record = await startApp();
    expect(record.partition).toBe(SESSION_PARTITION);
    expect(record.spellChecker).toBe(false);
    expect(record.dictionaryUrl).toBe(LOCAL_DICTIONARY_URL);
    let granted: boolean | undefined;
    record.permissionRequest?.({}, 'geolocation', (answer) => (granted = answer));
    expect(granted).toBe(false);
    let answer: { cancel: boolean } | undefined;
    record.beforeRequest?.({ url: 'https://example.org/' }, (response) => (answer = response));
    expect(answer).toEqual({ cancel: true });
    expect(record.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect([...record.protocolHandlers.keys()]).toEqual(['app']);
  });

  it('checks spelling only on a Mac, and titles the window Notes with discreet titles', async () => {
    const record = await startApp();
    const window = record.windows[0] as FakeWindowRecord;
    await expect(
      invoke(INVOKE_CHANNELS.updatePreferences, { spellCheck: true, discreetTitles: true }),
    ).resolves.toMatchObject({ ok: true });
    expect(record.spellChecker).toBe(process.platform === 'darwin');
    expect(window.titles.at(-1)).toBe('Notes');
    await expect(
      invoke(INVOKE_CHANNELS.updatePreferences, { spellCheck: false, discreetTitles: false }),
    ).resolves.toMatchObject({ ok: true });
    expect(record.spellChecker).toBe(false);
    expect(window.titles.at(-1)).toBe('Stillwater');
  });

  it('registers every IPC channel through the router, the panic key, and no content protection on Linux', async () => {
    const record = await startApp();
    expect([...record.ipcChannels].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    expect(record.shortcuts).toEqual([DEFAULT_PANIC_SHORTCUT]);
    if (process.platform === 'linux')
      expect(record.contentProtection.every((on) => !on)).toBe(true);
  });

  it('hides and locks once from the page, though the page then asks to lock too', async () => {
    const record = await startApp();
    const window = record.windows[0] as FakeWindowRecord;
    await openVault();
    const before = { hidden: window.hidden, reloads: window.reloads };
    await expect(invoke(INVOKE_CHANNELS.panic)).resolves.toEqual({ ok: true, value: undefined });
    await invoke(INVOKE_CHANNELS.lockVault);
    expect({ hidden: window.hidden, reloads: window.reloads }).toEqual({
      hidden: before.hidden + 1,
      reloads: before.reloads + 1,
    });
    await expect(invoke(INVOKE_CHANNELS.getStartup)).resolves.toMatchObject({
      ok: true,
      value: { vault: 'locked' },
    });
  });

  it('locks from the menu by asking the page to save first, and locks anyway when it cannot', async () => {
    const record = await startApp();
    const window = record.windows[0] as FakeWindowRecord;
    await openVault();
    const lockNow = (record.menuTemplate as MenuItemConstructorOptions[])
      .flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []))
      .find((item) => item.id === 'lock');
    const reloaded = nextReload(window);
    lockNow?.click?.({} as never, undefined, {} as never);
    expect(window.sent.at(-1)).toEqual([EVENT_CHANNELS.onMenuCommand, 'lock']);
    // The page here never answers; main waits for it a moment, then locks by itself.
    await expect(invoke(INVOKE_CHANNELS.getStartup)).resolves.toMatchObject({
      ok: true,
      value: { vault: 'unlocked' },
    });
    await reloaded;
    await expect(invoke(INVOKE_CHANNELS.getStartup)).resolves.toMatchObject({
      ok: true,
      value: { vault: 'locked' },
    });
  });

  it('brings its one window forward when started again, restored if minimised, with no second window', async () => {
    const record = await startApp();
    const window = record.windows[0] as FakeWindowRecord;
    const channels = record.ipcChannels.length;

    const before = window.raised.length;
    runtime.launchAgain();
    expect(window.raised.slice(before)).toEqual(['show', 'focus']);

    window.minimised = true;
    const minimisedBefore = window.raised.length;
    runtime.launchAgain();
    expect(window.raised.slice(minimisedBefore)).toEqual(['restore', 'show', 'focus']);
    expect(window.minimised).toBe(false);

    // The same window, the same services: nothing is built or registered a second time.
    expect(record.windows).toEqual([window]);
    expect(record.ipcChannels).toHaveLength(channels);
    expect(record.quits).toBe(0);
  });

  // Last: the window closes for good here.
  it('closes the window only after asking the page to save, or once the page cannot answer', async () => {
    const record = await startApp();
    const window = record.windows[0] as FakeWindowRecord;
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let prevented = 0;
    const closeEvent = { preventDefault: () => (prevented += 1) };
    window.emit('close', closeEvent);
    expect(prevented).toBe(1);
    expect(window.sent.at(-1)).toEqual([EVENT_CHANNELS.onMenuCommand, 'save-and-close']);
    // The page has saved and closes the window itself: that close goes through.
    window.emit('close', closeEvent);
    expect(prevented).toBe(1);
    // A page that could not answer does not keep the window up.
    vi.advanceTimersByTime(CLOSE_FALLBACK_MS - 1);
    expect(window.destroyed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(window.destroyed).toBe(true);
  });
});
