/** The parts of Electron's WebContents that hardening touches. */
export interface HardenableWebContents {
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  on(event: string, listener: (event: { preventDefault(): void }) => void): unknown;
}

/** Events whose default would load something other than the app's own page. */
export const DENIED_WEB_CONTENTS_EVENTS = [
  'will-navigate',
  'will-redirect',
  'will-frame-navigate',
  'will-attach-webview',
] as const;

/**
 * The app is one page. Nothing may open a window, navigate away, or embed a webview: a link
 * in the guide or in the user's notes must never turn into a request.
 */
export function hardenWebContents(contents: HardenableWebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  for (const event of DENIED_WEB_CONTENTS_EVENTS) {
    contents.on(event, (navigation) => navigation.preventDefault());
  }
}
