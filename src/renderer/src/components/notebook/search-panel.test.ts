import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../../shared/search/model';
import { guide } from '../../lib/guide';
import { SectionNames } from '../../lib/sections';
import { SearchState } from '../../state/search.svelte';
import SearchPanel from './SearchPanel.svelte';

/** Main's answers, held back until the test lets each query's answer through. */
function heldMain() {
  const waiting = new Map<string, (hits: SearchHit[]) => void>();
  const api = {
    search: ({ query }: { query: string }) =>
      new Promise<SearchHit[]>((resolve) => waiting.set(query, resolve)),
  };
  const answer = (query: string, count: number) =>
    waiting.get(query)?.(
      Array.from({ length: count }, (_, index) => ({
        id: `${query}-${index}`,
        kind: 'journal-entry' as const,
        sectionId: null,
        title: `Journal, entry ${index}`,
        terms: [query],
        snippet: [{ text: query, match: true }],
      })),
    );
  return { api, answer };
}

function openPanel() {
  const main = heldMain();
  const search = new SearchState(main.api, new SectionNames(guide, { discreetTitles: false }));
  render(SearchPanel, { search, onOpen: () => {}, onClose: () => {} });
  return { ...main, user: userEvent.setup(), status: () => screen.getByRole('status') };
}

describe('the search panel’s status line', () => {
  it('says search is getting ready until main first answers, never "Nothing found." before', async () => {
    const { answer, user, status } = openPanel();
    await user.type(screen.getByRole('searchbox'), 'calm');
    expect(status()).toHaveTextContent('Getting search ready…');

    answer('c', 0);
    answer('ca', 0);
    answer('cal', 3);
    // Answers to queries already typed over say nothing.
    expect(status()).toHaveTextContent('Getting search ready…');
    answer('calm', 2);
    await waitFor(() => expect(status()).toHaveTextContent('2 results.'));
  });

  it('keeps the last count until the answer to the new query comes, and says when 50 is the cap', async () => {
    const { answer, user, status } = openPanel();
    await user.type(screen.getByRole('searchbox'), 'a');
    answer('a', 50);
    await waitFor(() => expect(status()).toHaveTextContent('The best 50 results.'));

    await user.type(screen.getByRole('searchbox'), 'b');
    expect(status()).toHaveTextContent('The best 50 results.');
    answer('ab', 0);
    await waitFor(() => expect(status()).toHaveTextContent('Nothing found.'));

    await user.clear(screen.getByRole('searchbox'));
    await waitFor(() => expect(status().textContent).toBe(''));
  });
});
