/**
 * Going to the thing: a search result or a notebook item opens at the passage, highlight,
 * note or entry itself, marks it briefly and gives it focus.
 */
import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { createAnchor, sectionTextRuns } from '../../../../shared/guide/anchoring';
import { openReader } from '../../../../../test/support/open-reader';
import { openRealMain, type RealMain } from '../../../../../test/support/real-api';
import { guide } from '../../lib/guide';
import { REVEALED_CLASS } from '../../lib/reveal';

const main = () => within(screen.getByRole('main'));

/** A passage near the end of a section, well below its heading. */
const SECTION = 'reason-3';
const PASSAGE = 'So, he takes the easier route: he ignores it. He ignores you.';

async function highlightPassage(app: RealMain, quote: string) {
  const section = guide.parts.flatMap((part) => part.sections).find((s) => s.id === SECTION);
  if (!section) throw new Error(`${SECTION} is not in the guide`);
  const { text } = sectionTextRuns(section);
  const start = text.indexOf(quote);
  return app.api.saveHighlight({
    sectionId: SECTION,
    anchor: createAnchor(text, start, start + quote.length, guide.version),
    colour: 'green',
    note: 'the easy way out',
  });
}

async function searchAndOpen(
  user: Awaited<ReturnType<typeof openReader>>['user'],
  query: string,
  kind: string,
) {
  await user.keyboard('{Control>}f{/Control}');
  const searchbox = await screen.findByRole('searchbox');
  await waitFor(() => expect(screen.queryByText('Getting search ready…')).toBeNull());
  await user.type(searchbox, query);
  // Main answers each keystroke's query in turn: wait for the answer to the whole of it.
  const result = await waitFor(() => {
    const found = within(screen.getByRole('list', { name: 'Search results' }))
      .getAllByRole('button')
      .find((button) => button.textContent?.startsWith(kind));
    if (!found) throw new Error(`no ${kind} result for "${query}"`);
    return found;
  });
  await user.click(result);
}

async function openFromNotebook(
  user: Awaited<ReturnType<typeof openReader>>['user'],
  words: string,
) {
  await user.click(screen.getByRole('button', { name: 'Notebook' }));
  const list = await main().findByRole('list', { name: 'Your writing' });
  const item = within(list)
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes(words));
  if (!item) throw new Error(`"${words}" is not in the notebook`);
  await user.click(within(item).getByRole('button', { name: 'Open' }));
}

async function expectRevealed(element: HTMLElement, focused: HTMLElement = element) {
  await waitFor(() => expect(focused).toHaveFocus());
  expect(element).toHaveClass(REVEALED_CLASS);
}

describe('going to what a search found', () => {
  it('opens a passage of the guide at the passage itself, marked and focused', async () => {
    const { user } = await openReader();
    await searchAndOpen(user, 'easier route', 'Guide');
    const passage = await main().findByText(PASSAGE, { selector: 'p' });
    await expectRevealed(passage);
    expect(main().getAllByRole('heading', { level: 1 })[0]).toHaveTextContent(/Stop Talking/);
  });

  it('opens a highlight at its place in the text', async () => {
    const app = await openRealMain();
    const highlight = await highlightPassage(app, 'he takes the easier route');
    const { user } = await openReader(app);
    await searchAndOpen(user, 'easy way out', 'Highlight');
    const mark = await waitFor(() =>
      screen.getByText('he takes the easier route', { selector: 'mark' }),
    );
    expect(mark).toHaveAttribute('data-highlight', highlight.id);
    await expectRevealed(mark);
  });

  it('opens a journal entry at its card on the journal page', async () => {
    const app = await openRealMain();
    for (const [date, text] of [
      ['2026-11-21', 'A newer morning by the water.'],
      ['2026-11-20', 'Thinking about the ultimatum I almost gave.'],
    ] as const) {
      await app.api.saveJournalEntry({ date, text, mood: null, tags: [], sectionId: null });
    }
    const { user } = await openReader(app);
    await searchAndOpen(user, 'ultimatum', 'Journal');
    const card = await main().findByRole('article', { name: /November 20/ });
    await expectRevealed(card, within(card).getByRole('heading'));
  });
});

describe('going to what the notebook holds', () => {
  it('opens a section’s note at its field', async () => {
    const app = await openRealMain();
    await app.api.saveNote({ sectionId: SECTION, text: 'He goes quiet when he has no words.' });
    const { user } = await openReader(app);
    await openFromNotebook(user, 'He goes quiet');
    const field = await main().findByRole('textbox', { name: 'Your notes on this section' });
    await waitFor(() => expect(field).toHaveValue('He goes quiet when he has no words.'));
    await expectRevealed(field);
  });

  it('opens a highlight at its place in the text', async () => {
    const app = await openRealMain();
    await highlightPassage(app, 'he takes the easier route');
    const { user } = await openReader(app);
    await openFromNotebook(user, 'the easy way out');
    const mark = await waitFor(() =>
      screen.getByText('he takes the easier route', { selector: 'mark' }),
    );
    await expectRevealed(mark);
  });
});
