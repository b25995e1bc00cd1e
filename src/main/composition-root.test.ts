import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createElectronRuntimeFake } from '../../test/support/electron-runtime-fake';
import { tempDirs } from '../../test/support/temp-dir';
import { INVOKE_CHANNELS } from '../shared/ipc/channels';
import { DEFAULT_PANIC_SHORTCUT } from '../shared/privacy';
import { createMainWindowOptions, SESSION_PARTITION } from './security/window-options';

const makeDir = tempDirs('stillwater-main-');
const runtime = createElectronRuntimeFake(makeDir());

vi.mock('electron', () => ({ default: runtime.electron, ...runtime.electron }));

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

  it('registers every IPC channel through the router, the panic key, and no content protection on Linux', async () => {
    const record = await startApp();
    expect([...record.ipcChannels].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    expect(record.shortcuts).toEqual([DEFAULT_PANIC_SHORTCUT]);
    if (process.platform === 'linux')
      expect(record.contentProtection.every((on) => !on)).toBe(true);
  });
});
