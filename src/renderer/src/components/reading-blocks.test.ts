import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { sectionTextRuns } from '../../../shared/guide/anchoring';
import { listSections } from '../../../shared/guide/reading-order';
import { guide } from '../lib/guide';
import { readingBlockWords } from '../lib/reading-progress';
import { SectionNames } from '../lib/sections';
import SectionView from './SectionView.svelte';

const wordsIn = (text: string) => text.split(/\s+/).filter((word) => word !== '').length;

/** A block's words as the page shows them: a list's items one by one, as they run together. */
function wordsShown(element: Element): number {
  const items = [...element.querySelectorAll('li')];
  if (items.length === 0) return wordsIn(element.textContent);
  return items.reduce((sum, item) => sum + wordsIn(item.textContent), 0);
}

describe('the blocks a section counts as read', () => {
  it.each(listSections(guide).map((place) => [place.section.id, place] as const))(
    'are, in %s, the headings and blocks shown, in the order their words are weighed',
    (_, place) => {
      const { container } = render(SectionView, {
        props: {
          guide,
          place,
          names: new SectionNames(guide, { discreetTitles: false }),
          runs: sectionTextRuns(place.section).runs,
          marks: [],
        },
      });
      const marked = [...container.querySelectorAll('[data-reading-block]')];
      expect(marked.map(wordsShown)).toEqual(readingBlockWords(guide, place));
      // The app's own words (the part's name above a section) are not the author's to read.
      expect(marked.filter((element) => element.classList.contains('ours'))).toEqual([]);
    },
  );
});
