import { EventEmitter } from 'node:events';

/**
 * A stand-in for the parts of Electron that src/main/index.ts touches, recording what the
 * composition root did with them: the window it built, the session policy it set, the
 * protocol and IPC handlers it registered. It runs nothing of Chromium.
 */
export interface FakeWindowRecord {
  readonly options: Record<string, unknown>;
  loadedUrl: string;
  /** What main sent to the page, as [channel, payload]. */
  readonly sent: unknown[][];
  reloads: number;
  /** Emits 'reload' each time main reloads the page. */
  readonly webContents: EventEmitter;
  hidden: number;
  destroyed: boolean;
  /** Each title main gave the window after building it, in order. */
  readonly titles: string[];
  /** Whether the window is minimised; a test sets it as the person would. */
  minimised: boolean;
  /** Each restore, show and focus main asked of the window, in order. */
  readonly raised: ('restore' | 'show' | 'focus')[];
  /** Raises one of the window's events, as the OS or the page would. */
  emit(event: string, ...args: unknown[]): boolean;
}

export type FakeInvokeListener = (
  event: { senderFrame: { url: string; parent: unknown } },
  input: unknown,
) => Promise<unknown>;

export interface ElectronRuntimeFake {
  electron: Record<string, unknown>;
  record: {
    windows: FakeWindowRecord[];
    ipcChannels: string[];
    /** What each IPC channel runs, so a test can call main as the page does. */
    ipcListeners: Map<string, FakeInvokeListener>;
    privilegedSchemes: unknown[];
    protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
    permissionRequest:
      ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    beforeRequest:
      | ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void)
      | undefined;
    spellChecker: boolean | undefined;
    /** Where the session was told to download spell-checking dictionaries from. */
    dictionaryUrl: string | undefined;
    partition: string | undefined;
    menuTemplate: unknown;
    shortcuts: string[];
    contentProtection: boolean[];
    singleInstanceRequested: boolean;
    /** How many times main asked the app to quit. */
    quits: number;
    /** The options of each save or open dialog main showed; every one is cancelled. */
    dialogs: unknown[];
  };
  /**
   * Makes the app ready. Resolves once everything chained on `app.whenReady()` before it has
   * run: for src/main/index.ts, all of its start-up.
   */
  start: () => Promise<void>;
  /**
   * What Electron does in the running app when Stillwater is started again: the new process
   * finds the single-instance lock taken, and this one gets 'second-instance'.
   */
  launchAgain: () => void;
}

export interface ElectronRuntimeOptions {
  /** Whether this process gets the single-instance lock: false plays a second launch. */
  singleInstanceLock?: boolean;
  /** The command-line switches the app was started with, without their dashes. */
  switches?: readonly string[];
}

export function createElectronRuntimeFake(
  userData: string,
  { singleInstanceLock = true, switches = [] }: ElectronRuntimeOptions = {},
): ElectronRuntimeFake {
  const record: ElectronRuntimeFake['record'] = {
    windows: [],
    ipcChannels: [] as string[],
    ipcListeners: new Map<string, FakeInvokeListener>(),
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    permissionRequest: undefined as
      ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined,
    beforeRequest: undefined as
      | ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void)
      | undefined,
    spellChecker: undefined as boolean | undefined,
    dictionaryUrl: undefined as string | undefined,
    partition: undefined as string | undefined,
    menuTemplate: undefined as unknown,
    shortcuts: [] as string[],
    contentProtection: [] as boolean[],
    singleInstanceRequested: false,
    quits: 0,
    dialogs: [],
  };

  class FakeBrowserWindow extends EventEmitter {
    readonly options: Record<string, unknown>;
    readonly sent: unknown[][] = [];
    reloads = 0;
    hidden = 0;
    destroyed = false;
    readonly titles: string[] = [];
    minimised = false;
    readonly raised: FakeWindowRecord['raised'] = [];
    readonly webContents = Object.assign(new EventEmitter(), {
      send: (...message: unknown[]) => this.sent.push(message),
      reload: () => {
        this.reloads += 1;
        this.webContents.emit('reload');
      },
      printToPDF: () => Promise.resolve(new Uint8Array()),
    });
    loadedUrl = '';
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      record.windows.push(this);
    }
    static getAllWindows = () => record.windows;
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    setTitle(title: string) {
      this.titles.push(title);
    }
    setContentProtection(on: boolean) {
      record.contentProtection.push(on);
    }
    getNormalBounds = () => ({ x: 0, y: 0, width: 800, height: 600 });
    isMaximized = () => false;
    isMinimized = () => this.minimised;
    isDestroyed = () => this.destroyed;
    maximize() {}
    restore() {
      this.minimised = false;
      this.raised.push('restore');
    }
    show() {
      this.raised.push('show');
    }
    hide() {
      this.hidden += 1;
    }
    focus() {
      this.raised.push('focus');
    }
    destroy() {
      this.destroyed = true;
    }
  }

  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    commandLine: { hasSwitch: (name: string) => switches.includes(name) },
    getPath: () => userData,
    getVersion: () => '0.0.0',
    setPath: () => {},
    requestSingleInstanceLock: () => ((record.singleInstanceRequested = true), singleInstanceLock),
    whenReady: () => ready,
    quit: () => {
      record.quits += 1;
    },
    exit: () => {},
  });

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => ((record.menuTemplate = template), template),
      setApplicationMenu: () => {},
    },
    clipboard: { readText: async () => '', clear: () => {} },
    dialog: {
      showSaveDialog: (_window: unknown, options: unknown) =>
        Promise.resolve((record.dialogs.push(options), { canceled: true })),
      showOpenDialog: (_window: unknown, options: unknown) =>
        Promise.resolve((record.dialogs.push(options), { canceled: true, filePaths: [] })),
    },
    globalShortcut: {
      register: (accelerator: string) => (record.shortcuts.push(accelerator), true),
      unregister: () => {},
      unregisterAll: () => {},
    },
    ipcMain: {
      handle: (channel: string, listener: FakeInvokeListener) => {
        record.ipcChannels.push(channel);
        record.ipcListeners.set(channel, listener);
      },
    },
    nativeTheme: { themeSource: 'system', shouldUseDarkColors: false },
    powerMonitor: Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 }),
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) =>
        record.privilegedSchemes.push(...schemes),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      fromPartition: (partition: string) => {
        record.partition = partition;
        return Object.assign(new EventEmitter(), {
          setPermissionRequestHandler: (handler: typeof record.permissionRequest) =>
            (record.permissionRequest = handler),
          setPermissionCheckHandler: () => {},
          setSpellCheckerEnabled: (enabled: boolean) => (record.spellChecker = enabled),
          setSpellCheckerDictionaryDownloadURL: (url: string) => (record.dictionaryUrl = url),
          webRequest: {
            onBeforeRequest: (listener: typeof record.beforeRequest) =>
              (record.beforeRequest = listener),
          },
          protocol: {
            handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
              record.protocolHandlers.set(scheme, handler),
          },
        });
      },
    },
  };
  return {
    electron,
    record,
    start: () => {
      resolveReady();
      // Reactions run in the order they were added, and index.ts added its own on import.
      return ready.then(() => undefined);
    },
    launchAgain: () => {
      app.emit('second-instance', {}, ['stillwater'], process.cwd(), {});
    },
  };
}
