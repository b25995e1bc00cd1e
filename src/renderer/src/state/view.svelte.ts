import { tick } from 'svelte';
import type { SectionId } from '../../../shared/guide/ids';
import type { ReadingState } from '../../../shared/reading/model';
import { focusAfterUpdate } from '../lib/focus';
import { SHORTCUTS } from '../../../shared/shortcuts';
import { matchesAccelerator, sectionStepForKey } from '../lib/keyboard';
import { placeOf, reveal, type ItemPlace } from '../lib/reveal';
import {
  PAGE_LOADERS,
  loadSectionNotebook,
  preloadPages,
  type LazyPage,
  type PageComponents,
} from '../lib/pages';
import type { PrintWhat } from '../lib/export/notebook-outline';
import type { ReaderState } from './reader.svelte';

export type Page = 'reader' | LazyPage;

/** The button that opens the contents where they fold away (narrow windows, large text). */
export const CONTENTS_TOGGLE_ID = 'contents-toggle';

/** The Settings page's tabs, in order. */
export const SETTINGS_TABS = ['display', 'privacy', 'passphrase', 'backup', 'about'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

/** How long after the guide appears the other pages start loading, once the page is quiet. */
const PRELOAD_DELAY_MS = 1500;

const SAVED_PLACE_LOST =
  'Stillwater could not find where you left off, so the guide opens at the start.';

function scrollToFraction(fraction: number): void {
  const scrollable = document.documentElement.scrollHeight - window.innerHeight;
  window.scrollTo({ top: Math.max(0, scrollable * fraction), behavior: 'instant' });
}

/** What shows the person's items in lists, where one may be beyond what is shown. */
export interface ItemLists {
  bringIntoView(id: string): Promise<void>;
}

/**
 * What is on screen: the guide at a section, or one of the pages beside it, and the panels
 * that open over them. After every move the new heading takes focus, so keyboard and screen
 * reader users start where the page starts.
 */
export class ViewState {
  page = $state<Page>('reader');
  /** The pages beside the guide that have loaded so far. */
  pages = $state<PageComponents>({});
  searchOpen = $state(false);
  contentsOpen = $state(false);
  /** The tab the Settings page shows, kept while the person goes back and forth. */
  settingsTab = $state<SettingsTab>('display');
  /** The menu asked for a backup: Settings › Backup starts one as it shows. */
  backUpRequested = $state(false);
  /** False until the reading place is known, so the guide never opens at the wrong section. */
  ready = $state(false);
  /** A calm word about something that did not go as it should, shown above the page. */
  notice = $state('');
  /** What the print page lays out. */
  printing = $state<PrintWhat>('notebook');
  /** The heading of what is on screen, bound by each page. */
  heading = $state<HTMLElement>();
  /** The section's text, bound by the section reader, measured as the reader scrolls. */
  article = $state<HTMLElement>();

  #reader: ReaderState;
  #lists: ItemLists;
  #measureQueued = false;
  #beforeCare: LazyPage = 'steps';
  #beforePrint: Page = 'reader';
  /** Counts every move to a page, so that only the latest one lands. */
  #moves = 0;

  constructor(reader: ReaderState, lists: ItemLists) {
    this.#reader = reader;
    this.#lists = lists;
  }

  /**
   * The vault has opened: the guide, where the reader left off; or, chosen on the start page,
   * `landing`, with the reader's place loaded behind it but never shown on the way there.
   */
  async restore(landing: Page = 'reader', known?: ReadingState): Promise<void> {
    this.page = 'reader';
    this.ready = false;
    this.searchOpen = false;
    this.contentsOpen = false;
    const arriving = landing === 'reader' ? null : this.openPage(landing);
    let position = 0;
    try {
      position = await this.#reader.load(known);
      this.notice = this.#reader.savedPlaceLost ? SAVED_PLACE_LOST : '';
    } catch {
      this.notice = SAVED_PLACE_LOST;
    }
    if (arriving) {
      // That page has the focus; the guide is ready for when the reader goes back to it.
      await arriving;
      this.ready = true;
      setTimeout(preloadPages, PRELOAD_DELAY_MS);
      return;
    }
    this.ready = true;
    // Coming in from the lock or setup screen, whose button has gone: the section's heading.
    await focusAfterUpdate(() => this.heading);
    scrollToFraction(position);
    this.measure();
    setTimeout(preloadPages, PRELOAD_DELAY_MS);
  }

  async openSection(id: SectionId): Promise<void> {
    this.#reader.goTo(id);
    this.#moves += 1;
    this.page = 'reader';
    this.contentsOpen = false;
    await this.#arrive();
    this.measure();
  }

  backToGuide(): Promise<void> {
    return this.openSection(this.#reader.currentId);
  }

  async openPage(page: LazyPage): Promise<void> {
    void this.#reader.flush();
    const move = ++this.#moves;
    if (!this.pages[page]) {
      const loaded = (await PAGE_LOADERS[page]()).default;
      this.pages = { ...this.pages, [page]: loaded };
    }
    // Asked for somewhere else while this page's code loaded: the later ask wins.
    if (move !== this.#moves) return;
    this.page = page;
    await this.#arrive();
  }

  /**
   * The care page, from the Steps page or Settings › About: going back returns there, with
   * focus on the way to the care page again.
   */
  async openCare(): Promise<void> {
    if (this.page !== 'reader' && this.page !== 'care') this.#beforeCare = this.page;
    await this.openPage('care');
  }

  async leaveCare(): Promise<void> {
    await this.openPage(this.#beforeCare);
    await focusAfterUpdate(() => document.querySelector<HTMLElement>('.care-link'));
  }

  /** The notebook or the journal laid out for paper; going back returns where it was opened. */
  async openPrint(what: PrintWhat): Promise<void> {
    if (this.page !== 'print') this.#beforePrint = this.page;
    this.printing = what;
    await this.openPage('print');
  }

  /** Back where the print view was opened, to the very button that opened it if it is there. */
  async leavePrint(): Promise<void> {
    const back = this.#beforePrint;
    await (back === 'reader' ? this.backToGuide() : this.openPage(back));
    await focusAfterUpdate(() =>
      document.querySelector<HTMLElement>(`[data-print-opener="${this.printing}"]`),
    );
  }

  /**
   * Opens the folded contents with focus on the section being read, so the next key goes
   * through them, not past them to Lock and Hide; closing hands focus back to the button.
   */
  async toggleContents(): Promise<void> {
    this.contentsOpen = !this.contentsOpen;
    await focusAfterUpdate(
      this.contentsOpen
        ? () =>
            document.querySelector<HTMLElement>('#contents [aria-current="page"]') ??
            document.querySelector<HTMLElement>('#contents button')
        : () => document.getElementById(CONTENTS_TOGGLE_ID),
    );
  }

  openSettings(tab: SettingsTab = this.settingsTab): Promise<void> {
    this.settingsTab = tab;
    return this.openPage('settings');
  }

  /** File › Back Up Now…: the backup starts in Settings, where its progress and outcome show. */
  backUpNow(): Promise<void> {
    this.backUpRequested = true;
    return this.openSettings('backup');
  }

  /**
   * Goes where a search result or a notebook item points, and on to the passage, highlight,
   * note or entry itself, marked briefly and focused. Where that is not on the page (a search
   * that matched only a heading), the page's heading keeps the focus.
   */
  async openItem(item: ItemPlace & { sectionId: SectionId | null }): Promise<void> {
    this.searchOpen = false;
    if (item.kind === 'journal-entry') await this.openPage('journal');
    else if (item.kind === 'step-work') await this.openPage('steps');
    else if (item.sectionId) await this.openSection(item.sectionId);
    else return;
    // A note or highlight is in the part of the section that loads with the notebook.
    await loadSectionNotebook();
    // A long list shows its first items only, and an old entry may still be arriving.
    if (item.kind !== 'guide') await this.#lists.bringIntoView(item.id);
    await tick();
    const place = placeOf(item);
    if (place) reveal(place.target, place.focus);
  }

  step(direction: 1 | -1): void {
    const target = direction === 1 ? this.#reader.next : this.#reader.previous;
    if (target) void this.openSection(target.section.id);
  }

  onKeydown(event: KeyboardEvent): void {
    if (matchesAccelerator(event, SHORTCUTS.search.keys)) {
      event.preventDefault();
      this.searchOpen = true;
      return;
    }
    if (
      this.contentsOpen &&
      !event.defaultPrevented &&
      matchesAccelerator(event, SHORTCUTS.close.keys)
    ) {
      event.preventDefault();
      void this.toggleContents();
      return;
    }
    const direction = this.page === 'reader' ? sectionStepForKey(event) : null;
    if (direction === null) return;
    event.preventDefault();
    this.step(direction);
  }

  /** Measures once per frame at most, however fast the scroll events come. */
  onScroll(): void {
    if (this.#measureQueued) return;
    this.#measureQueued = true;
    requestAnimationFrame(() => {
      this.#measureQueued = false;
      this.measure();
    });
  }

  /**
   * Tells the reader state where the reader stands. What was read is not measured here:
   * SectionReader watches the blocks themselves (lib/watch-reading).
   */
  measure(): void {
    if (!this.article || this.page !== 'reader') return;
    const scrollable = document.documentElement.scrollHeight - window.innerHeight;
    const position = scrollable > 0 ? window.scrollY / scrollable : 0;
    // A page that has not been laid out yet has no place to tell.
    if (this.article.getBoundingClientRect().height === 0) return;
    this.#reader.reportPosition(position);
  }

  async #arrive(): Promise<void> {
    await tick();
    scrollToFraction(0);
    this.heading?.focus({ preventScroll: true });
    // In a small window at large text the top bar can fill the first screen: the page starts
    // at its top, but its heading, now focused, is brought up into view.
    if (this.heading && this.heading.getBoundingClientRect().bottom > window.innerHeight) {
      this.heading.scrollIntoView({ block: 'start', behavior: 'instant' });
    }
  }
}
