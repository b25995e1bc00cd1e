/**
 * Highlights in the guide's text, from the keyboard and the pointer: selections snap to
 * whole words, the bar highlights a selection, a sentence or a paragraph, and a highlight
 * opens where it is to be recoloured, noted or removed (with Undo). On the real main.
 */
import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { createAnchor, sectionTextRuns } from '../../../../shared/guide/anchoring';
import type { HighlightColour } from '../../../../shared/notebook/model';
import { openReader } from '../../../../../test/support/open-reader';
import { openRealMain, type RealMain } from '../../../../../test/support/real-api';
import { guide } from '../../lib/guide';

const FIRST =
  'As is the case for most life experiences, relationships have high points and difficult times.';
const SECOND_PARAGRAPH =
  'But just because you had a fight with your man does not mean you forget all the good times you two had.';

const introText = () => {
  const intro = guide.parts[0]?.sections[0];
  if (!intro) throw new Error('the guide has no introduction');
  return sectionTextRuns(intro).text;
};

async function highlightInIntro(app: RealMain, quote: string, colour: HighlightColour) {
  const text = introText();
  const start = text.indexOf(quote);
  return app.api.saveHighlight({
    sectionId: 'intro',
    anchor: createAnchor(text, start, start + quote.length, guide.version),
    colour,
    note: '',
  });
}

const paragraphs = () =>
  [...document.querySelectorAll<HTMLElement>('[data-section-body] [data-offset]')] as [
    HTMLElement,
    HTMLElement,
    ...HTMLElement[],
  ];

/** The first paragraph's words (Svelte's own markers, comments, come before them). */
const firstText = () =>
  document.createTreeWalker(paragraphs()[0], NodeFilter.SHOW_TEXT).nextNode() as Text;

/** Selects characters [from, to) of the first paragraph, as a drag of the pointer would. */
function selectInFirstParagraph(from: number, to: number) {
  const text = firstText();
  document.getSelection()?.setBaseAndExtent(text, from, text, to);
  document.dispatchEvent(new Event('selectionchange'));
}

const highlightShortcut = '{Control>}{Shift>}h{/Shift}{/Control}';

describe('making highlights', () => {
  it('snaps a selection that starts and ends inside words to the whole words', async () => {
    const { user, main } = await openReader();
    const at = FIRST.indexOf('ationships');
    selectInFirstParagraph(at, FIRST.indexOf('have hi') + 'have hi'.length);
    const bar = await screen.findByRole('toolbar', { name: 'Highlight' });
    expect(bar).toHaveTextContent('Highlight “relationships have high”');
    await user.click(within(bar).getByRole('button', { name: 'Highlight in pink' }));
    await waitFor(async () =>
      expect(await main.items()).toMatchObject([
        {
          colour: 'pink',
          anchor: { quote: 'relationships have high', start: introText().indexOf('relationships') },
        },
      ]),
    );
  });

  it('takes the text as one tab stop, moves by paragraph, and highlights words selected with the keyboard', async () => {
    const { user, main } = await openReader();
    screen.getByRole('heading', { level: 1 }).focus();
    await user.tab();
    const [first, second] = paragraphs();
    expect(first).toHaveFocus();
    expect(paragraphs().filter((p) => p.tabIndex === 0)).toEqual([first]);
    await user.keyboard('{ArrowDown}');
    expect(second).toHaveFocus();
    expect(second.tabIndex).toBe(0);
    await user.keyboard('{ArrowUp}');
    expect(first).toHaveFocus();

    await user.keyboard('{Shift>}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowLeft}{/Shift}');
    // The word rules load with the first Shift+arrow.
    await waitFor(() => expect(document.getSelection()?.toString()).toBe('As is'));
    await user.keyboard(highlightShortcut);
    const bar = await screen.findByRole('toolbar', { name: 'Highlight' });
    const yellow = within(bar).getByRole('button', { name: 'Highlight in yellow' });
    await waitFor(() => expect(yellow).toHaveFocus());
    await user.keyboard('{ArrowRight}');
    expect(within(bar).getByRole('button', { name: 'Highlight in green' })).toHaveFocus();
    await user.keyboard('{Enter}');

    await waitFor(async () =>
      expect(await main.items()).toMatchObject([{ colour: 'green', anchor: { quote: 'As is' } }]),
    );
    const [saved] = await main.items();
    // Focus goes to the new highlight, where Enter opens it.
    await waitFor(() =>
      expect(document.activeElement).toHaveAttribute('data-highlight', saved?.id ?? ''),
    );
    expect(document.activeElement).toHaveAccessibleName('Highlight, green: As is');
    expect(screen.queryByRole('toolbar', { name: 'Highlight' })).toBeNull();
  });

  it('highlights the paragraph in focus from the shortcut, and Escape hands focus back', async () => {
    const { user, main } = await openReader();
    const [, second] = paragraphs();
    second.focus();
    await user.keyboard(highlightShortcut);
    const bar = await screen.findByRole('toolbar', { name: 'Highlight' });
    const paragraphButton = within(bar).getByRole('button', {
      name: 'Highlight this paragraph in yellow',
    });
    await waitFor(() => expect(paragraphButton).toHaveFocus());
    // No cursor in the text: there is no sentence to speak of, and no words selected.
    expect(within(bar).queryByRole('button', { name: /this sentence/ })).toBeNull();
    await user.keyboard('{Escape}');
    expect(second).toHaveFocus();
    expect(screen.queryByRole('toolbar', { name: 'Highlight' })).toBeNull();

    await user.keyboard(highlightShortcut);
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Highlight this paragraph in yellow' }),
      ).toHaveFocus(),
    );
    await user.keyboard('{Enter}');
    await waitFor(async () =>
      expect(await main.items()).toMatchObject([
        { colour: 'yellow', anchor: { quote: SECOND_PARAGRAPH } },
      ]),
    );
  });

  it('highlights the sentence at the cursor', async () => {
    const { user, main } = await openReader();
    const text = firstText();
    document.getSelection()?.collapse(text, text.data.indexOf('rainbows'));
    await user.keyboard(highlightShortcut);
    const bar = await screen.findByRole('toolbar', { name: 'Highlight' });
    await user.click(within(bar).getByRole('button', { name: /^Highlight this sentence/ }));
    await waitFor(async () =>
      expect(await main.items()).toMatchObject([
        {
          anchor: {
            quote:
              'We would all love it if everything was sunshine and rainbows, but sometimes the waters do get stormy.',
          },
        },
      ]),
    );
  });
});

