import type { StillwaterApi } from '../../../shared/ipc/api';
import { resultTitle } from '../../../shared/search/result-titles';
import type { SearchHit } from '../../../shared/search/model';
import type { SectionNames } from '../lib/sections';

export type SearchApi = Pick<StillwaterApi, 'search'>;

/**
 * One search over the guide and the notebook. Main keeps the index beside the notebook and
 * answers each query with its best results, marked; the page asks as the person types and
 * shows the answer to the newest question, never an older one that arrived late.
 */
export class SearchState {
  /** The newest answer, for `answered`; replaced whole, never changed in place. */
  hits = $state.raw<SearchHit[]>([]);
  /** The query `hits` answer; null before the first answer since the page opened. */
  answered = $state<string | null>(null);
  /** Whether main has answered any query yet: until then, it may still be building its index. */
  hasAnswered = $state(false);
  failed = $state(false);
  #asked = 0;
  #api: SearchApi;
  #names: SectionNames;

  constructor(api: SearchApi, names: SectionNames) {
    this.#api = api;
    this.#names = names;
  }

  /** Asks main for `query`'s results; an answer that comes after a newer question is dropped. */
  async ask(query: string): Promise<void> {
    const asked = ++this.#asked;
    if (query.trim() === '') {
      this.#answer(query, []);
      return;
    }
    try {
      const hits = await this.#api.search({ query });
      if (asked !== this.#asked) return;
      this.#answer(query, hits);
      this.hasAnswered = true;
    } catch {
      if (asked === this.#asked) this.failed = true;
    }
  }

  #answer(query: string, hits: SearchHit[]): void {
    this.hits = hits;
    this.answered = query;
    this.failed = false;
  }

  /** A result's title as the page names its section now (discreet titles may be on). */
  title(hit: SearchHit): string {
    return resultTitle(hit, this.#names);
  }
}
