import type { SectionId } from '../guide/ids';
import type { SearchHit } from './model';

/** How a note's or a highlight's title leads up to the name of its section. */
export const ABOUT_SECTION = { note: 'Note on', highlight: 'Highlight in' } as const;

/** How the page names sections at the time: the author's names, or discreet ones. */
export interface NamesOfSections {
  section(id: SectionId): string;
  heading(id: SectionId): string;
}

/**
 * A result's title on screen, naming its section as the app names it now: main titles
 * results by the author's names, which the index matches on, but discreet titles may be on.
 */
export function resultTitle(
  hit: Pick<SearchHit, 'kind' | 'sectionId' | 'title'>,
  names: NamesOfSections,
): string {
  if (hit.sectionId === null || hit.kind === 'journal-entry' || hit.kind === 'step-work') {
    return hit.title;
  }
  if (hit.kind === 'guide') return names.heading(hit.sectionId);
  return `${ABOUT_SECTION[hit.kind]} ${names.section(hit.sectionId)}`;
}