describe('opening a highlight in the text', () => {
  it('recolours it, keeps a note on it, and removes it with Undo', async () => {
    const app = await openRealMain();
    const saved = await highlightInIntro(app, 'relationships have high points', 'yellow');
    const { user, main } = await openReader(app);
    const piece = await screen.findByRole('button', {
      name: 'Highlight, yellow: relationships have high points',
    });
    expect(piece).toHaveAttribute('tabindex', '0');

    await user.click(piece);
    const popover = await screen.findByRole('dialog', { name: /^Highlight: / });
    await waitFor(() => expect(popover).toContainElement(document.activeElement as HTMLElement));
    await user.click(within(popover).getByRole('button', { name: 'Green' }));
    await waitFor(async () => expect(await main.items()).toMatchObject([{ colour: 'green' }]));
    expect(within(popover).getByRole('button', { name: 'Green' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await user.type(
      within(popover).getByRole('textbox', { name: 'Your note on this highlight' }),
      'Even the hard parts',
    );
    await user.click(within(popover).getByRole('button', { name: 'Done' }));
    await waitFor(async () =>
      expect(await main.items()).toMatchObject([{ colour: 'green', note: 'Even the hard parts' }]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const reopened = screen.getByRole('button', {
      name: 'Highlight, green, with a note: relationships have high points',
    });
    await waitFor(() => expect(reopened).toHaveFocus());

    // From the keyboard this time.
    await user.keyboard('{Enter}');
    const again = await screen.findByRole('dialog', { name: /^Highlight: / });
    expect(within(again).getByRole('textbox')).toHaveValue('Even the hard parts');
    await user.click(within(again).getByRole('button', { name: 'Remove highlight' }));
    await waitFor(async () => expect(await main.items()).toEqual([]));
    await waitFor(() => expect(paragraphs()[0]).toHaveFocus());
    expect(screen.queryByRole('button', { name: /^Highlight, green/ })).toBeNull();

    const undoNotice = screen.getByText('Highlight removed.').closest('[role="status"]');
    await user.click(within(undoNotice as HTMLElement).getByRole('button', { name: 'Undo' }));
    await waitFor(async () =>
      expect(await main.items()).toMatchObject([{ id: saved.id, colour: 'green' }]),
    );
    expect(
      await screen.findByRole('button', { name: /^Highlight, green, with a note/ }),
    ).toBeInTheDocument();
  });

  it('shows both of two overlapping highlights, and opens either', async () => {
    const app = await openRealMain();
    const first = await highlightInIntro(app, 'relationships have high', 'yellow');
    const second = await highlightInIntro(app, 'high points and difficult', 'blue');
    const { user, main } = await openReader(app);
    const overlap = await screen.findByRole('button', {
      name: '2 highlights, yellow and blue: high',
    });
    expect(overlap).toHaveAttribute('data-colour', 'yellow');
    expect(overlap).toHaveAttribute('data-second', 'blue');
    // Each highlight has one place to be reached from the keyboard: where it begins.
    expect(
      screen.getByRole('button', { name: 'Highlight, yellow: relationships have' }),
    ).toHaveAttribute('data-highlight', first.id);
    expect(overlap).toHaveAttribute('data-highlight', second.id);
    expect(
      screen.getByRole('button', { name: 'Highlight, blue: points and difficult' }),
    ).toHaveAttribute('tabindex', '-1');

    await user.click(overlap);
    const popover = await screen.findByRole('dialog', { name: /^Highlight: / });
    const here = within(within(popover).getByRole('group', { name: 'Highlights here' }));
    expect(here.getAllByRole('button').map((button) => button.textContent)).toEqual([
      '1. Yellow: “relationships have high”',
      '2. Blue: “high points and difficult”',
    ]);
    await user.click(here.getByRole('button', { name: /^2\. Blue/ }));
    await user.click(within(popover).getByRole('button', { name: 'Pink' }));
    await waitFor(async () =>
      expect((await main.items()).map((item) => item.kind === 'highlight' && item.colour)).toEqual(
        expect.arrayContaining(['yellow', 'pink']),
      ),
    );
    expect((await main.items()).find((item) => item.id === second.id)).toMatchObject({
      colour: 'pink',
    });
  });
});
