import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEXT_SCALES } from '../../src/shared/preferences/model';
import { E2E_PASSPHRASE } from '../support/renderer-host';
import { chooseDateByKeyboard } from '../support/choose-date-in-page';
import { useRendererHost } from '../support/e2e-host';
import { selectPassage } from '../support/select-passage';
import { openSettingsTab } from '../support/settings-page';

const session = useRendererHost('stillwater-e2e-focus-');
const NEW_PASSPHRASE = 'a different passphrase entirely';

/**
 * Waits until `target` has focus. On failure it names what has focus instead, "BODY" for
 * the page body, which is what every case here guards against.
 */
async function expectFocusOn(target: Locator): Promise<void> {
  // Found first, so a missing element fails naming it; each look at focus is then brief,
  // since the poll below waits for a look in progress however long it takes.
  await target.waitFor();
  await expect
    .poll(
      () =>
        target.evaluate(
          (element) => {
            const active = document.activeElement;
            if (active === element) return 'the expected element';
            const words = active === document.body ? '' : (active?.textContent ?? '').trim();
            return `${active?.tagName ?? 'nothing'} ${words.slice(0, 60)}`;
          },
          undefined,
          { timeout: 1000 },
        ),
      { timeout: 5000 },
    )
    .toBe('the expected element');
}

/** Moves focus to `control` and presses Enter on it, as someone with a keyboard would. */
async function press(control: Locator): Promise<void> {
  await control.focus();
  await control.press('Enter');
}

const sectionHeading = (page: Page) => page.locator('main article h1');
const LARGEST_TEXT = TEXT_SCALES[TEXT_SCALES.length - 1];

async function writeEntry(page: Page, date: string, text: string): Promise<void> {
  await chooseDateByKeyboard(page, page.getByLabel('Date'), date);
  await page.getByLabel('What happened, what you felt').fill(text);
  await press(page.getByRole('button', { name: 'Save entry' }));
  await page.getByRole('article').filter({ hasText: text }).waitFor();
}

const entryHeading = (page: Page, text: string) =>
  page.getByRole('article').filter({ hasText: text }).getByRole('heading');

