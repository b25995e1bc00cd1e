/* eslint-disable svelte/prefer-svelte-reactivity -- the index's bookkeeping is never rendered */
import type { SectionId } from '../../../shared/guide/ids';
import type { Guide } from '../../../shared/guide/model';
import type { NotebookItem } from '../../../shared/notebook/model';
import type { SearchHit, SearchIndex } from '../lib/search';
import { SectionNames } from '../lib/sections';

// MiniSearch is loaded with the first build, after the notebook, never on the way to the guide.
const loadSearch = () => import('../lib/search');
type SearchModule = Awaited<ReturnType<typeof loadSearch>>;
type ItemDocument = SearchModule['itemDocument'];

/**
 * One search over the guide and the notebook. The index is built once, in chunks, after the
 * notebook has loaded; after that each search first brings in only the items that changed.
 */
export class SearchState {
  ready = $state(false);
  #index: SearchIndex | null = null;
  #itemDocument: ItemDocument | null = null;
  #resultTitle: SearchModule['resultTitle'] | null = null;
  // Which version of each item is in the index.
  #indexed = new Map<string, string>();
  #building: Promise<void> | null = null;
  #guide: Guide;
  #notebook: { readonly items: readonly NotebookItem[] };
  #names: SectionNames;
  /** The author's names, which the index matches on whatever the screen shows. */
  #authorsNames: SectionNames;

  constructor(
    guide: Guide,
    notebook: { readonly items: readonly NotebookItem[] },
    names: SectionNames,
  ) {
    this.#guide = guide;
    this.#notebook = notebook;
    this.#names = names;
    this.#authorsNames = new SectionNames(guide, { discreetTitles: false });
  }

  #sectionTitle = (id: SectionId) => this.#authorsNames.section(id);

  /** Builds the index, once; calling it again waits for the same build. */
  prepare(): Promise<void> {
    this.#building ??= (async () => {
      const { SearchIndex, guideDocuments, itemDocument, resultTitle } = await loadSearch();
      const index = new SearchIndex();
      const items = [...this.#notebook.items];
      for (const item of items) this.#indexed.set(item.id, item.updated);
      await index.addAll([
        ...guideDocuments(this.#guide),
        ...items.map((item) => itemDocument(item, this.#sectionTitle)),
      ]);
      this.#index = index;
      this.#itemDocument = itemDocument;
      this.#resultTitle = resultTitle;
      this.ready = true;
    })();
    return this.#building;
  }

  /** Brings in what was saved or removed since the last search. */
  #catchUp(index: SearchIndex, itemDocument: ItemDocument): void {
    const present = new Set<string>();
    for (const item of this.#notebook.items) {
      present.add(item.id);
      if (this.#indexed.get(item.id) !== item.updated) {
        index.upsert(itemDocument(item, this.#sectionTitle));
        this.#indexed.set(item.id, item.updated);
      }
    }
    for (const id of [...this.#indexed.keys()]) {
      if (!present.has(id)) {
        index.remove(id);
        this.#indexed.delete(id);
      }
    }
  }

  /**
   * Reads the notebook's items and the names of sections, so a search shown on screen follows
   * every change to them.
   */
  search(query: string): SearchHit[] {
    const resultTitle = this.#resultTitle;
    if (!this.#index || !this.#itemDocument || !resultTitle) return [];
    this.#catchUp(this.#index, this.#itemDocument);
    return this.#index
      .search(query)
      .map((hit) => ({ ...hit, title: resultTitle(hit, this.#names) }));
  }
}
