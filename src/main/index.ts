/**
 * The composition root: the only file that touches Electron's real objects and hands them,
 * through narrow interfaces, to the services that do the work.
 */
import path from 'node:path';
import {
  BrowserWindow,
  Menu,
  app,
  clipboard,
  globalShortcut,
  ipcMain,
  nativeTheme,
  powerMonitor,
  protocol,
  screen,
  session,
} from 'electron';
import { EVENT_CHANNELS } from '../shared/ipc/channels';
import type { MenuCommand } from '../shared/menu-commands';
import { CLIPBOARD_CLEAR_SECONDS } from '../shared/privacy';
import { createIpcHandlers } from './ipc/handlers';
import { createIpcRouter, originOf } from './ipc/ipc-router';
import { createLogger } from './logger';
import { startAutoLock } from './privacy/auto-lock';
import { createClipboardGuard } from './privacy/clipboard-guard';
import { createPanic } from './privacy/panic';
import { createPrivacyControls } from './privacy/privacy-controls';
import { buildMenuTemplate } from './menu';
import { openMainServices } from './services';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  createAppProtocolHandler,
} from './security/app-protocol';
import { applySessionPolicy } from './security/session-policy';
import { hardenWebContents } from './security/web-contents';
import { SESSION_PARTITION, createMainWindowOptions } from './security/window-options';
import { trackWindow } from './window/track-window';
import { placeWindow } from './window/window-placement';

const log = createLogger('main');

// The dev server is trusted only in an unpackaged build started by `npm run dev`.
const devServerUrl = (!app.isPackaged && process.env['ELECTRON_RENDERER_URL']) || undefined;
const devServerOrigin = devServerUrl ? originOf(devServerUrl) : null;
const trustedOrigins = devServerOrigin ? [APP_ORIGIN, devServerOrigin] : [APP_ORIGIN];

// Must run before `ready`: app:// behaves as a secure, standard origin with fetch support.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Tests on a machine with Electron point the app at a throwaway folder.
const userDataOverride = (!app.isPackaged && process.env['STILLWATER_USER_DATA']) || undefined;
if (userDataOverride) app.setPath('userData', userDataOverride);

const BACKGROUND = { light: '#f7f5f0', dark: '#1b1d1f' };
const LOCK_FALLBACK_MS = 1500;
const CLOSE_FALLBACK_MS = 3000;

function start(): void {
  const rendererRoot = path.join(import.meta.dirname, '../renderer');
  const appSession = session.fromPartition(SESSION_PARTITION);
  const sessionPolicy = applySessionPolicy(appSession, {
    allowedUrlPrefixes: devServerOrigin ? [APP_ORIGIN, devServerOrigin] : [APP_ORIGIN],
    logger: createLogger('session'),
  });
  appSession.protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));

  // Locking reloads the page: the renderer then holds nothing decrypted, and starts at the
  // lock screen. The window exists by the time anyone can lock.
  let reloadWindow = () => {};
  let applyContentProtection = (_on: boolean) => {};
  const contentProtectionAvailable = process.platform === 'darwin' || process.platform === 'win32';
  const clipboardGuard = createClipboardGuard(clipboard, CLIPBOARD_CLEAR_SECONDS * 1000);
  const panic = createPanic({
    shortcuts: globalShortcut,
    hideAllWindows: () => BrowserWindow.getAllWindows().forEach((open) => open.hide()),
    lock: () => services.vault.lock(),
  });
  const services = openMainServices(app.getPath('userData'), {
    onLocked: () => reloadWindow(),
    privacy: ({ settings }) =>
      createPrivacyControls({
        settings,
        contentProtectionAvailable,
        blockedRequests: sessionPolicy.cancelledRequestCount,
        apply: (privacy) => {
          if (!panic.useShortcut(privacy.panicShortcut)) {
            log.warn('the panic shortcut is taken by another program; keeping the previous one');
          }
          applyContentProtection(contentProtectionAvailable && privacy.contentProtection);
        },
        panic: panic.panic,
        clearClipboardLater: (text) => clipboardGuard.clearLater(text),
      }),
  });
  app.on('will-quit', () => globalShortcut.unregisterAll());
  createIpcRouter({
    handlers: createIpcHandlers(services),
    trustedOrigins,
    logger: createLogger('ipc'),
  }).register(ipcMain);

  const applyTheme = () => {
    nativeTheme.themeSource = services.settings.readerPreferences().theme;
  };
  applyTheme();
  services.settings.onReaderPreferencesChange(applyTheme);

  const { maximized, ...placement } = placeWindow(
    services.settings.savedWindow(),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow(
    createMainWindowOptions({
      preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'),
      iconPath: path.join(import.meta.dirname, '../../resources/icon.png'),
      placement,
      backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
      allowDevTools: !app.isPackaged,
    }),
  );
  window.on('page-title-updated', (event) => event.preventDefault());
  reloadWindow = () => window.webContents.reload();
  applyContentProtection = (on) => window.setContentProtection(on);
  applyContentProtection(
    contentProtectionAvailable && services.settings.privacySettings().contentProtection,
  );
  const autoLock = startAutoLock({
    power: powerMonitor,
    isUnlocked: async () => (await services.vault.state()) === 'unlocked',
    lock: () => services.vault.lock(),
    minutes: () => services.settings.privacySettings().autoLockMinutes,
    lockOnMinimise: () => services.settings.privacySettings().lockOnMinimise,
  });
  window.on('minimize', () => autoLock.minimised());
  // Coming back after a panic needs the passphrase: the vault is already locked.
  app.on('activate', () => window.show());
  if (maximized) window.maximize();
  const send = (command: MenuCommand) =>
    window.webContents.send(EVENT_CHANNELS.onMenuCommand, command);
  trackWindow(window, (state) => services.settings.saveWindow(state));

  // Closing asks the page to save every unsaved word first; the page then closes itself.
  // If it cannot answer in time, the window closes anyway.
  let pageHasSaved = false;
  window.on('close', (event) => {
    if (pageHasSaved) return;
    event.preventDefault();
    pageHasSaved = true;
    send('save-and-close');
    setTimeout(() => {
      if (!window.isDestroyed()) window.destroy();
    }, CLOSE_FALLBACK_MS);
  });
  window.once('ready-to-show', () => window.show());

  // The page saves what is pending, then locks; if it cannot answer, main locks anyway.
  const lockSoon = () => {
    send('lock');
    setTimeout(() => {
      void services.vault.state().then(async (state) => {
        if (state === 'unlocked') await services.vault.lock();
      });
    }, LOCK_FALLBACK_MS);
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        isDevelopment: !app.isPackaged,
        send,
        lock: () => lockSoon(),
      }),
    ),
  );

  void window.loadURL(devServerUrl ?? APP_ENTRY_URL);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Stillwater is already open; it comes forward through `second-instance`.
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error(`could not start: ${error instanceof Error ? error.name : typeof error}`);
      app.exit(1);
    });
}
