import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { journalOrder } from '../../shared/notebook/item-order';
import { JOURNAL_FIRST_PAGE, type JournalEntry } from '../../shared/notebook/model';
import { VaultSession } from '../vault/vault-session';
import { NotebookService } from './notebook-service';

const makeDir = tempDirs('stillwater-journal-pages-');
let notebook: NotebookService;

/** Entries on days spread over a year, several on some days, saved in no particular order. */
async function saveEntries(count: number): Promise<JournalEntry[]> {
  const saved: JournalEntry[] = [];
  for (let index = 0; index < count; index++) {
    const day = (index * 37) % 365;
    const date = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
    saved.push(
      await notebook.saveJournalEntry({
        date,
        text: `Entry ${index}`,
        mood: null,
        tags: [],
        sectionId: null,
      }),
    );
  }
  return saved;
}

const ids = (entries: readonly { id: string }[]) => entries.map((entry) => entry.id);
const journalOf = (items: readonly { kind: string }[]) =>
  items.filter((item): item is JournalEntry => item.kind === 'journal-entry');

beforeEach(async () => {
  const session = new VaultSession({ dir: path.join(makeDir(), 'vault'), kdf: FAST_KDF });
  await session.create('journal pages passphrase');
  notebook = new NotebookService(session, { logger: captureLogger() });
});

describe('the journal, sent in pages', () => {
  it('opens with the newest entries and everything else, then gives the rest in order, each once', async () => {
    const saved = await saveEntries(JOURNAL_FIRST_PAGE + 45);
    const note = await notebook.saveNote({ sectionId: 'intro', text: 'Still here.' });
    const inOrder = [...saved].sort(journalOrder);

    const opened = await notebook.notebook();
    const first = journalOf(opened.items);
    expect(ids(first)).toEqual(ids(inOrder.slice(0, JOURNAL_FIRST_PAGE)));
    expect(opened.items.some((item) => item.id === note.id)).toBe(true);
    expect(opened.olderJournalEntries).toBe(45);

    const pages: JournalEntry[][] = [];
    let after = first.at(-1);
    let remaining = opened.olderJournalEntries;
    while (after && remaining > 0) {
      const page = await notebook.olderJournal(after, 20);
      pages.push(page.entries);
      after = page.entries.at(-1);
      remaining = page.remaining;
    }
    expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
    expect(ids([...first, ...pages.flat()])).toEqual(ids(inOrder));
  });

  it('follows changes between pages: a moved entry is found where it now stands', async () => {
    const saved = await saveEntries(JOURNAL_FIRST_PAGE + 10);
    const opened = await notebook.notebook();
    const first = journalOf(opened.items);
    const oldest = first.at(-1);
    if (!oldest) throw new Error('the first page has entries');

    // One not yet sent is trashed, and one already sent moves back among the older ones.
    const inOrder = [...saved].sort(journalOrder);
    const unsent = inOrder[JOURNAL_FIRST_PAGE + 3];
    const sent = inOrder[0];
    if (!unsent || !sent) throw new Error('entries on both sides of the first page');
    await notebook.trash(unsent.id);
    const moved = await notebook.saveJournalEntry({ ...sent, date: '2001-01-01' });

    const rest = await notebook.olderJournal(oldest, 100);
    expect(rest.remaining).toBe(0);
    expect(ids(rest.entries)).not.toContain(unsent.id);
    // Sent again, as it is now: the page keeps the copy it already has.
    expect(rest.entries.at(-1)).toEqual(moved);
    expect(rest.entries).toHaveLength(10);
  });
});
