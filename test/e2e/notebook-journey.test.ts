import { beforeEach, describe, expect, it } from 'vitest';
import { axeFindings } from '../support/axe';
import { E2E_PASSPHRASE } from '../support/renderer-host';
import { selectPassage } from '../support/select-passage';
import { useRendererHost } from '../support/e2e-host';

const session = useRendererHost('stillwater-e2e-notebook-');
beforeEach(() => session.host().open());

/** What main holds once the page is gone or locked: read straight from the vault. */
async function savedItems() {
  if ((await session.host().services.vault.state()) === 'locked')
    await session.host().services.vault.unlock(E2E_PASSPHRASE);
  return (await session.host().services.notebook.notebook()).items;
}

describe('the notebook in Chromium', () => {
  it('highlights a passage with a note, keeps a journal entry with a mood, and search finds both', async () => {
    const { page } = session.host();
    // The note reaches main when its field is left, while the test goes on to the journal.
    const noteSaved = session
      .host()
      .handled<{ note: string }>(
        'notebook:save-highlight',
        (highlight) => highlight.note === 'Kindness toward myself as well',
      );
    await page.getByRole('button', { name: /Give Him the Benefit of the Doubt/ }).click();
    await selectPassage(page, 'be as compassionate as you possibly can');
    await page.getByRole('button', { name: 'Highlight in blue' }).click();
    const mark = page.locator('mark', { hasText: 'be as compassionate as you possibly can' });
    await mark.waitFor();
    await page.getByPlaceholder('Add a note (optional)').fill('Kindness toward myself as well');
    await page.getByPlaceholder('Add a note (optional)').press('Tab');

    await page.getByRole('button', { name: 'Journal' }).click();
    await page.getByLabel('4 · Good').check();
    await page
      .getByLabel('What happened, what you felt')
      .fill('A walk by the river helped with the waiting.');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByText('Your entry is saved.').waitFor();
    await noteSaved;

    expect((await savedItems()).map((item) => item.kind).sort()).toEqual([
      'highlight',
      'journal-entry',
    ]);
    expect((await savedItems()).find((item) => item.kind === 'highlight')).toMatchObject({
      colour: 'blue',
      note: 'Kindness toward myself as well',
      anchor: { quote: 'be as compassionate as you possibly can' },
    });

    // Main answers each query as it is typed: the results are waited for, not read at once.
    const results = page.getByRole('list', { name: 'Search results' });
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox').fill('kindness');
    await results.getByRole('button', { name: /^Highlight/ }).waitFor();
    await page.getByRole('searchbox').fill('river');
    await expect.poll(() => results.textContent()).toMatch(/^Journal/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.locator('main h1').first().textContent()).resolves.toBe('Journal');
  });

  it('opens a search result deep in a section at the passage, on screen and focused', async () => {
    const { page } = session.host();
    const passage = page
      .locator('[data-section-body] p')
      .filter({ hasText: 'So, he takes the easier route' });
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox').fill('easier route');
    await page
      .getByRole('list', { name: 'Search results' })
      .getByRole('button', { name: /^Guide/ })
      .click();
    await expect.poll(() => passage.evaluate((p) => p === document.activeElement)).toBe(true);
    const inView = await passage.evaluate((p) => {
      const box = p.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, height: window.innerHeight, scrolled: scrollY };
    });
    // The passage is below the first screen of its section, so getting there took a scroll.
    expect(inView.scrolled).toBeGreaterThan(0);
    expect(inView.top).toBeGreaterThanOrEqual(0);
    expect(inView.bottom).toBeLessThanOrEqual(inView.height);
  });

  it('deletes to the trash and restores from it', async () => {
    const { page } = session.host();
    await page
      .getByRole('textbox', { name: 'Your notes on this section' })
      .fill('Keep this close.');
    await page.getByRole('textbox', { name: 'Your notes on this section' }).blur();
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByRole('button', { name: 'Notebook' }).click();
    const trash = page.getByRole('list', { name: 'Trash' });
    await expect(trash.textContent()).resolves.toContain('Keep this close.');
    // Delete for good asks in a dialog that axe passes; Escape says no, back on the button.
    const deleteButton = trash.getByRole('button', { name: 'Delete for good' });
    await deleteButton.click();
    await page.getByRole('alertdialog', { name: 'Delete this for good?' }).waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    await expect.poll(() => deleteButton.evaluate((b) => b === document.activeElement)).toBe(true);

    const restored = session.host().handled('notebook:restore');
    await trash.getByRole('button', { name: 'Restore' }).click();
    await restored;
    expect((await savedItems()).map((item) => item.kind)).toEqual(['note']);
    expect((await session.host().services.notebook.notebook()).trash).toEqual([]);
  });

  it('loses nothing when the vault is locked straight after typing', async () => {
    const { page } = session.host();
    const notes = page.getByRole('textbox', { name: 'Your notes on this section' });
    await notes.pressSequentially('typed, then locked at once');
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor();
    expect(await savedItems()).toMatchObject([
      { kind: 'note', text: 'typed, then locked at once' },
    ]);
  });

  it('gives back a journal entry being written after main locks on its own, with no warning to the page', async () => {
    const host = session.host();
    await host.page.getByRole('button', { name: 'Journal' }).click();
    const text = host.page.getByLabel('What happened, what you felt');
    await text.pressSequentially('written just before the computer locked');
    // Wait for the thing itself: the draft, encrypted in main.
    await expect
      .poll(async () => (await host.services.notebook.notebook()).drafts, { timeout: 15_000 })
      .toMatchObject([
        { key: 'journal:new', fields: { text: 'written just before the computer locked' } },
      ]);

    // As auto-lock and a sleeping computer do: main locks without asking the page first.
    const reloaded = host.reloadedByLock();
    await host.services.vault.lock();
    await reloaded;
    await host.page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor();
    await host.page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await host.page.getByRole('button', { name: 'Unlock' }).click();
    // The quiet start page, where unlocking opens, goes straight on to the journal.
    await host.page.getByRole('navigation', { name: 'Where to go' }).waitFor();
    await host.page.getByRole('button', { name: 'Journal' }).click();
    await expect
      .poll(() => host.page.getByLabel('What happened, what you felt').inputValue())
      .toBe('written just before the computer locked');
  });

  it('loses nothing when the window is closed straight after typing', async () => {
    const { page } = session.host();
    await page
      .getByRole('textbox', { name: 'Your notes on this section' })
      .pressSequentially('typed, then closed');
    const closed = page.waitForEvent('close');
    await session.host().sendMenuCommand('save-and-close');
    await closed;
    expect(await savedItems()).toMatchObject([{ kind: 'note', text: 'typed, then closed' }]);
  });

  it('shows hostile content as text, runs nothing, and saves it intact', async () => {
    const { page } = session.host();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const hostile = [
      '<img src=x onerror="alert(1)"> <script>alert(2)</script> [press](javascript:alert(3))',
      'שלום 😀👩‍👩‍👧 e\u0301',
      'w'.repeat(200_000),
    ].join('\n');
    const savedAs = (text: string) =>
      session.host().handled<{ text: string }>('notebook:save-note', (note) => note.text === text);
    const notes = page.getByRole('textbox', { name: 'Your notes on this section' });
    const hostileSaved = savedAs(hostile);
    await notes.fill(hostile);
    await notes.blur();
    await page.getByRole('button', { name: 'Show formatting' }).click();
    // The Markdown renderer loads the first time formatting is shown; until then the preview
    // is empty, so the test waits for the rendered text before it looks for elements.
    const preview = page.locator('.preview', { hasText: '<img src=x onerror="alert(1)">' });
    await preview.waitFor();
    await expect(preview.locator('img, script, a').count()).resolves.toBe(0);
    await hostileSaved;
    expect((await savedItems())[0]).toMatchObject({ text: hostile });

    const megabyte = 'A whole megabyte pasted at once. '.repeat(32 * 1024);
    const megabyteSaved = savedAs(megabyte);
    await notes.fill(megabyte);
    await notes.blur();
    await megabyteSaved;
    const [saved] = await savedItems();
    expect(saved?.kind === 'note' && saved.text.length).toBe(megabyte.length);
    expect(dialogs).toEqual([]);
  });
});
