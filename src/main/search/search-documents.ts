import type { SectionId } from '../../shared/guide/ids';
import type { Guide } from '../../shared/guide/model';
import { sectionTextRuns } from '../../shared/guide/text-runs';
import { formatDate } from '../../shared/dates';
import { sectionOf } from '../../shared/notebook/item-section';
import { itemText, stepWorkTitle } from '../../shared/notebook/item-text';
import type { NotebookItem } from '../../shared/notebook/model';
import { ABOUT_SECTION } from '../../shared/search/result-titles';
import type { SearchKind } from '../../shared/search/schemas';

/** What search matches of one thing: its title and its words, and where it leads. */
export interface SearchDocument {
  id: string;
  kind: SearchKind;
  title: string;
  text: string;
  sectionId: SectionId | null;
}

/** The prefix of a guide section's document id, apart from the ids of records. */
export const GUIDE_DOCUMENT = 'guide:';

/**
 * One document per section. Its headings (the part's, on its first section) are matched as
 * its title, never shown from here: the page names a guide result as it names sections at
 * the time, and the snippet comes from the body alone, so no heading reaches the screen
 * through search while titles are discreet.
 */
export function guideDocuments(guide: Guide): SearchDocument[] {
  return guide.parts.flatMap((part) =>
    part.sections.map((section) => ({
      id: `${GUIDE_DOCUMENT}${section.id}`,
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

/**
 * An item as search matches it. Sections go by the author's names (`sectionLabel`), which the
 * index matches whatever the screen shows; dates are written in `locale`, so "March" finds a
 * journal entry of March.
 */
export function itemDocument(
  item: NotebookItem,
  sectionLabel: (id: SectionId) => string,
  locale: string,
): SearchDocument {
  const sectionId = sectionOf(item);
  switch (item.kind) {
    case 'note':
    case 'highlight':
      return {
        id: item.id,
        kind: item.kind,
        title: `${ABOUT_SECTION[item.kind]} ${sectionLabel(item.sectionId)}`,
        text:
          item.kind === 'note'
            ? item.text
            : [item.anchor.quote, item.note].filter(Boolean).join('\n'),
        sectionId,
      };
    case 'step-work':
      // "Step 1 · Message": a step's number says nothing a discreet title would hide.
      return {
        id: item.id,
        kind: 'step-work',
        title: stepWorkTitle(item),
        text: itemText(item, locale),
        sectionId,
      };
    case 'journal-entry':
      return {
        id: item.id,
        kind: 'journal-entry',
        title: `Journal, ${formatDate(item.date, locale)}`,
        text: [item.text, item.tags.map((tag) => `#${tag}`).join(' ')].filter(Boolean).join('\n'),
        sectionId,
      };
  }
}
