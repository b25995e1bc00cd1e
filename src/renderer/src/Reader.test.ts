import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { articleTextUnits, readArticle } from '../../../test/support/article-source';
import { TEST_PASSPHRASE, openRealMain, type RealMain } from '../../../test/support/real-api';
import { openSettingsTab } from '../../../test/support/open-reader';
import App from './App.svelte';
import { composeApp } from './compose';
import { guide } from './lib/guide';
import { POSITION_SAVE_DELAY_MS } from './state/reader.svelte';

/** Renders the app with an open vault and waits for the reader to appear. */
async function renderApp(main?: RealMain) {
  const opened = main ?? (await openRealMain());
  const user = userEvent.setup();
  render(App, { props: composeApp(opened.api) });
  await screen.findByRole('navigation', { name: 'Guide contents' });
  // The notes appear once the notebook has arrived from main; until then nothing is writable.
  await screen.findByRole('textbox', { name: 'Your notes on this section' });
  return { main: opened, user };
}

afterEach(() => {
  vi.useRealTimers();
});

const mainHeading = () => within(screen.getByRole('main')).getAllByRole('heading', { level: 1 })[0];

/** The author's words on screen: headings, paragraphs and list items, not the app's own. */
function authorTextOnScreen(): string[] {
  const article = screen.getByRole('main').querySelector('article');
  if (!article) throw new Error('no article on screen');
  return [...article.querySelectorAll('h1, h2, p, li')]
    .filter((element) => !element.classList.contains('ours'))
    .map((element) => element.textContent?.trim() ?? '');
}

