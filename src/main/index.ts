/**
 * The composition root: the only file that touches Electron's real objects, and electron-store.
 * It hands them, through narrow interfaces, to createMainApp, which does the wiring.
 */
import path from 'node:path';
import {
  BrowserWindow,
  Menu,
  app,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  nativeTheme,
  powerMonitor,
  protocol,
  screen,
  session,
} from 'electron';
import Store from 'electron-store';
import { originOf } from './ipc/ipc-router';
import { createLogger } from './logger';
import { electronFileDialogs } from './backup/file-dialogs';
import { createMainApp } from './main-app';
import { spellCheckAvailableOn } from './privacy/spell-check';
import { buildMenuTemplate } from './menu';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  createAppProtocolHandler,
} from './security/app-protocol';
import { refusedSwitch } from './security/command-line';
import { applySessionPolicy } from './security/session-policy';
import { hardenWebContents } from './security/web-contents';
import { SESSION_PARTITION } from './security/window-options';
import { MainWindow } from './window/main-window';

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

function start(): void {
  const appSession = session.fromPartition(SESSION_PARTITION);
  const sessionPolicy = applySessionPolicy(appSession, {
    allowedUrlPrefixes: trustedOrigins,
    logger: createLogger('session'),
  });
  appSession.protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(path.join(import.meta.dirname, '../renderer')),
  );

  const spellCheckAvailable = spellCheckAvailableOn(process.platform);
  const main = createMainApp({
    userData: app.getPath('userData'),
    openSettingsFile: (options) => new Store<Record<string, unknown>>(options),
    openPage: (settings) =>
      new MainWindow({
        settings,
        workAreas: screen.getAllDisplays().map((display) => display.workArea),
        theme: nativeTheme,
        preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'),
        iconPath: path.join(import.meta.dirname, '../../resources/icon.png'),
        allowDevTools: !app.isPackaged,
        spellCheckAvailable,
        create: (options) => new BrowserWindow(options),
      }),
    clipboard,
    // Each dialog belongs to Stillwater's one window, so it opens over it, not elsewhere.
    dialogs: electronFileDialogs(
      {
        showSaveDialog: (options) => {
          const window = BrowserWindow.getAllWindows()[0];
          return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
        },
        showOpenDialog: (options) => {
          const window = BrowserWindow.getAllWindows()[0];
          return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
        },
      },
      app.getPath('documents'),
    ),
    shortcuts: globalShortcut,
    power: powerMonitor,
    hideAllWindows: () => BrowserWindow.getAllWindows().forEach((open) => open.hide()),
    contentProtectionAvailable: process.platform === 'darwin' || process.platform === 'win32',
    spellChecker: appSession,
    spellCheckAvailable,
    blockedRequests: sessionPolicy.cancelledRequestCount,
    trustedOrigins,
  });
  main.router.register(ipcMain);
  app.on('will-quit', () => globalShortcut.unregisterAll());

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        isDevelopment: !app.isPackaged,
        send: (command) => main.page.send(command),
        lock: () => main.lockSoon(),
      }),
    ),
  );

  void main.page.load(devServerUrl ?? APP_ENTRY_URL);
  // Coming back after a panic needs the passphrase: the vault is already locked.
  app.on('activate', () => main.page.show());
  app.on('second-instance', () => main.page.bringForward());
}

// A packaged app never starts open to a debugger: it could read the unlocked notebook.
const refused = app.isPackaged ? refusedSwitch((name) => app.commandLine.hasSwitch(name)) : null;
if (refused) {
  log.error(`refusing to start with --${refused}`);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
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
