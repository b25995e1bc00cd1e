/* eslint-disable svelte/prefer-svelte-reactivity -- the index's bookkeeping is never rendered */
import type { SectionId } from '../../../shared/guide/ids';
import type { Guide } from '../../../shared/guide/model';
import type { NotebookItem } from '../../../shared/notebook/model';
import type { SearchHit, SearchIndex } from '../lib/search';
import { sectionLabel } from '../lib/sections';

// MiniSearch is loaded with the first build, after the notebook, never on the way to the guide.
const loadSearch = () => import('../lib/search');
type ItemDocument = Awaited<ReturnType<typeof loadSearch>>['itemDocument'];

/**
 * One search over the guide and the notebook. The index is built once, in chunks, after the
 * notebook has loaded; after that each search first brings in only the items that changed.
 */
export class SearchState {
  ready = $state(false);
  #index: SearchIndex | null = null;
  #itemDocument: ItemDocument | null = null;
  // Which version of each item is in the index.
  #indexed = new Map<string, string>();
  #building: Promise<void> | null = null;
  #guide: Guide;
  #notebook: { readonly items: readonly NotebookItem[] };

  constructor(guide: Guide, notebook: { readonly items: readonly NotebookItem[] }) {
    this.#guide = guide;
    this.#notebook = notebook;
  }

  #sectionTitle = (id: SectionId) => sectionLabel(this.#guide, id);

  /** Builds the index, once; calling it again waits for the same build. */
  prepare(): Promise<void> {
    this.#building ??= (async () => {
      const { SearchIndex, guideDocuments, itemDocument } = await loadSearch();
      const index = new SearchIndex();
      const items = [...this.#notebook.items];
      for (const item of items) this.#indexed.set(item.id, item.updated);
      await index.addAll([
        ...guideDocuments(this.#guide),
        ...items.map((item) => itemDocument(item, this.#sectionTitle)),
      ]);
      this.#index = index;
      this.#itemDocument = itemDocument;
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

  /** Reads the notebook's items, so a search shown on screen follows every change to them. */
  search(query: string): SearchHit[] {
    if (!this.#index || !this.#itemDocument) return [];
    this.#catchUp(this.#index, this.#itemDocument);
    return this.#index.search(query);
  }
}
