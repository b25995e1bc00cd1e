/* eslint-disable svelte/prefer-svelte-reactivity -- the index's bookkeeping is never rendered */
import type { Guide } from '../../../shared/guide/model';
import type { SectionId } from '../../../shared/guide/ids';
import type { NotebookItem } from '../../../shared/notebook/model';
import { SearchIndex, guideDocuments, itemDocument, type SearchHit } from '../lib/search';

/**
 * Keeps the search index in step with the notebook. The first build happens in chunks after
 * the notebook has loaded; after that each saved or removed item updates only itself.
 */
export class SearchState {
  ready = $state(false);
  #index = new SearchIndex();
  // Which version of each item is in the index.
  #indexed = new Map<string, string>();
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
    if (!this.ready && this.#indexed.size === 0) {
      for (const item of items) this.#indexed.set(item.id, item.updated);
      await this.#index.addAll([
        ...guideDocuments(this.#guide),
        ...items.map((item) => itemDocument(item, this.#sectionTitle)),
      ]);
      this.ready = true;
      return;
    }
    const present = new Set<string>();
    for (const item of items) {
      present.add(item.id);
      if (this.#indexed.get(item.id) !== item.updated) {
        this.#index.upsert(itemDocument(item, this.#sectionTitle));
        this.#indexed.set(item.id, item.updated);
      }
    }
    for (const id of [...this.#indexed.keys()]) {
      if (!present.has(id)) {
        this.#index.remove(id);
        this.#indexed.delete(id);
      }
    }
  }

  search(query: string): SearchHit[] {
    return this.#index.search(query);
  }
}
