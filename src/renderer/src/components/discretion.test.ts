import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { openReader, openSettingsTab } from '../../../../test/support/open-reader';
import { TEST_PASSPHRASE, openRealMain, type RealMain } from '../../../../test/support/real-api';
import App from '../App.svelte';
import { composeApp } from '../compose';
import { createAnchor, sectionTextRuns } from '../../../shared/guide/anchoring';
import { guide } from '../lib/guide';

/** Everything of the guide that would tell a glance what it is about. */
const TELLING = [
  guide.title,
  ...guide.parts.flatMap((part) => [
    ...(part.heading ? [part.heading] : []),
    ...(part.id === 'opening' ? [] : [part.label]),
    ...part.sections.flatMap((section) => [
      ...(section.heading ? [section.heading] : []),
      ...(section.id === 'intro' ? [] : [section.label]),
    ]),
  ]),
];

/** The telling words found in `text`; none, for a discreet screen. */
const tellingIn = (text: string) => TELLING.filter((words) => text.includes(words));

function renderApp(main: RealMain) {
  const user = userEvent.setup();
  render(App, { props: composeApp(main.api) });
  return user;
}

async function unlock(main: RealMain) {
  const user = renderApp(main);
  await user.type(await screen.findByLabelText('Passphrase'), `${TEST_PASSPHRASE}{Enter}`);
  return user;
}

const contents = () => screen.findByRole('navigation', { name: 'Guide contents' });
/** A section's entry in the contents, whose name goes on to say how much of it was read. */
const entryName = (label = '') => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const guideHeading = () => document.querySelector('main article h1');

beforeEach(() => {
  // The page sets it as it starts; a test sees its own page's title, not the last one's.
  document.title = '';
});

