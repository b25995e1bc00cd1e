import { tick } from 'svelte';
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

/** What the session does its work with once the vault is open (compose-open.ts). */
export interface OpenVaultParts {
  notebook: NotebookState;
  reader: ReaderState;
  view: ViewState;
}

/**
 * The vault's door, and what happens while it is open. Every launch opens at the lock
 * screen, and the guide waits behind it too: what someone reads, and where they stopped, is
 * as private as what they write. Whatever closes the door saves everything first.
 */
export class SessionState<Open extends OpenVaultParts = OpenVaultParts> {
  screen = $state<Screen>('starting');
  /**
   * The guide and what shows it, once loaded: never before the first screen is up. Always
   * there on the start page and while open.
   */
  openParts = $state.raw<Open>();

  #api: SessionApi;
  #preferences: PreferencesState;
  #loadOpen: () => Promise<Open>;
  #opening: Promise<Open> | undefined;

  constructor(api: SessionApi, preferences: PreferencesState, loadOpen: () => Promise<Open>) {
    this.#api = api;
    this.#preferences = preferences;
    this.#loadOpen = loadOpen;
  }

  /**
   * One call to main, then the first screen: each call waited on before painting would add
   * a round-trip to every launch and every reload. Behind the lock or setup screen, the guide
   * loads while the person types.
   */
  async start(): Promise<void> {
    try {
      const startup = await this.#api.getStartup();
      this.#preferences.apply(startup.preferences);
      if (startup.vault === 'unlocked') return await this.opened('reader', startup.reading);
      this.screen = startup.vault === 'none' ? 'setup' : 'locked';
    } catch {
      this.screen = 'unavailable';
      return;
    }
    // A failure here is met again, and answered, when the vault opens.
    void afterNextPaint()
      .then(() => this.#loadOpenParts())
      .catch(() => {});
  }

  /** The open vault's parts, loaded once; a load that failed is tried again. */
  async #loadOpenParts(): Promise<Open> {
    this.#opening ??= this.#loadOpen().catch((error: unknown) => {
      this.#opening = undefined;
      throw error;
    });
    this.openParts = await this.#opening;
    return this.openParts;
  }

  /** The open vault's parts; if they cannot load, the page says it could not start. */
  async #openPartsOrGiveUp(): Promise<Open | undefined> {
    try {
      return await this.#loadOpenParts();
    } catch {
      this.screen = 'unavailable';
      return undefined;
    }
  }

  /**
   * The passphrase or the recovery key has opened the vault: the quiet start page, or the
   * guide where the reader left off, as they chose (start-up brought the choice).
   */
  async unlocked(): Promise<void> {
    if (this.#preferences.unlockOpens !== 'start-page') return this.opened();
    if (await this.#openPartsOrGiveUp()) this.screen = 'start';
  }

  /**
   * The vault is open. The guide shows at once, or `landing` when chosen on the start page;
   * everything written is read in the background, and the notebook fills in when it arrives.
   * `reading` is the place to open at when start-up brought it; after unlocking, it is asked
   * for.
   */
  async opened(landing: Page = 'reader', reading?: ReadingState): Promise<void> {
    const open = await this.#openPartsOrGiveUp();
    if (!open) return;
    this.screen = 'open';
    void open.view.restore(landing, reading);
    // Reading the notebook, and what it brings in (the section's own parts), would
    // otherwise share the guide's first frame and hold it back.
    void afterNextPaint().then(() => this.loadNotebook());
  }

  async loadNotebook(): Promise<void> {
    const { notebook, view } = await this.#loadOpenParts();
    await notebook.load();
    await tick();
    // A page of the person's writing opened while the notebook was read shows a stand-in
    // heading, focused; the page's own heading has just replaced it, and takes the focus
    // that went with it, rather than leave it nowhere.
    if (document.activeElement === document.body && view.page !== 'reader') view.heading?.focus();
  }

  /** Saves the reading place and every unsaved word: none can be unsaved before it opens. */
  async flushAll(): Promise<void> {
    if (!this.openParts) return;
    await Promise.allSettled([this.openParts.reader.flush(), this.openParts.notebook.flush()]);
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
    // The menu reaches the page only once it listens: on the start page or the open guide.
    if (!this.openParts) return;
    const { view } = this.openParts;
    const preferences = this.#preferences;
    const landing = LANDINGS[command];
    if (this.screen === 'start' && landing) {
      if (command === 'show-about') view.settingsTab = 'about';
      if (command === 'back-up-now') view.backUpRequested = true;
      if (command === 'back-up-now') view.settingsTab = 'backup';
      if (landing === 'print') view.printing = command === 'print-journal' ? 'journal' : 'notebook';
      return void this.opened(landing);
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
