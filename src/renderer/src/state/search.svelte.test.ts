import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../shared/search/model';
import { guide } from '../lib/guide';
import { SectionNames } from '../lib/sections';
import { SearchState } from './search.svelte';

/** Main's answers, held back until the test lets each one through, in any order. */
function heldAnswers() {
  const waiting = new Map<string, (hits: SearchHit[]) => void>();
  const api = {
    search: ({ query }: { query: string }) =>
      new Promise<SearchHit[]>((resolve) => waiting.set(query, resolve)),
  };
  const answer = (query: string, hits: SearchHit[]) => waiting.get(query)?.(hits);
  return { api, answer };
}

const hit = (id: string): SearchHit => ({
  id,
  kind: 'note',
  sectionId: 'step-2',
  title: 'Note on Give Him the Benefit of the Doubt',
  terms: ['doubt'],
  snippet: [{ text: 'doubt', match: true }],
});

describe('SearchState', () => {
  it('shows the answer to the newest query, never an older one that comes back late', async () => {
    const { api, answer } = heldAnswers();
    const search = new SearchState(api, new SectionNames(guide, { discreetTitles: false }));
    const older = search.ask('dou');
    const newer = search.ask('doubt');
    expect(search.answered).toBeNull();

    answer('doubt', [hit('newest')]);
    await newer;
    answer('dou', [hit('older')]);
    await older;
    expect(search.answered).toBe('doubt');
    expect(search.hits.map((each) => each.id)).toEqual(['newest']);
  });

  it('answers an empty query at once with nothing, and says when main could not answer', async () => {
    const search = new SearchState(
      { search: () => Promise.reject(new Error('no answer')) },
      new SectionNames(guide, { discreetTitles: false }),
    );
    await search.ask('   ');
    expect(search.hits).toEqual([]);
    expect(search.failed).toBe(false);
    await search.ask('doubt');
    expect(search.failed).toBe(true);
    await search.ask('');
    expect(search.failed).toBe(false);
  });

  it('names a result’s section as the page does now', () => {
    const preferences = { discreetTitles: false };
    const search = new SearchState(
      { search: async () => [] },
      new SectionNames(guide, preferences),
    );
    expect(search.title(hit('n'))).toBe('Note on Give Him the Benefit of the Doubt');
    preferences.discreetTitles = true;
    expect(search.title(hit('n'))).toBe('Note on Step 2');
  });
});
