/**
 * Never lose a word: every field a person writes in keeps what they type in main within
 * about a second, so a crash, a lock or a restart gives it back.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openReader } from '../../../../../test/support/open-reader';
import { openRealMain, type RealMain } from '../../../../../test/support/real-api';
import { DRAFT_NOT_KEPT } from '../../lib/errors';

async function withHighlight(): Promise<RealMain> {
  const app = await openRealMain();
  await app.api.saveHighlight({
    sectionId: 'intro',
    anchor: { quote: 'a kept passage', prefix: '', suffix: '', start: 0, end: 14, guideVersion: 1 },
    colour: 'green',
    note: '',
  });
  return app;
}

async function openApp(app: RealMain) {
  return (await openReader(app)).user;
}

const main = () => within(screen.getByRole('main'));

/** Where each field lives, how to reach it, and where its words are kept meanwhile. */
const KEPT_FIELDS = [
  {
    field: 'the section’s notes',
    page: null,
    find: () => screen.getByRole('textbox', { name: 'Your notes on this section' }),
    kept: async (app: RealMain, text: string) =>
      (await app.items()).some((item) => 'text' in item && item.text === text),
  },
  {
    field: 'a highlight’s note',
    page: null,
    find: () => screen.getByRole('textbox', { name: 'Note on this highlight' }),
    kept: async (app: RealMain, text: string) =>
      (await app.drafts()).some((draft) => draft.fields['note'] === text),
  },
  {
    field: 'the journal’s text',
    page: 'Journal',
    find: () => main().getByLabelText('What happened, what you felt'),
    kept: async (app: RealMain, text: string) =>
      (await app.drafts()).some((draft) => draft.fields['text'] === text),
  },
  {
    field: 'the journal’s tags',
    page: 'Journal',
    find: () => main().getByLabelText('Tags (optional, separated by commas)'),
    kept: async (app: RealMain, text: string) =>
      (await app.drafts()).some((draft) => draft.fields['tags'] === text),
  },
] as const;

const TEXT_ROLES = ['textbox', 'searchbox'] as const;

/** Fields that hold no writing, and why each is left out. */
const NOT_WRITING = new Map([['Search', 'a search, not something the person keeps']]);

describe('every field a person writes in', () => {
  it('is one the app keeps, or is named here as not writing', async () => {
    const user = await openApp(await withHighlight());
    const known = [
      'Your notes on this section',
      'Note on this highlight',
      'What happened, what you felt',
      'Tags (optional, separated by commas)',
      ...NOT_WRITING.keys(),
    ];
    const unaccounted = new Set<string>();
    const remembered = new Set<string>();
    const found = new Set<string>();
    /** Every text field on screen must be found again by one of the names above. */
    const collect = () => {
      const named = new Set(
        known.flatMap((name) => {
          const matches = TEXT_ROLES.flatMap((role) => screen.queryAllByRole(role, { name }));
          if (matches.length > 0) found.add(name);
          return matches;
        }),
      );
      for (const field of TEXT_ROLES.flatMap((role) => screen.queryAllByRole(role))) {
        if (!named.has(field)) unaccounted.add(field.outerHTML.slice(0, 120));
        // A field the browser may remember in its own files, unencrypted: a one-line field by
        // its autofill, and any field by the form state a restored session keeps.
        if (field.getAttribute('autocomplete') !== 'off') {
          remembered.add(field.outerHTML.slice(0, 120));
        }
      }
    };
    collect();
    await user.click(screen.getByRole('button', { name: 'Search' }));
    // The search panel loads the first time it opens.
    await screen.findByRole('searchbox', { name: 'Search' });
    collect();
    await user.keyboard('{Escape}');
    for (const page of ['Journal', 'Notebook']) {
      await user.click(screen.getByRole('button', { name: page }));
      await main().findByRole('heading', { level: 1, name: page });
      collect();
    }
    expect([...unaccounted]).toEqual([]);
    expect([...remembered]).toEqual([]);
    expect(known.filter((name) => !found.has(name))).toEqual([]);
  });

  it.each(KEPT_FIELDS)(
    'keeps $field within about a second, and gives it back after a crash',
    async ({ page, find, kept }) => {
      const app = await withHighlight();
      const user = await openApp(app);
      if (page) await user.click(screen.getByRole('button', { name: page }));
      const words = `kept through a crash ${Math.random().toString(36).slice(2)}`;
      await user.type(await waitFor(find), words);
      // No blur, no save button: only the passage of time.
      await waitFor(async () => expect(await kept(app, words)).toBe(true), { timeout: 2000 });

      cleanup();
      const again = await openApp(app);
      if (page) await again.click(screen.getByRole('button', { name: page }));
      expect(await waitFor(find)).toHaveValue(words);
    },
  );
});

