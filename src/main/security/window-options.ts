import type { BrowserWindowConstructorOptions } from 'electron';

/** Fixed and neutral: the title bar and the task bar never say what is being read. */
export const WINDOW_TITLE = 'Stillwater';

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
}

/** The one place the window's security settings are decided; a test pins them exactly. */
export function createMainWindowOptions({
  preloadPath,
  iconPath,
  placement,
  backgroundColor,
  allowDevTools,
}: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...placement,
    minWidth: 420,
    minHeight: 360,
    title: WINDOW_TITLE,
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
      spellcheck: false,
      safeDialogs: true,
      devTools: allowDevTools,
    },
  };
}
