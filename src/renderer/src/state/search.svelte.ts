/* eslint-disable svelte/prefer-svelte-reactivity -- the index's bookkeeping is never rendered */
import type { Guide } from '../../../shared/guide/model';
import type { SectionId } from '../../../shared/guide/ids';
import type { NotebookItem } from '../../../shared/notebook/model';
import type { SearchHit, SearchIndex } from '../lib/search';

// MiniSearch is loaded with the first build, after the notebook, never on the way to the guide.
const loadSearch = () => import('../lib/search');

/**
 * Keeps the search index in step with the notebook. The first build happens in chunks after
 * the notebook has loaded; after that each saved or removed item updates only itself.
 */
export class SearchState {
  ready = $state(false);
  #index: SearchIndex | null = null;
  #itemDocument: Awaited<ReturnType<typeof loadSearch>>['itemDocument'] | null = null;
  // Which version of each item is in the index.
  #indexed = new Map<string, string>();
  #building: Promise<void> | null = null;
  #latest: readonly NotebookItem[] = [];
  #sectionTitle: (id: SectionId) => string;
  #guide: Guide;

  constructor(guide: Guide) {
    this.#guide = guide;
    const titles = new Map(
      guide.parts.flatMap((part) =>
        part.sections.map((section) => [section.id, section.label] as const),
      ),
    );
    this.#sectionTitle = (id) => titles.get(id) ?? id;
  }

  /** Brings the index up to date with `items`; the first call builds it. */
  async sync(items: readonly NotebookItem[]): Promise<void> {
    this.#latest = items;
    if (!this.#index || !this.#itemDocument) {
      if (this.#building) return this.#building;
      this.#building = (async () => {
        const { SearchIndex, guideDocuments, itemDocument } = await loadSearch();
        const index = new SearchIndex();
        for (const item of items) this.#indexed.set(item.id, item.updated);
        await index.addAll([
          ...guideDocuments(this.#guide),
          ...items.map((item) => itemDocument(item, this.#sectionTitle)),
        ]);
        this.#index = index;
        this.#itemDocument = itemDocument;
        this.ready = true;
        // Anything saved while the index was being built is added now.
        await this.sync(this.#latest);
      })();
      return this.#building;
    }
    const index = this.#index;
    const itemDocument = this.#itemDocument;
    const present = new Set<string>();
    for (const item of items) {
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

  search(query: string): SearchHit[] {
    return this.#index?.search(query) ?? [];
  }
}