describe('the journal', () => {
  it('keeps a new entry’s words while an older entry is edited, and after going elsewhere', async () => {
    const app = await openRealMain();
    await app.api.saveJournalEntry({
      date: '2026-11-20',
      text: 'An older entry.',
      mood: 3,
      tags: [],
      sectionId: null,
    });
    const user = await openApp(app);
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    const text = () =>
      within(main().getByRole('form', { name: 'New entry' })).getByLabelText(
        'What happened, what you felt',
      );
    await user.type(text(), 'Half a thought');

    // The older entry opens in its own card, beside the new one's form.
    const older = main().getByRole('article', { name: /^Entry for / });
    await user.click(within(older).getByRole('button', { name: 'Edit' }));
    const olderText = within(older).getByLabelText('What happened, what you felt');
    expect(olderText).toHaveValue('An older entry.');
    expect(olderText).toHaveFocus();
    expect(text()).toHaveValue('Half a thought');
    await user.click(within(older).getByRole('button', { name: 'Cancel' }));
    expect(within(older).getByRole('heading')).toHaveFocus();
    expect(text()).toHaveValue('Half a thought');
    // Escape in the card's form does what Cancel does, and what was typed there goes with it:
    // it must not come back into the next edit, to be saved with it unseen.
    await user.click(within(older).getByRole('button', { name: 'Edit' }));
    await user.type(within(older).getByLabelText('What happened, what you felt'), ' Edited.');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(within(older).getByRole('heading')).toHaveFocus());
    expect(within(older).queryByRole('form', { name: 'Edit entry' })).toBeNull();
    await user.click(within(older).getByRole('button', { name: 'Edit' }));
    expect(within(older).getByLabelText('What happened, what you felt')).toHaveValue(
      'An older entry.',
    );
    expect(within(older).queryByText('What you were writing is back, as you left it.')).toBeNull();
    await user.type(within(older).getByLabelText('What happened, what you felt'), ' Also this.');
    await user.click(within(older).getByRole('button', { name: 'Cancel' }));
    await user.click(within(older).getByRole('button', { name: 'Edit' }));
    expect(within(older).getByLabelText('What happened, what you felt')).toHaveValue(
      'An older entry.',
    );
    await user.click(within(older).getByRole('button', { name: 'Cancel' }));
    await waitFor(async () =>
      expect((await app.drafts()).map((draft) => draft.key)).toEqual(['journal:new']),
    );

    await user.click(screen.getByRole('button', { name: 'Notebook' }));
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    expect(text()).toHaveValue('Half a thought');
    expect(main().getByText('What you were writing is back, as you left it.')).toBeInTheDocument();

    await user.type(text(), ', finished.');
    await user.click(main().getByRole('button', { name: 'Save entry' }));
    await main().findByText('Your entry is saved.');
    expect(text()).toHaveValue('');
    await waitFor(async () => expect(await app.drafts()).toEqual([]));
  });

  it('says so when main cannot keep a draft, and keeps the words on screen', async () => {
    const app = await openRealMain();
    // A draft of the new entry from a newer Stillwater: main must not write over it.
    const vault = app.services.vault.current();
    const future = { v: 2, key: 'journal:new', fields: { text: 'from a newer Stillwater' } };
    await vault.put('draft', future, vault.singletonId('draft:journal:new'));
    const user = await openApp(app);
    await user.click(screen.getByRole('button', { name: 'Journal' }));
    await user.type(main().getByLabelText('What happened, what you felt'), 'Words of today');

    expect(await main().findByText(DRAFT_NOT_KEPT)).toHaveAttribute('role', 'status');
    expect(main().getByLabelText('What happened, what you felt')).toHaveValue('Words of today');
    expect((await vault.get(vault.singletonId('draft:journal:new')))?.body).toEqual(future);
  });
});
