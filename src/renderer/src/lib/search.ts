import MiniSearch from 'minisearch';
import { sectionTextRuns } from '../../../shared/guide/text-runs';
import type { SectionId } from '../../../shared/guide/ids';
import type { Guide } from '../../../shared/guide/model';
import type { NotebookItem } from '../../../shared/notebook/model';
import { formatDate } from './dates';
import { itemText, stepWorkTitle } from './item-text';
import { sectionOf } from './items';
import type { SectionNames } from './sections';

export type SearchKind = 'guide' | NotebookItem['kind'];

export interface SearchDocument {
  id: string;
  kind: SearchKind;
  title: string;
  text: string;
  sectionId: SectionId | null;
}

export interface SearchHit extends SearchDocument {
  score: number;
  /** The words of the query as they matched, for marking them in the snippet. */
  terms: string[];
}

/**
 * One document per section. Its headings (the part's, on its first section) are matched as
 * its title, never shown from the index: a result names its section as the app does at the
 * time (`resultTitle`), and its snippet comes from the body alone, so no heading reaches
 * the screen through search while titles are discreet.
 */
export function guideDocuments(guide: Guide): SearchDocument[] {
  return guide.parts.flatMap((part) =>
    part.sections.map((section) => ({
      id: `guide:${section.id}`,
      kind: 'guide' as const,
      title: [
        ...(section.id === part.sections[0]?.id && part.heading ? [part.heading] : []),
        section.heading ?? guide.title,
      ].join('\n'),
      text: sectionTextRuns(section).text,
      sectionId: section.id,
    })),
  );
}

/** How a note's or a highlight's title leads up to the name of its section. */
const ABOUT_SECTION = { note: 'Note on', highlight: 'Highlight in' } as const;

export function itemDocument(
  item: NotebookItem,
  sectionTitle: (id: SectionId) => string,
): SearchDocument {
  switch (item.kind) {
    case 'note':
      return {
        id: item.id,
        kind: 'note',
        title: `${ABOUT_SECTION.note} ${sectionTitle(item.sectionId)}`,
        text: item.text,
        sectionId: item.sectionId,
      };
    case 'highlight':
      return {
        id: item.id,
        kind: 'highlight',
        title: `${ABOUT_SECTION.highlight} ${sectionTitle(item.sectionId)}`,
        text: [item.anchor.quote, item.note].filter(Boolean).join('\n'),
        sectionId: item.sectionId,
      };
    case 'step-work':
      // "Step 1 · Message": a step's number says nothing a discreet title would hide.
      return {
        id: item.id,
        kind: 'step-work',
        title: stepWorkTitle(item),
        text: itemText(item),
        sectionId: sectionOf(item),
      };
    case 'journal-entry':
      return {
        id: item.id,
        kind: 'journal-entry',
        title: `Journal, ${formatDate(item.date)}`,
        text: [item.text, item.tags.map((tag) => `#${tag}`).join(' ')].filter(Boolean).join('\n'),
        sectionId: item.sectionId,
      };
  }
}

/**
 * A result's title on screen, naming its section as the app names it now: the index keeps
 * the author's names to match on, but discreet titles may have been chosen since.
 */
export function resultTitle(
  hit: SearchHit,
  names: Pick<SectionNames, 'section' | 'heading'>,
): string {
  if (hit.sectionId === null || hit.kind === 'journal-entry' || hit.kind === 'step-work') {
    return hit.title;
  }
  if (hit.kind === 'guide') return names.heading(hit.sectionId);
  return `${ABOUT_SECTION[hit.kind]} ${names.section(hit.sectionId)}`;
}

/**
 * One index over the guide and everything written, in memory only: it is never saved, and
 * is built in small chunks after the notebook loads, so it never holds up typing.
 */
export class SearchIndex {
  #index = new MiniSearch<SearchDocument>({
    fields: ['title', 'text'],
    storeFields: ['kind', 'title', 'text', 'sectionId'],
    searchOptions: {
      boost: { title: 2 },
      combineWith: 'AND',
      // Only the word being typed is completed, and only longer words forgive a typo: each
      // widening multiplies the postings to score, and search runs on every keystroke.
      prefix: (_term, index, terms) => index === terms.length - 1,
      fuzzy: (term) => (term.length >= 5 ? 0.15 : false),
    },
  });

  async addAll(documents: SearchDocument[]): Promise<void> {
    await this.#index.addAllAsync(documents, { chunkSize: 200 });
  }

  upsert(document: SearchDocument): void {
    if (this.#index.has(document.id)) this.#index.replace(document);
    else this.#index.add(document);
  }

  remove(id: string): void {
    if (this.#index.has(id)) this.#index.discard(id);
  }

  search(query: string, limit = 50): SearchHit[] {
    if (query.trim() === '') return [];
    return this.#index
      .search(query)
      .slice(0, limit)
      .map((result) => ({
        id: String(result.id),
        kind: result['kind'] as SearchKind,
        title: result['title'] as string,
        text: result['text'] as string,
        sectionId: result['sectionId'] as SectionId | null,
        score: result.score,
        terms: result.terms,
      }));
  }
}
