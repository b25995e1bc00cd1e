import type { StillwaterApi } from '../../../shared/ipc/api';
import { isMenuCommand, type MenuCommand } from '../../../shared/menu-commands';
import type { ReadingState } from '../../../shared/reading/model';
import { afterNextPaint } from '../lib/frames';
import type { NotebookState } from './notebook.svelte';
import type { PreferencesState } from './preferences.svelte';
import type { ReaderState } from './reader.svelte';
import type { Page, ViewState } from './view.svelte';

export type SessionApi = Pick<
  StillwaterApi,
  'getStartup' | 'lockVault' | 'panic' | 'onMenuCommand'
>;

/** 'start' is the quiet start page that unlocking may open, before anything of the guide. */
export type Screen = 'starting' | 'setup' | 'locked' | 'start' | 'open' | 'unavailable';

/** Menu commands that go somewhere: from the start page, they go into the app, there. */
const LANDINGS: Partial<Record<MenuCommand, Page>> = {
  'next-section': 'reader',
  'previous-section': 'reader',
  'show-about': 'settings',
  'back-up-now': 'settings',
  'print-notebook': 'print',
  'print-journal': 'print',
};

interface Parts {
  preferences: PreferencesState;
  notebook: NotebookState;
  reader: ReaderState;
  view: ViewState;
}

/**
 * The vault's door, and what happens while it is open. Every launch opens at the lock
 * screen, and the guide waits behind it too: what someone reads, and where they stopped, is
 * as private as what they write. Whatever closes the door saves everything first.
 */
export class SessionState {
  screen = $state<Screen>('starting');

  #api: SessionApi;
  #parts: Parts;

  constructor(api: SessionApi, parts: Parts) {
    this.#api = api;
    this.#parts = parts;
  }

  /**
   * One call to main, then the first screen: each call waited on before painting would add
   * a round-trip to every launch and every reload.
   */
  async start(): Promise<void> {
    try {
      const startup = await this.#api.getStartup();
      this.#parts.preferences.apply(startup.preferences);
      if (startup.vault === 'unlocked') this.opened('reader', startup.reading);
      else this.screen = startup.vault === 'none' ? 'setup' : 'locked';
    } catch {
      this.screen = 'unavailable';
    }
  }

  /**
   * The passphrase or the recovery key has opened the vault: the quiet start page, or the
   * guide where the reader left off, as they chose (start-up brought the choice).
   */
  unlocked(): void {
    if (this.#parts.preferences.unlockOpens === 'start-page') this.screen = 'start';
    else this.opened();
  }

  /**
   * The vault is open. The guide shows at once, or `landing` when chosen on the start page;
   * everything written is read in the background, and the notebook fills in when it arrives.
   * `reading` is the place to open at when start-up brought it; after unlocking, it is asked
   * for.
   */
  opened(landing: Page = 'reader', reading?: ReadingState): void {
    this.screen = 'open';
    void this.#parts.view.restore(landing, reading);
    // Reading the notebook, and what it brings in (the section's own parts), would
    // otherwise share the guide's first frame and hold it back.
    void afterNextPaint().then(() => this.loadNotebook());
  }

  async loadNotebook(): Promise<void> {
    await this.#parts.notebook.load();
  }

  /** Saves the reading place and every unsaved word. */
  async flushAll(): Promise<void> {
    await Promise.allSettled([this.#parts.reader.flush(), this.#parts.notebook.flush()]);
  }

  async lock(): Promise<void> {
    await this.flushAll();
    await this.#closeVault();
  }

  /**
   * Hides every window and locks at once; saving goes first, since it takes a moment only.
   * Main's panic locks the vault itself, so the page does not ask again.
   */
  async hide(): Promise<void> {
    await this.flushAll();
    await this.#api.panic();
    this.screen = 'locked';
  }

  async #closeVault(): Promise<void> {
    // Main zeroes its keys and reloads this page, so nothing decrypted survives in memory.
    await this.#api.lockVault();
    this.screen = 'locked';
  }

  /** The window is closing: save everything, then let it go. */
  async saveAndClose(): Promise<void> {
    await this.flushAll();
    window.close();
  }

  /**
   * While the guide is open: follows the application menu, and saves whenever the page may
   * be going away. Returns what stops it.
   */
  listen(): () => void {
    const unsubscribe = this.#api.onMenuCommand((command) => {
      if (isMenuCommand(command)) this.#run(command);
    });
    const flush = () => void this.flushAll();
    const flushWhenHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flushWhenHidden);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flushWhenHidden);
    };
  }

  #run(command: MenuCommand): void {
    const { view, preferences } = this.#parts;
    const landing = LANDINGS[command];
    if (this.screen === 'start' && landing) {
      if (command === 'show-about') view.settingsTab = 'about';
      if (command === 'back-up-now') view.backUpRequested = true;
      if (command === 'back-up-now') view.settingsTab = 'backup';
      if (landing === 'print') view.printing = command === 'print-journal' ? 'journal' : 'notebook';
      return this.opened(landing);
    }
    switch (command) {
      case 'next-section':
        return view.step(1);
      case 'previous-section':
        return view.step(-1);
      case 'text-larger':
        return void preferences.stepTextSize(1);
      case 'text-smaller':
        return void preferences.stepTextSize(-1);
      case 'text-reset':
        return void preferences.resetTextSize();
      case 'show-about':
        return void view.openSettings('about');
      case 'back-up-now':
        return void view.backUpNow();
      case 'print-notebook':
      case 'print-journal':
        return void view.openPrint(command === 'print-notebook' ? 'notebook' : 'journal');
      case 'lock':
        return void this.lock();
      case 'save-and-close':
        return void this.saveAndClose();
    }
  }
}
