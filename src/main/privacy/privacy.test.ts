import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { openConfSettingsFile } from '../../../test/support/settings-file';
import { tempDirs } from '../../../test/support/temp-dir';
import { startTestMainApp } from '../../../test/support/test-main-app';
import { DEFAULT_PRIVACY_SETTINGS, type AutoLockMinutes } from '../../shared/privacy/model';
import { openSettings } from '../services';
import { startAutoLock, type PowerMonitorLike } from './auto-lock';
import { createClipboardGuard } from './clipboard-guard';
import { createPanic, type GlobalShortcutLike } from './panic';
import { createPrivacyControls } from './privacy-controls';

function fakePowerMonitor() {
  const listeners = new Map<string, () => void>();
  const power: PowerMonitorLike & { idle: number; emit(event: string): void } = {
    idle: 0,
    on: (event, listener) => listeners.set(event, listener),
    getSystemIdleTime: () => power.idle,
    emit: (event) => listeners.get(event)?.(),
  };
  return power;
}

/** A vault that counts how often it was locked, the way the renderer is reset each time. */
function fakeVault() {
  const vault = {
    unlocked: true,
    locks: 0,
    isUnlocked: async () => vault.unlocked,
    lock: async () => {
      vault.unlocked = false;
      vault.locks += 1;
    },
  };
  return vault;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('auto-lock', () => {
  function start(minutes: AutoLockMinutes, lockOnMinimise = false) {
    const power = fakePowerMonitor();
    const vault = fakeVault();
    let tick = () => {};
    const autoLock = startAutoLock({
      power,
      isUnlocked: vault.isUnlocked,
      lock: vault.lock,
      minutes: () => minutes,
      lockOnMinimise: () => lockOnMinimise,
      setInterval: (callback) => (tick = callback),
    });
    return { power, vault, tick: () => tick(), autoLock };
  }

  it('locks after the chosen minutes without input, not before', async () => {
    const { power, vault, tick } = start(5);
    power.idle = 299;
    tick();
    await flush();
    expect(vault.locks).toBe(0);
    power.idle = 300;
    tick();
    await flush();
    expect(vault.locks).toBe(1);
  });

  it('never locks for idleness when set to off', async () => {
    const { power, vault, tick } = start(0);
    power.idle = 100_000;
    tick();
    await flush();
    expect(vault.locks).toBe(0);
  });

  it.each(['lock-screen', 'suspend'])('locks at once on %s', async (event) => {
    const { power, vault } = start(60);
    power.emit(event);
    await flush();
    expect(vault.locks).toBe(1);
  });

  it('locks on minimise only when asked to', async () => {
    const off = start(5, false);
    off.autoLock.minimised();
    await flush();
    expect(off.vault.locks).toBe(0);
    const on = start(5, true);
    on.autoLock.minimised();
    await flush();
    expect(on.vault.locks).toBe(1);
  });

  it('does nothing to a vault that is already locked', async () => {
    const { power, vault } = start(5);
    vault.unlocked = false;
    power.emit('suspend');
    await flush();
    expect(vault.locks).toBe(0);
  });
});

describe('the panic key', () => {
  function fakeShortcuts(taken: string[] = []) {
    const registered = new Map<string, () => void>();
    const shortcuts: GlobalShortcutLike = {
      register: (accelerator, callback) => {
        if (taken.includes(accelerator)) return false;
        registered.set(accelerator, callback);
        return true;
      },
      unregister: (accelerator) => registered.delete(accelerator),
    };
    return { shortcuts, registered };
  }

  it('hides every window and locks, from the shortcut or the button', async () => {
    const { shortcuts, registered } = fakeShortcuts();
    const vault = fakeVault();
    let hidden = 0;
    const panic = createPanic({ shortcuts, hideAllWindows: () => (hidden += 1), lock: vault.lock });
    expect(panic.useShortcut(DEFAULT_PRIVACY_SETTINGS.panicShortcut)).toBe(true);
    registered.get(DEFAULT_PRIVACY_SETTINGS.panicShortcut)?.();
    await flush();
    expect({ hidden, locks: vault.locks }).toEqual({ hidden: 1, locks: 1 });
    await panic.panic();
    expect({ hidden, locks: vault.locks }).toEqual({ hidden: 2, locks: 2 });
  });

  it('moves to a new shortcut, and keeps the old one if the new one is taken', () => {
    const { shortcuts, registered } = fakeShortcuts(['Control+Alt+T']);
    const panic = createPanic({ shortcuts, hideAllWindows: () => {}, lock: async () => {} });
    panic.useShortcut('Control+Alt+Shift+H');
    expect(panic.useShortcut('Control+Alt+T')).toBe(false);
    expect([...registered.keys()]).toEqual(['Control+Alt+Shift+H']);
    expect(panic.useShortcut('Control+Alt+Shift+J')).toBe(true);
    expect([...registered.keys()]).toEqual(['Control+Alt+Shift+J']);
  });
});

describe('the clipboard guard', () => {
  // Restored even when an assertion fails, so no later test runs on the fake clock.
  afterEach(() => {
    vi.useRealTimers();
  });

  it('clears what was copied after the delay, unless something else was copied since', async () => {
    vi.useFakeTimers();
    const board = { text: 'my private words', cleared: 0 };
    const guard = createClipboardGuard(
      {
        readText: async () => board.text,
        clear: () => void ((board.text = ''), (board.cleared += 1)),
      },
      30_000,
    );
    guard.clearLater('my private words');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(board.cleared).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(board).toEqual({ text: '', cleared: 1 });

    board.text = 'copied again';
    guard.clearLater('copied again');
    board.text = 'something else entirely';
    await vi.advanceTimersByTimeAsync(30_000);
    expect(board.text).toBe('something else entirely');
  });
});

const makeDir = tempDirs('stillwater-privacy-');

describe('privacy settings', () => {
  let userData: string;
  beforeEach(() => {
    userData = makeDir();
  });

  it('persist across launches and are applied each time they change', () => {
    const applied: unknown[] = [];
    const open = () => {
      return createPrivacyControls({
        settings: openSettings(userData, openConfSettingsFile, captureLogger()),
        contentProtectionAvailable: true,
        spellCheckAvailable: true,
        blockedRequests: () => 3,
        apply: (settings) => applied.push(settings),
        panic: async () => {},
        useShortcut: () => true,
        clearClipboardLater: () => {},
      });
    };
    const first = open();
    expect(first.status()).toEqual({
      settings: DEFAULT_PRIVACY_SETTINGS,
      contentProtectionAvailable: true,
      spellCheckAvailable: true,
      blockedRequests: 3,
    });
    first.update({ autoLockMinutes: 15, lockOnMinimise: true, contentProtection: false });
    expect(open().status().settings).toMatchObject({
      autoLockMinutes: 15,
      lockOnMinimise: true,
      contentProtection: false,
      clearClipboard: true,
    });
    expect(applied).toHaveLength(3);
  });

  it('clears the clipboard only when that option is on', () => {
    const cleared: string[] = [];
    const controls = createPrivacyControls({
      settings: openSettings(userData, openConfSettingsFile, captureLogger()),
      contentProtectionAvailable: false,
      spellCheckAvailable: false,
      blockedRequests: () => 0,
      apply: () => {},
      panic: async () => {},
      useShortcut: () => true,
      clearClipboardLater: (text) => cleared.push(text),
    });
    controls.clearClipboardLater('one');
    controls.update({ clearClipboard: false });
    controls.clearClipboardLater('two');
    expect(cleared).toEqual(['one']);
  });
});

describe('lock and the renderer', () => {
  it('resets the page every time the vault locks, however the lock came about', async () => {
    const main = startTestMainApp(path.join(makeDir(), 'u'));
    await main.services.vault.create('a passphrase for tests');
    // The vault reads as locked before its lock file is released and the page is reloaded,
    // so the test waits for the reload itself, not for the state.
    const reloaded = main.page.nextReload();
    main.power.emit('lock-screen');
    await reloaded;
    expect(main.page.reloads).toBe(1);
    await expect(main.services.vault.state()).resolves.toBe('locked');
  });

  it('hides and locks once when the page hides, though the page then asks to lock too', async () => {
    const main = startTestMainApp(makeDir());
    await main.services.vault.create('a passphrase for tests');
    const frame = { senderFrame: { url: 'app://stillwater/index.html', parent: null } };
    await expect(main.router.dispatch('privacy:panic', frame, undefined)).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    await main.router.dispatch('vault:lock', frame, undefined);
    expect({ hidden: main.hidden(), reloads: main.page.reloads }).toEqual({
      hidden: 1,
      reloads: 1,
    });
    await expect(main.services.vault.state()).resolves.toBe('locked');
  });

  it('hides and locks from the panic shortcut, and locks on minimise when asked to', async () => {
    const main = startTestMainApp(makeDir());
    await main.services.vault.create('a passphrase for tests');
    const reloaded = main.page.nextReload();
    main.shortcuts.get(DEFAULT_PRIVACY_SETTINGS.panicShortcut)?.();
    await reloaded;
    expect(main.hidden()).toBe(1);

    await main.services.vault.unlock('a passphrase for tests');
    main.services.privacy.update({ lockOnMinimise: true });
    const reloadedAgain = main.page.nextReload();
    main.page.minimise();
    await reloadedAgain;
    expect(main.page.reloads).toBe(2);
  });

  it('clears what Stillwater copied when the vault locks or hides, and nothing copied since', async () => {
    const main = startTestMainApp(makeDir());
    const frame = { senderFrame: { url: 'app://stillwater/index.html', parent: null } };
    /** As "Copy" does: the page writes the clipboard, then asks main to clear it later. */
    const copyInStillwater = async (text: string) => {
      main.clipboard.text = text;
      await main.router.dispatch('privacy:clear-clipboard-later', frame, { text });
    };
    await main.services.vault.create('a passphrase for tests');
    await copyInStillwater('the recovery key');
    await main.router.dispatch('vault:lock', frame, undefined);
    expect(main.clipboard.text).toBe('');

    await main.services.vault.unlock('a passphrase for tests');
    await copyInStillwater('a line of my notes');
    await main.router.dispatch('privacy:panic', frame, undefined);
    expect(main.clipboard.text).toBe('');

    await main.services.vault.unlock('a passphrase for tests');
    await copyInStillwater('another line of my notes');
    main.clipboard.text = 'copied from another program';
    await main.router.dispatch('vault:lock', frame, undefined);
    await main.router.dispatch('privacy:panic', frame, undefined);
    expect(main.clipboard.text).toBe('copied from another program');
  });
});