describe('the reader', () => {
  it('shows every word of the article, unchanged and in order, across its sections', async () => {
    const { user } = await renderApp();
    await screen.findByRole('heading', { level: 1, name: guide.title });
    const shown: string[] = [];
    for (;;) {
      shown.push(...authorTextOnScreen());
      const next = screen.queryByRole('button', { name: /^Next/ });
      if (!next) break;
      await user.click(next);
    }
    expect(shown).toEqual(articleTextUnits(readArticle()));
  });

  it('groups the contents as the article does, with every section listed', async () => {
    await renderApp();
    const contents = screen.getByRole('navigation', { name: 'Guide contents' });
    for (const group of ['Why he may be silent', 'What to avoid', 'Seven steps that work']) {
      const list = within(contents).getByRole('list', { name: group });
      expect(within(list).getAllByRole('button').length).toBeGreaterThan(1);
    }
    expect(within(contents).getAllByRole('button')).toHaveLength(15);
  });

  it('opens a section from the contents and moves focus to its heading', async () => {
    const { user } = await renderApp();
    await screen.findByRole('heading', { level: 1, name: guide.title });
    await user.click(screen.getByRole('button', { name: /Stop Reaching Out/ }));
    expect(mainHeading()).toHaveTextContent('Step 4: Stop Reaching Out');
    expect(mainHeading()).toHaveFocus();
    expect(screen.getByRole('button', { name: /Stop Reaching Out/ })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('shows the part heading and its opening paragraphs above the first section of a part', async () => {
    const { user } = await renderApp();
    await user.click(await screen.findByRole('button', { name: /Giving an Ultimatum/ }));
    expect(mainHeading()).toHaveTextContent(
      'What to Do When Your Boyfriend Won’t Talk to You – Strategies to Avoid',
    );
    expect(
      within(screen.getByRole('main').querySelector('article') as HTMLElement).getByRole(
        'heading',
        {
          level: 2,
        },
      ),
    ).toHaveTextContent('Strategy to avoid #1: Giving an Ultimatum');
  });

  it('moves with the arrow keys, but not while a control uses them', async () => {
    const { user } = await renderApp();
    await screen.findByRole('heading', { level: 1, name: guide.title });
    await user.keyboard('{ArrowRight}');
    expect(mainHeading()).toHaveTextContent(/Why Won’t He Talk to Me/);
    await user.keyboard('{ArrowLeft}');
    expect(mainHeading()).toHaveTextContent(guide.title);

    await user.click(screen.getByRole('textbox', { name: 'Your notes on this section' }));
    await user.keyboard('{ArrowRight}');
    expect(mainHeading()).toHaveTextContent(guide.title);
  });

  it('resumes at the section where the reader left off', async () => {
    const main = await openRealMain();
    // Step 6's heading and its first four blocks: 57 of its 104 words.
    await main.api.recordReadingPosition({
      sectionId: 'step-6',
      position: 0.5,
      read: [0, 1, 2, 3, 4],
    });
    await renderApp(main);
    await waitFor(() =>
      expect(mainHeading()).toHaveTextContent('Step 6: If He Contacts You, Pace Yourself'),
    );
    expect(
      within(screen.getByRole('button', { name: /Pace Yourself/ })).getByText('55 percent read'),
    ).toBeInTheDocument();
  });

  it('remembers the section being read, for next time', async () => {
    const { main } = await renderApp();
    await screen.findByRole('heading', { level: 1, name: guide.title });
    // The place saves once reports pause. On a fake clock that pause ends when the test says,
    // not whenever a busy machine gets to it, perhaps after the test has stopped looking.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    await user.click(screen.getByRole('button', { name: /^Next/ }));
    await user.click(screen.getByRole('button', { name: /^Next/ }));
    await vi.advanceTimersByTimeAsync(POSITION_SAVE_DELAY_MS);
    await main.settled();
    expect((await main.services.reading.state()).lastSectionId).toBe('reason-2');
  });

  it('opens at the start with a calm note when the reading place cannot be loaded', async () => {
    // The saved place is there, but its file was damaged while Stillwater was locked.
    const main = await openRealMain();
    await main.api.recordReadingPosition({ sectionId: 'step-3', position: 0.5, read: [0] });
    const id = main.readingStateId();
    await main.api.lockVault();
    main.files.damageRecord(id);
    await main.api.unlockVault({ passphrase: TEST_PASSPHRASE });
    await renderApp(main);
    expect(
      await screen.findByText(
        'Stillwater could not find where you left off, so the guide opens at the start.',
      ),
    ).toHaveAttribute('role', 'status');
    expect(mainHeading()).toHaveTextContent(guide.title);
  });

  it('follows commands from the application menu', async () => {
    const { main } = await renderApp();
    await screen.findByRole('heading', { level: 1, name: guide.title });
    main.sendMenuCommand('next-section');
    await waitFor(() => expect(mainHeading()).toHaveTextContent(/Why Won’t He Talk to Me/));
    main.sendMenuCommand('text-larger');
    await waitFor(() => expect(main.services.settings.readerPreferences().textScale).toBe(1.125));
    main.sendMenuCommand('show-about');
    expect(await screen.findByRole('heading', { name: 'About this guide' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'About' })).toHaveAttribute('aria-selected', 'true');
  });
});

describe('display settings', () => {
  it('switches the theme, and remembers it through main', async () => {
    const { user, main } = await renderApp();
    await openSettingsTab(user, 'Display');
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset['theme']).toBe('dark');
    await waitFor(() => expect(main.services.settings.readerPreferences().theme).toBe('dark'));
    await user.click(screen.getByRole('radio', { name: 'Match this computer' }));
    expect(document.documentElement.dataset['theme']).toBe('system');
  });

  it('changes the text size within its range', async () => {
    const { user, main } = await renderApp();
    await openSettingsTab(user, 'Display');
    await user.click(screen.getByRole('button', { name: 'Larger text' }));
    expect(document.documentElement.style.getPropertyValue('--text-scale')).toBe('1.125');
    expect(screen.getByRole('status', { name: 'Text size' })).toHaveTextContent('113%');
    const smaller = screen.getByRole('button', { name: 'Smaller text' });
    for (
      let clicks = 0;
      clicks < 10 && smaller.getAttribute('aria-disabled') !== 'true';
      clicks++
    ) {
      await user.click(smaller);
    }
    // Unavailable at the end of the range, and still holding the focus it was pressed with.
    expect(smaller).toHaveAttribute('aria-disabled', 'true');
    expect(smaller).toHaveFocus();
    await user.click(smaller);
    expect(screen.getByRole('status', { name: 'Text size' })).toHaveTextContent('88%');
    await waitFor(() => expect(main.services.settings.readerPreferences().textScale).toBe(0.875));
  });

  it.each([
    ['Sepia', 'theme', 'sepia'],
    ['Sans-serif', 'readingFont', 'sans'],
    ['Airy', 'lineSpacing', 'airy'],
    ['Compact', 'lineSpacing', 'compact'],
    ['Narrow', 'lineWidth', 'narrow'],
    ['Wide', 'lineWidth', 'wide'],
  ] as const)('sets %s on the page, and remembers it through main', async (name, key, value) => {
    const { user, main } = await renderApp();
    await openSettingsTab(user, 'Display');
    const radio = screen.getByRole('radio', { name });
    expect(radio).not.toBeChecked();
    await user.click(radio);
    expect(radio).toBeChecked();
    expect(document.documentElement.dataset[key]).toBe(value);
    await waitFor(() => expect(main.services.settings.readerPreferences()[key]).toBe(value));
  });

  it('hides the contents in focus mode, and leaves it with Esc', async () => {
    const { user, main } = await renderApp();
    await openSettingsTab(user, 'Display');
    await user.click(screen.getByRole('checkbox', { name: 'Focus mode' }));
    expect(screen.queryByRole('navigation', { name: 'Guide contents' })).toBeNull();
    // Focus mode is for reading: turned on in Settings, it goes to the guide.
    expect(mainHeading()).toHaveTextContent(guide.title);
    for (const name of ['Guide', 'Contents', 'Search', 'Journal', 'Notebook', 'Settings']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    for (const name of ['Lock', 'Hide', 'Leave focus mode']) {
      expect(screen.getByRole('button', { name })).toBeVisible();
    }
    await waitFor(() => expect(main.services.settings.readerPreferences().focusMode).toBe(true));
    await user.keyboard('{Escape}');
    expect(await screen.findByRole('navigation', { name: 'Guide contents' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Leave focus mode' })).toBeNull();
    await waitFor(() => expect(main.services.settings.readerPreferences().focusMode).toBe(false));
  });

  it('leaves focus mode by its button, handing focus to Settings', async () => {
    const main = await openRealMain();
    await main.api.updatePreferences({ focusMode: true });
    const user = userEvent.setup();
    render(App, { props: composeApp(main.api) });
    await user.click(await screen.findByRole('button', { name: 'Leave focus mode' }));
    expect(screen.getByRole('navigation', { name: 'Guide contents' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Settings' })).toHaveFocus();
  });

  it('starts with the theme saved last time', async () => {
    const main = await openRealMain();
    await main.api.updatePreferences({ theme: 'dark', textScale: 1.5 });
    await renderApp(main);
    await waitFor(() => expect(document.documentElement.dataset['theme']).toBe('dark'));
    expect(document.documentElement.style.getPropertyValue('--text-scale')).toBe('1.5');
  });
});

describe('about this guide', () => {
  it('credits the title, the author and the date, and leads back to the guide', async () => {
    const { user } = await renderApp();
    await openSettingsTab(user, 'About');
    const about = screen.getByRole('region', { name: 'About this guide' });
    expect(within(about).getByText(guide.title)).toBeInTheDocument();
    expect(within(about).getByText('Pascal')).toBeInTheDocument();
    expect(within(about).getByText('Wednesday, October 13, 2021')).toBeInTheDocument();
    await user.click(within(about).getByRole('button', { name: 'Back to the guide' }));
    expect(mainHeading()).toHaveTextContent(guide.title);
  });
});
