import type { NotebookKind } from '../notebook/model';

/**
 * What search finds and how much it answers, as plain values the page can use without a
 * validator; the schemas, and the types inferred from them, are in ./schemas.
 */
export type { SearchHit, SearchKind } from './schemas';

/** What search finds: the guide's sections, and each kind of thing the person writes. */
export const SEARCH_KINDS = ['guide', 'note', 'highlight', 'journal-entry', 'step-work'] as const;
// A kind of item added to the notebook must be added above, or this stops compiling.
const EVERY_KIND_SEARCHED: Record<NotebookKind, true> = {
  note: true,
  highlight: true,
  'journal-entry': true,
  'step-work': true,
} satisfies Record<Exclude<(typeof SEARCH_KINDS)[number], 'guide'>, true>;
void EVERY_KIND_SEARCHED;

/** Longer than anyone types into a search field; a bound on the work one query can ask for. */
export const MAX_QUERY_LENGTH = 500;
/** As many results as the panel lists. */
export const MAX_RESULTS = 50;
