import type { BrowserWindowConstructorOptions } from 'electron';
import { windowTitle } from '../../shared/preferences/model';

/**
 * Neutral: the title bar and the task bar never say what is being read. With discreet titles
 * on, the window is called "Notes" instead (windowTitle, in the shared preferences model).
 */
export const WINDOW_TITLE = windowTitle(false);

/**
 * A partition without the "persist:" prefix lives in memory only, so Chromium keeps no disk
 * cache, cookies or localStorage for the app.
 */
export const SESSION_PARTITION = 'stillwater';

export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface MainWindowOptionsInput {
  preloadPath: string;
  /** A neutral icon, so the task bar says nothing about what the app is for. */
  iconPath: string;
  placement: WindowPlacement;
  backgroundColor: string;
  allowDevTools: boolean;
  /** What the title bar says; neutral by default. */
  title?: string;
  /**
   * Whether the page may ever check spelling: true only where that sends nothing out
   * (src/main/privacy/spell-check.ts). The session's switch then follows the setting; this
   * is fixed for the window's life, so on macOS it is on and the switch decides.
   */
  spellCheckAvailable?: boolean;
}

/** The one place the window's security settings are decided; a test pins them exactly. */
export function createMainWindowOptions({
  preloadPath,
  iconPath,
  placement,
  backgroundColor,
  allowDevTools,
  title = WINDOW_TITLE,
  spellCheckAvailable = false,
}: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...placement,
    minWidth: 420,
    minHeight: 360,
    title,
    icon: iconPath,
    show: false,
    backgroundColor,
    webPreferences: {
      preload: preloadPath,
      partition: SESSION_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: spellCheckAvailable,
      safeDialogs: true,
      devTools: allowDevTools,
    },
  };
}
