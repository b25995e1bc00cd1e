import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { openConfSettingsFile } from '../../../test/support/settings-file';
import { tempDirs } from '../../../test/support/temp-dir';
import guide from '../../../resources/guide/guide.json';
import { DEFAULT_PRIVACY_SETTINGS } from '../../shared/privacy/model';
import { DEFAULT_READER_PREFERENCES } from '../../shared/preferences/model';
import { openSettings } from '../services';
import { MainWindow, type BrowserWindowLike } from './main-window';

const makeDir = tempDirs('stillwater-window-');

/** A window as the OS shows it: its title, and the page's attempts to change it. */
class RecordingWindow implements BrowserWindowLike {
  readonly titles: string[] = [];
  readonly #events = new EventEmitter();
  readonly webContents = {
    send: () => {},
    reload: () => this.#events.emit('reloaded'),
    printToPDF: () => Promise.resolve(new Uint8Array()),
  };

  constructor(readonly options: BrowserWindowConstructorOptions) {
    if (options.title) this.titles.push(options.title);
  }

  get title(): string {
    return this.titles.at(-1) ?? '';
  }
  /** The page sets document.title, as after a load or a reload: Electron tells the window. */
  pageSetsTitle(title: string): void {
    const event = {
      defaultPrevented: false,
      preventDefault: () => (event.defaultPrevented = true),
    };
    this.#events.emit('page-title-updated', event);
    if (!event.defaultPrevented) this.titles.push(title);
  }
  on(event: string, listener: (event: { preventDefault(): void }) => void): this {
    this.#events.on(event, listener);
    return this;
  }
  once(event: string, listener: () => void): this {
    this.#events.once(event, listener);
    return this;
  }
  setTitle(title: string): void {
    this.titles.push(title);
  }
  getNormalBounds = () => ({ x: 0, y: 0, width: 1000, height: 700 });
  isMaximized = () => false;
  isMinimized = () => false;
  isDestroyed = () => false;
  setContentProtection(): void {}
  loadURL = async () => {};
  maximize(): void {}
  restore(): void {}
  show(): void {}
  focus(): void {}
  destroy(): void {}
}

function openWindow(userData: string, spellCheckAvailable = false) {
  const settings = openSettings(userData, openConfSettingsFile, captureLogger());
  let window: RecordingWindow | undefined;
  const page = new MainWindow({
    settings,
    workAreas: [{ x: 0, y: 0, width: 1920, height: 1080 }],
    theme: { themeSource: 'system', shouldUseDarkColors: false },
    preloadPath: '/app/out/preload/index.cjs',
    iconPath: '/app/resources/icon.png',
    allowDevTools: false,
    spellCheckAvailable,
    create: (options) => (window = new RecordingWindow(options)),
  });
  if (!window) throw new Error('the window was not made');
  return { page, window, settings };
}

const sectionTitles = guide.parts.flatMap((part) => [
  part.label,
  ...part.sections.map((section) => section.label),
]);

describe('the main window’s title', () => {
  it('is Stillwater, and the page can never put what is being read there', () => {
    const { window } = openWindow(makeDir());
    expect(window.title).toBe('Stillwater');
    window.pageSetsTitle(`${guide.title} · Your Boyfriend Is Hurt`);
    expect(window.titles).toEqual(['Stillwater']);
  });

  it('becomes Notes as soon as discreet titles are chosen, and Stillwater again after', () => {
    const { window, settings } = openWindow(makeDir());
    settings.updateReaderPreferences({ discreetTitles: true });
    expect(window.title).toBe('Notes');
    // A lock reloads the page, which sets its title again as it loads: the window keeps its own.
    window.webContents.reload();
    window.pageSetsTitle('Stillwater');
    expect(window.title).toBe('Notes');
    settings.updateReaderPreferences({ discreetTitles: false });
    expect(window.title).toBe('Stillwater');
    for (const title of window.titles) {
      for (const section of sectionTitles) expect(title).not.toContain(section);
    }
  });

  it('opens as Notes when discreet titles were chosen before', () => {
    const userData = makeDir();
    writeFileSync(
      path.join(userData, 'settings.json'),
      JSON.stringify({
        ...DEFAULT_READER_PREFERENCES,
        discreetTitles: true,
        ...DEFAULT_PRIVACY_SETTINGS,
        window: null,
      }),
    );
    const { window } = openWindow(userData);
    expect(window.titles).toEqual(['Notes']);
  });
});

describe('the main window and spelling', () => {
  it('can check spelling only where that sends nothing out', () => {
    expect(openWindow(makeDir(), true).window.options.webPreferences?.spellcheck).toBe(true);
    expect(openWindow(makeDir(), false).window.options.webPreferences?.spellcheck).toBe(false);
  });
});
