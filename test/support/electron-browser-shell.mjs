/**
 * A blank window for the end-to-end tests when the only Chromium on the machine is the
 * Electron binary (see test-browser.ts). It has no preload and no Node: the tests put the
 * app's bridge into the page themselves, as they do in Chromium.
 */
import { app, BrowserWindow } from 'electron';

app.setPath('userData', process.env.STILLWATER_SHELL_PROFILE);
const [width, height] = (process.env.STILLWATER_SHELL_SIZE ?? '1200x800').split('x').map(Number);

app.whenReady().then(() => {
  const window = new BrowserWindow({
    show: false,
    width,
    height,
    useContentSize: true,
    webPreferences: { sandbox: true, contextIsolation: true, backgroundThrottling: false },
  });
  void window.loadURL('about:blank');
});
app.on('window-all-closed', () => app.quit());
