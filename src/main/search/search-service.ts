import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { SectionId } from '../../shared/guide/ids';
import type { Guide } from '../../shared/guide/model';
import type { NotebookItem } from '../../shared/notebook/model';
import { MAX_RESULTS, type SearchHit } from '../../shared/search/model';
import { snippet } from '../../shared/search/snippet';
import type { NotebookWatcher } from '../notebook/notebook-service';
import { SearchEngine, forgetLastMatchedText } from './search-engine';
import { guideDocuments, itemDocument, type SearchDocument } from './search-documents';

/** What search needs of the notebook: to be told of every change, and to have it read. */
export interface SearchableNotebook {
  watch(watcher: NotebookWatcher): void;
  whenLoaded(): Promise<void>;
}

export interface SearchServiceOptions {
  guide: Guide;
  notebook: SearchableNotebook;
  /** The language dates are written in where search matches them ("March", "Thursday"). */
  locale: () => string;
  /**
   * Lets the rest of main run: the index is built a few milliseconds at a time, so a save
   * made while it builds waits no longer than that.
   */
  letOthersRun?: () => Promise<void>;
  /** How long building keeps main to itself before letting others run. */
  buildSliceMs?: number;
}

/**
 * One search over the guide and everything written, kept in main beside the decrypted
 * notebook, so the page never holds an index, and a query sends back only the top results
 * with a marked snippet each. The index lives in memory only, while the vault is open: it is
 * built when the notebook is read, follows each change with that one document, and is
 * dropped on lock.
 */
export class SearchService {
  readonly #notebook: SearchableNotebook;
  readonly #locale: () => string;
  readonly #letOthersRun: () => Promise<void>;
  readonly #buildSliceMs: number;
  readonly #guideDocuments: ReadonlyMap<string, SearchDocument>;
  readonly #sectionLabels: ReadonlyMap<SectionId, string>;
  #engine: SearchEngine | null = null;
  #items: ReadonlyMap<string, NotebookItem> | null = null;
  #building: Promise<void> | null = null;
  /** Counts the queries asked, so that of those waiting for the index only the last runs. */
  #asked = 0;

  constructor({
    guide,
    notebook,
    locale,
    letOthersRun = () => yieldToEvents(),
    buildSliceMs = 8,
  }: SearchServiceOptions) {
    this.#notebook = notebook;
    this.#locale = locale;
    this.#letOthersRun = letOthersRun;
    this.#buildSliceMs = buildSliceMs;
    this.#guideDocuments = new Map(guideDocuments(guide).map((doc) => [doc.id, doc]));
    this.#sectionLabels = new Map(
      guide.parts.flatMap((part) => part.sections.map((section) => [section.id, section.label])),
    );
    notebook.watch({
      loaded: (items) => this.#startBuilding(items),
      saved: (item) => this.#engine?.add(item.id, this.#documentOf(item)),
      removed: (id) => this.#engine?.remove(id),
      forgotten: () => this.#forget(),
    });
  }

  #documentOf(item: NotebookItem): SearchDocument {
    return itemDocument(item, (id) => this.#sectionLabels.get(id) ?? id, this.#locale());
  }

  /**
   * A new engine takes every change from now on; the items are added from the live map, so
   * one saved meanwhile goes in as it is now, and one removed meanwhile is passed over.
   */
  #startBuilding(items: ReadonlyMap<string, NotebookItem>): void {
    const engine = new SearchEngine();
    this.#engine = engine;
    this.#items = items;
    for (const doc of this.#guideDocuments.values()) engine.add(doc.id, doc);
    this.#building = this.#addItems(engine, items);
  }

  async #addItems(engine: SearchEngine, items: ReadonlyMap<string, NotebookItem>) {
    let sliceStart = performance.now();
    for (const id of [...items.keys()]) {
      if (this.#engine !== engine) return;
      if (performance.now() - sliceStart >= this.#buildSliceMs) {
        await this.#letOthersRun();
        sliceStart = performance.now();
        if (this.#engine !== engine) return;
      }
      const item = items.get(id);
      if (item && !engine.has(id)) engine.add(id, this.#documentOf(item));
    }
  }

  #forget(): void {
    this.#engine = null;
    this.#items = null;
    this.#building = null;
    forgetLastMatchedText();
  }

  /** Waits for the index of the notebook as it is now; reads the notebook if need be. */
  async #ready(): Promise<{ engine: SearchEngine; items: ReadonlyMap<string, NotebookItem> }> {
    for (;;) {
      await this.#notebook.whenLoaded();
      const { engine, items, building } = {
        engine: this.#engine,
        items: this.#items,
        building: this.#building,
      };
      // Forgotten since it was read (a lock, a restore): reading it again says which.
      if (!engine || !items) continue;
      await building;
      // A lock, or a restore's new reading, while it built: wait for the index that follows.
      if (this.#engine === engine) return { engine, items };
    }
  }

  /** The best results for `query`, best first, each with a short marked piece of its words. */
  async search(query: string, limit = MAX_RESULTS): Promise<SearchHit[]> {
    const asked = ++this.#asked;
    const { engine, items } = await this.#ready();
    // Typed while the index was built: the page shows only the answer to its last query.
    if (asked !== this.#asked) return [];
    return engine.search(query, limit).flatMap(({ id, terms }): SearchHit[] => {
      const item = items.get(id);
      const doc = item ? this.#documentOf(item) : this.#guideDocuments.get(id);
      if (!doc) return [];
      return [
        {
          id: doc.id,
          kind: doc.kind,
          sectionId: doc.sectionId,
          title: doc.title,
          terms,
          snippet: snippet(doc.text, terms),
        },
      ];
    });
  }
}