describe('what unlocking opens', () => {
  it('is a quiet start page at first, with nothing of the guide on screen', async () => {
    const main = await openRealMain({ vault: 'locked' });
    const user = await unlock(main);
    expect(await screen.findByRole('heading', { level: 1, name: 'Stillwater' })).toBeVisible();
    const continueReading = screen.getByRole('button', { name: 'Continue reading' });
    await waitFor(() => expect(continueReading).toHaveFocus());
    expect(tellingIn(document.body.textContent)).toEqual([]);
    expect(tellingIn(document.title)).toEqual([]);
    expect(screen.queryByRole('navigation', { name: 'Guide contents' })).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Where to go' })).toBeInTheDocument();

    // Enter, where the focus already is, goes on to the guide.
    await user.keyboard('{Enter}');
    expect(await contents()).toBeInTheDocument();
    await waitFor(() => expect(guideHeading()).toHaveTextContent(guide.title));
  });

  it('goes on from the start page to the journal without the guide showing on the way', async () => {
    const main = await openRealMain({ vault: 'locked' });
    const user = await unlock(main);
    const guideShown: string[] = [];
    const watch = new MutationObserver(() => {
      const heading = guideHeading();
      if (heading) guideShown.push(heading.textContent);
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    await user.click(await screen.findByRole('button', { name: 'Journal' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Journal' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(await screen.findByLabelText('What happened, what you felt')).toBeInTheDocument();
    watch.disconnect();
    expect(guideShown).toEqual([]);

    // The guide waits ready behind the journal.
    const reason = guide.parts[1]?.sections[0];
    await user.click(
      within(await contents()).getByRole('button', { name: entryName(reason?.label) }),
    );
    await waitFor(() =>
      expect(screen.getByRole('main').querySelector('article')).toHaveTextContent(
        reason?.heading ?? '',
      ),
    );
  });

  it('locks from the start page', async () => {
    const main = await openRealMain({ vault: 'locked' });
    const user = await unlock(main);
    await user.click(await screen.findByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('heading', { name: 'Stillwater is locked' })).toBeVisible();
    expect(await main.services.vault.state()).toBe('locked');
  });

  it('is the guide where the reader left off, once they choose that', async () => {
    const main = await openRealMain({ vault: 'locked' });
    const user = renderApp(main);
    await user.type(await screen.findByLabelText('Passphrase'), `${TEST_PASSPHRASE}{Enter}`);
    await user.click(await screen.findByRole('button', { name: 'Continue reading' }));
    const step = guide.parts[3]?.sections[1];
    await user.click(
      within(await contents()).getByRole('button', { name: entryName(step?.label) }),
    );
    await openSettingsTab(user, 'Privacy');
    await user.click(await screen.findByLabelText('Where I left off'));
    await waitFor(() =>
      expect(main.services.settings.readerPreferences().unlockOpens).toBe('last-place'),
    );

    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await screen.findByRole('heading', { name: 'Stillwater is locked' });
    await user.type(screen.getByLabelText('Passphrase'), `${TEST_PASSPHRASE}{Enter}`);
    await waitFor(() => expect(guideHeading()).toHaveTextContent(step?.heading ?? ''));
    expect(screen.queryByRole('button', { name: 'Continue reading' })).toBeNull();
  });
});

describe('discreet titles', () => {
  it('show neutral names in the contents and the title, and leave the guide’s text as it is', async () => {
    const main = await openRealMain();
    const user = renderApp(main);
    const nav = await contents();
    expect(document.title).toBe('Stillwater');
    await openSettingsTab(user, 'Privacy');
    await user.click(await screen.findByLabelText('Discreet titles'));
    await waitFor(() =>
      expect(main.services.settings.readerPreferences().discreetTitles).toBe(true),
    );

    expect(tellingIn(nav.textContent)).toEqual([]);
    expect(tellingIn(document.title)).toEqual([]);
    expect(document.title).toBe('Notes');
    expect(within(nav).getByRole('list', { name: 'Part 1' })).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: /^Reason 1\b/ })).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: /^Strategy 2\b/ })).toBeInTheDocument();
    const step3 = within(nav).getByRole('button', { name: /^Step 3\b/ });
    expect(within(nav).getAllByRole('button')).toHaveLength(15);

    // Opened, a section reads as the author wrote it.
    await user.click(step3);
    await waitFor(() =>
      expect(guideHeading()).toHaveTextContent(guide.parts[3]?.sections[2]?.heading ?? ''),
    );
  });

  it('stay on after the page starts again, as after a lock', async () => {
    const main = await openRealMain();
    main.services.settings.updateReaderPreferences({ discreetTitles: true });
    renderApp(main);
    const nav = await contents();
    await waitFor(() => expect(document.title).toBe('Notes'));
    expect(within(nav).getByRole('button', { name: /^Step 7\b/ })).toBeInTheDocument();
    expect(tellingIn(nav.textContent)).toEqual([]);
  });
  it('hold wherever the app names a section: the pager, the notebook, the journal and search', async () => {
    const main = await openRealMain();
    main.services.settings.updateReaderPreferences({ discreetTitles: true });
    const step = guide.parts[3]?.sections[1];
    if (!step) throw new Error('the guide has no second step');
    const { text } = sectionTextRuns(step);
    const quote = 'Not to push him further away.';
    const start = text.indexOf(quote);
    await main.api.saveNote({ sectionId: step.id, text: 'ask gently, once' });
    await main.api.saveHighlight({
      sectionId: step.id,
      anchor: createAnchor(text, start, start + quote.length, guide.version),
      colour: 'yellow',
      note: '',
    });
    await main.api.saveJournalEntry({
      date: '2026-11-20',
      text: 'walked by the river',
      mood: null,
      tags: [],
      sectionId: step.id,
    });
    const { user } = await openReader(main);
    const mainRegion = () => screen.getByRole('main');

    await user.click(within(await contents()).getByRole('button', { name: /^Step 2\b/ }));
    await waitFor(() => expect(guideHeading()).toHaveTextContent(step.heading ?? ''));
    const pager = screen.getByRole('navigation', { name: 'Previous and next section' });
    expect(pager).toHaveTextContent(/Previous\s*Step 1/);
    expect(pager).toHaveTextContent(/Next\s*Step 3/);
    expect(tellingIn(pager.textContent)).toEqual([]);
    // Above the author's heading, the app's own name for the part.
    expect(within(mainRegion()).getByText('Part 3')).toHaveClass('ours');

    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    const writing = await within(mainRegion()).findByRole('list', { name: 'Your writing' });
    expect(within(writing).getAllByText(/· Step 2$/)).toHaveLength(3);
    expect(
      within(within(mainRegion()).getByLabelText('Section')).getByRole('option', {
        name: 'Step 2',
      }),
    ).toBeInTheDocument();
    expect(tellingIn(mainRegion().textContent)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Journal' }));
    expect(
      await within(mainRegion()).findByRole('button', { name: 'Go to Step 2' }),
    ).toBeInTheDocument();
    expect(tellingIn(mainRegion().textContent)).toEqual([]);

    await user.keyboard('{Control>}f{/Control}');
    await user.type(await screen.findByRole('searchbox'), 'gently');
    // Main answers each keystroke's query in turn: wait for the answer to the whole of it.
    const results = () => screen.getByRole('list', { name: 'Search results' });
    await waitFor(() => within(results()).getByText('Note on Step 2'));
    expect(tellingIn(results().textContent)).toEqual([]);
    // The guide's own results: named neutrally, their snippets from the text, not its headings.
    for (const query of ['talk', 'why', 'strategies']) {
      await user.clear(screen.getByRole('searchbox'));
      await user.type(screen.getByRole('searchbox'), query);
      await waitFor(() =>
        expect(
          within(screen.getByRole('list', { name: 'Search results' })).getAllByRole('button')
            .length,
        ).toBeGreaterThan(1),
      );
      expect(tellingIn(screen.getByRole('search').textContent), query).toEqual([]);
    }
    await user.keyboard('{Escape}');

    // Every tab of Settings, the hidden ones too, About with the guide's credit among them.
    await openSettingsTab(user, 'About');
    expect(await screen.findByText(/Not shown while titles are discreet/)).toBeVisible();
    expect(tellingIn(document.body.textContent)).toEqual([]);
  });
});