describe('where focus goes after each action', () => {
  it('from setup to the recovery key and into the guide', async () => {
    const { page } = session.host();
    await session.host().visit();
    await page.getByLabel('Passphrase', { exact: true }).fill(E2E_PASSPHRASE);
    await page.getByLabel('Type it again').fill(E2E_PASSPHRASE);
    await press(page.getByRole('button', { name: 'Continue' }));
    await expectFocusOn(page.getByRole('status', { name: 'Recovery key' }));

    await page.getByLabel('I have kept my recovery key somewhere safe').check();
    await press(page.getByRole('button', { name: 'Open Stillwater' }));
    await expectFocusOn(sectionHeading(page));
  });

  it('from the lock screen, and from a recovery, through the start page into the guide', async () => {
    const { page } = session.host();
    const recoveryKey = await session.host().services.vault.create(E2E_PASSPHRASE);
    await session.host().services.vault.lock();
    await session.host().visit();
    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await page.keyboard.press('Enter');
    // Unlocking opens the quiet start page, at its way on; that leads into the guide.
    const continueReading = page.getByRole('button', { name: 'Continue reading' });
    await expectFocusOn(continueReading);
    await press(continueReading);
    await expectFocusOn(sectionHeading(page));

    const reloaded = session.host().reloadedByLock();
    await press(page.getByRole('button', { name: 'Lock' }));
    await reloaded;
    await press(page.getByRole('button', { name: 'Forgot your passphrase?' }));
    await page.getByLabel('Recovery key', { exact: true }).fill(recoveryKey);
    await page.getByLabel('New passphrase').fill(NEW_PASSPHRASE);
    await page.getByLabel('Type it again').fill(NEW_PASSPHRASE);
    await press(page.getByRole('button', { name: 'Set the new passphrase' }));
    await expectFocusOn(continueReading);
    await press(continueReading);
    await expectFocusOn(sectionHeading(page));
  });

  it('in the journal: saving, a refused save, trash, Undo, and the trash in the notebook', async () => {
    const { page } = session.host();
    await session.host().open();
    await press(page.getByRole('button', { name: 'Journal' }));
    await expectFocusOn(page.getByRole('heading', { name: 'Journal', level: 1 }));

    const textField = page.getByLabel('What happened, what you felt');
    await writeEntry(page, '2026-03-01', 'The first morning.');
    await expectFocusOn(textField);
    await page.getByText('Your entry is saved.').waitFor();
    await writeEntry(page, '2026-03-02', 'The second morning.');
    await expectFocusOn(textField);

    // Editing happens in the entry's own card, and saving the changes hands focus back to it.
    const firstEntry = page.getByRole('article').filter({ hasText: 'The first morning.' });
    await press(firstEntry.getByRole('button', { name: 'Edit' }));
    const editedText = page
      .getByRole('form', { name: 'Edit entry' })
      .getByLabel('What happened, what you felt');
    await expectFocusOn(editedText);
    await editedText.fill('The first morning, at the river.');
    await press(page.getByRole('button', { name: 'Save changes' }));
    await expectFocusOn(entryHeading(page, 'at the river'));

    // The newest is first: trashing it moves focus to the entry that takes its place.
    await press(
      page
        .getByRole('article')
        .filter({ hasText: 'The second morning.' })
        .getByRole('button', { name: 'Move to trash' }),
    );
    await expectFocusOn(entryHeading(page, 'at the river'));

    // Undo brings it back, and focus with it.
    await press(page.getByRole('button', { name: 'Undo' }));
    await expectFocusOn(entryHeading(page, 'The second morning.'));

    // With nothing left after it, focus goes to the list's heading.
    for (const text of ['The second morning.', 'at the river']) {
      const entry = page.getByRole('article').filter({ hasText: text });
      await press(entry.getByRole('button', { name: 'Move to trash' }));
      await entry.waitFor({ state: 'detached' });
    }
    await expectFocusOn(page.getByRole('heading', { name: 'Your entries' }));

    // Restored from the trash, an entry takes focus in the list of everything written.
    await press(page.getByRole('button', { name: 'Notebook' }));
    const trash = page.getByRole('list', { name: 'Trash' });
    const writing = page.getByRole('list', { name: 'Your writing' });
    await press(
      trash.getByRole('listitem').filter({ hasText: 'The second morning.' }).getByRole('button', {
        name: 'Restore',
      }),
    );
    await expectFocusOn(writing.getByRole('listitem').filter({ hasText: 'The second morning.' }));
    // Undoing that puts it back in the trash, where focus follows it.
    await press(page.getByRole('button', { name: 'Undo' }));
    await expectFocusOn(trash.getByRole('listitem').filter({ hasText: 'The second morning.' }));

    // A save that main refuses (a tag longer than it keeps) leaves focus on the button,
    // beside the reason.
    await press(page.getByRole('button', { name: 'Journal' }));
    await textField.fill('A morning with one tag too long.');
    await page.getByLabel(/^Tags/).fill('x'.repeat(41));
    const save = page.getByRole('button', { name: 'Save entry' });
    await press(save);
    const reason = page.getByRole('form', { name: 'New entry' }).getByRole('status').first();
    await expect.poll(() => reason.textContent()).toMatch(/could not be saved/);
    await expectFocusOn(save);
  });

  it('never leaves the focused control under the Undo notice, at 800×600 with the largest text', async () => {
    const host = session.host();
    const { page } = host;
    await page.setViewportSize({ width: 800, height: 600 });
    host.services.settings.updateReaderPreferences({ textScale: LARGEST_TEXT });
    await host.open();
    await press(page.getByRole('button', { name: 'Journal' }));
    for (const [date, text] of [
      ['2026-03-01', 'The first morning.'],
      ['2026-03-02', 'The second morning.'],
      ['2026-03-03', 'The third morning.'],
    ] as const) {
      await writeEntry(page, date, text);
    }
    await press(
      page
        .getByRole('article')
        .filter({ hasText: 'The third morning.' })
        .getByRole('button', { name: 'Move to trash' }),
    );
    const notice = page
      .getByRole('status')
      .filter({ has: page.getByRole('button', { name: 'Undo' }) });
    await notice.waitFor();

    // Tab from the page's heading through everything on it, as a person would.
    await page.getByRole('heading', { name: 'Journal', level: 1 }).focus();
    const covered: string[] = [];
    for (let step = 0; step < 40; step++) {
      await page.keyboard.press('Tab');
      const overlap = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        const card = document.querySelector('.undo .card');
        if (!active || !card || card.contains(active)) return null;
        const box = active.getBoundingClientRect();
        const under = card.getBoundingClientRect();
        // One taller than the room above the notice need only start above it.
        const fits = box.height < under.top - 16;
        const hidden = fits
          ? box.bottom > under.top + 1 && box.top < under.bottom
          : box.top > under.top - 1;
        return hidden
          ? (active.getAttribute('aria-label') ?? active.textContent ?? '').trim()
          : null;
      });
      if (overlap !== null) covered.push(overlap.slice(0, 40));
    }
    expect(covered).toEqual([]);
  });

  it('folded contents take focus as they open, and Escape hands it back to their button', async () => {
    const host = session.host();
    const { page } = host;
    await page.setViewportSize({ width: 800, height: 600 });
    host.services.settings.updateReaderPreferences({ textScale: LARGEST_TEXT });
    await host.open();
    const toggle = page.getByRole('button', { name: 'Contents' });
    await press(toggle);
    await expectFocusOn(
      page.getByRole('navigation', { name: 'Guide contents' }).locator('[aria-current="page"]'),
    );
    await page.keyboard.press('Escape');
    await expectFocusOn(toggle);
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
  });

  it('removing a highlight, and Undo', async () => {
    const { page } = session.host();
    await session.host().open();
    await page.getByRole('button', { name: /Give Him the Benefit of the Doubt/ }).click();
    for (const passage of [
      'You are trying to reconnect',
      'be as compassionate as you possibly can',
    ]) {
      await selectPassage(page, passage);
      await page.getByRole('button', { name: 'Highlight in blue' }).click();
      await page.locator('mark', { hasText: passage }).first().waitFor();
    }
    const highlights = page.getByRole('region', { name: 'Your highlights in this section' });
    const quote = (words: string) => highlights.getByRole('blockquote').filter({ hasText: words });
    const removeButton = (words: string) =>
      highlights
        .getByRole('listitem')
        .filter({ hasText: words })
        .getByRole('button', { name: 'Remove highlight' });

    await press(removeButton('be as compassionate'));
    await expectFocusOn(quote('You are trying to reconnect'));
    await press(page.getByRole('button', { name: 'Undo' }));
    await expectFocusOn(quote('be as compassionate'));

    await press(removeButton('You are trying to reconnect'));
    await expectFocusOn(quote('be as compassionate'));
    await press(removeButton('be as compassionate'));
    await expectFocusOn(page.getByRole('textbox', { name: 'Your notes on this section' }));
  });

  it("in a section's notes: an earlier version, trash, and Undo", async () => {
    const { page } = session.host();
    await session.host().open();
    const note = page.getByRole('textbox', { name: 'Your notes on this section' });
    for (const text of ['The first thought.', 'The second thought.']) {
      const saved = session
        .host()
        .handled<{ text: string }>('notebook:save-note', (input) => input.text === text);
      await note.fill(text);
      await note.press('Tab');
      await saved;
    }

    await press(page.getByRole('button', { name: 'Earlier versions' }));
    const versions = page.getByRole('region', { name: 'Earlier versions' });
    await press(versions.getByRole('button', { name: 'Show this version' }).first());
    await press(versions.getByRole('button', { name: 'Use this version' }));
    await expectFocusOn(note);

    await press(page.getByRole('button', { name: 'Move to trash' }));
    await expectFocusOn(note);
    await press(page.getByRole('button', { name: 'Undo' }));
    await expect.poll(() => note.inputValue()).not.toBe('');
    await expectFocusOn(note);
  });

  it('closing search with Escape hands focus back to its button; Settings and its tabs lead in', async () => {
    const { page } = session.host();
    await session.host().open();
    const searchButton = page.getByRole('button', { name: 'Search', exact: true });
    await press(searchButton);
    await expectFocusOn(page.getByRole('searchbox'));
    await page.keyboard.press('Escape');
    await expectFocusOn(searchButton);

    // Settings is a page: its heading takes focus, and each tab keeps it as it is chosen.
    await press(page.getByRole('button', { name: 'Settings', exact: true }));
    await expectFocusOn(page.getByRole('heading', { level: 1, name: 'Settings' }));
    const privacyTab = page.getByRole('tab', { name: 'Privacy' });
    await press(privacyTab);
    await expectFocusOn(privacyTab);
    await page.keyboard.press('ArrowRight');
    await expectFocusOn(page.getByRole('tab', { name: 'Passphrase' }));
  });

  it('changing the passphrase, and going back to the guide', async () => {
    const { page } = session.host();
    await session.host().open();
    await openSettingsTab(page, 'Passphrase');
    await page.getByLabel('Current passphrase').fill(E2E_PASSPHRASE);
    await page.getByRole('textbox', { name: 'New passphrase' }).fill(NEW_PASSPHRASE);
    await page.getByLabel('Type it again').fill(NEW_PASSPHRASE);
    await press(page.getByRole('main').getByRole('button', { name: 'Change passphrase' }));
    await expectFocusOn(page.getByText('Your passphrase has been changed.'));
    await press(page.getByRole('button', { name: 'Back to the guide' }));
    await expectFocusOn(sectionHeading(page));
  });
});
