import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';
import type { TaskProgress } from '../../shared/backup/schemas';
import { EVENT_CHANNELS } from '../../shared/ipc/channels';
import type { MenuCommand } from '../../shared/menu-commands';
import { windowTitle, type ReaderPreferences } from '../../shared/preferences/model';
import type { MainPage } from '../main-app';
import { createMainWindowOptions } from '../security/window-options';
import type { SettingsService } from '../settings/settings-service';
import { closeAfterSaving } from './page-handshakes';
import { trackWindow } from './track-window';
import { placeWindow, type Rectangle } from './window-placement';

/** The parts of a BrowserWindow the main window uses. */
export interface BrowserWindowLike {
  readonly webContents: {
    send(channel: string, payload: unknown): void;
    reload(): void;
    printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
  };
  on(
    event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'minimize' | 'close',
    listener: () => void,
  ): unknown;
  on(
    event: 'close' | 'page-title-updated',
    listener: (event: { preventDefault(): void }) => void,
  ): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  setContentProtection(on: boolean): void;
  setTitle(title: string): void;
  loadURL(url: string): Promise<void>;
  maximize(): void;
  restore(): void;
  show(): void;
  focus(): void;
  destroy(): void;
}

/** The parts of Electron's nativeTheme the window follows. */
export interface NativeThemeLike {
  themeSource: ReaderPreferences['theme'];
  readonly shouldUseDarkColors: boolean;
}

export interface MainWindowOptions {
  settings: SettingsService;
  /** Where each screen's usable area is, the primary screen first. */
  workAreas: readonly Rectangle[];
  theme: NativeThemeLike;
  preloadPath: string;
  iconPath: string;
  allowDevTools: boolean;
  /** Whether spelling can be checked without sending anything out (src/main/privacy/spell-check.ts). */
  spellCheckAvailable: boolean;
  /** Builds the real window from its options: `new BrowserWindow(options)`. */
  create(options: BrowserWindowConstructorOptions): BrowserWindowLike;
}

/** Painted before the page is, so the window never flashes the other colour. */
const BACKGROUND = { light: '#f7f5f0', dark: '#1b1d1f' };

/**
 * Stillwater's one window: placed where it was last time, following the reader's theme,
 * titled "Stillwater" (or "Notes", with discreet titles) whatever the page says, and closed
 * only once the page has saved.
 */
export class MainWindow implements MainPage {
  readonly #window: BrowserWindowLike;

  constructor({ settings, workAreas, theme, create, ...files }: MainWindowOptions) {
    // The theme comes first: the background colour below depends on it.
    const applyTheme = () => (theme.themeSource = settings.readerPreferences().theme);
    applyTheme();
    settings.onReaderPreferencesChange(applyTheme);

    const titleNow = () => windowTitle(settings.readerPreferences().discreetTitles);
    const { maximized, ...placement } = placeWindow(settings.savedWindow(), workAreas);
    const window = create(
      createMainWindowOptions({
        ...files,
        placement,
        title: titleNow(),
        backgroundColor: theme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
      }),
    );
    this.#window = window;
    // The page's own title never reaches the window, before or after a reload: only main's.
    window.on('page-title-updated', (event) => event.preventDefault());
    settings.onReaderPreferencesChange(() => {
      if (!window.isDestroyed()) window.setTitle(titleNow());
    });
    if (maximized) window.maximize();
    trackWindow(window, (state) => settings.saveWindow(state));
    closeAfterSaving(window, (command) => this.send(command));
    window.once('ready-to-show', () => window.show());
  }

  load(url: string): Promise<void> {
    return this.#window.loadURL(url);
  }

  show(): void {
    this.#window.show();
  }

  /** Another start of Stillwater brings this window forward instead. */
  bringForward(): void {
    if (this.#window.isMinimized()) this.#window.restore();
    this.#window.show();
    this.#window.focus();
  }

  reload(): void {
    this.#window.webContents.reload();
  }

  send(command: MenuCommand): void {
    this.#window.webContents.send(EVENT_CHANNELS.onMenuCommand, command);
  }

  progress(progress: TaskProgress): void {
    this.#window.webContents.send(EVENT_CHANNELS.onTaskProgress, progress);
  }

  /** The page's print styles decide the layout; the margins are theirs too (`@page`). */
  printToPdf(): Promise<Uint8Array> {
    return this.#window.webContents.printToPDF({
      printBackground: false,
      preferCSSPageSize: true,
      generateDocumentOutline: true,
      generateTaggedPDF: true,
    });
  }

  setContentProtection(on: boolean): void {
    this.#window.setContentProtection(on);
  }

  onMinimise(listener: () => void): void {
    this.#window.on('minimize', listener);
  }
}