describe('spell-checking', () => {
  it('is off, and not offered, where it would download dictionaries', async () => {
    const main = await openRealMain();
    const user = renderApp(main);
    await contents();
    await waitFor(() => expect(document.documentElement).toHaveAttribute('spellcheck', 'false'));
    await openSettingsTab(user, 'Privacy');
    expect(
      await screen.findByText(/Checking spelling is not offered on this system/),
    ).toBeVisible();
    expect(screen.queryByLabelText('Check my spelling as I type')).toBeNull();
    expect(main.spellChecker).toEqual([false]);
  });

  it('is offered on a Mac, off until chosen, and then checks what is written, not secrets', async () => {
    const main = await openRealMain({ spellCheckAvailable: true });
    const user = renderApp(main);
    await contents();
    const notes = await screen.findByRole('textbox', { name: 'Your notes on this section' });
    const spellChecked = (field: HTMLElement) =>
      field.closest('[spellcheck]')?.getAttribute('spellcheck') === 'true';
    await waitFor(() => expect(document.documentElement).toHaveAttribute('spellcheck', 'false'));
    expect(spellChecked(notes)).toBe(false);

    await openSettingsTab(user, 'Privacy');
    const choice = await screen.findByLabelText('Check my spelling as I type');
    expect(choice).not.toBeChecked();
    await user.click(choice);
    await waitFor(() => expect(main.spellChecker).toEqual([false, true]));
    expect(document.documentElement).toHaveAttribute('spellcheck', 'true');

    await user.click(screen.getByRole('button', { name: 'Back to the guide' }));
    expect(
      spellChecked(await screen.findByRole('textbox', { name: 'Your notes on this section' })),
    ).toBe(true);
    await openSettingsTab(user, 'Passphrase');
    expect(spellChecked(await screen.findByLabelText('Current passphrase'))).toBe(false);
  });
});
