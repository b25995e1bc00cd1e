import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { openRealMain, type RealMain } from '../../../../test/support/real-api';
import { JOURNAL_FIRST_PAGE, type JournalEntry } from '../../../shared/notebook/model';
import { guide } from '../lib/guide';
import { NotebookState } from './notebook.svelte';

const anchor = (quote: string) => ({
  quote,
  prefix: '',
  suffix: '',
  start: 0,
  end: quote.length,
  guideVersion: guide.version,
});

const journalEntry = (date: string, text: string) => ({
  date,
  text,
  mood: null,
  tags: [],
  sectionId: null,
});

/** A notebook with something of every kind in it, saved in main before the page opens it. */
async function openFilledNotebook(app: RealMain) {
  await app.api.saveNote({ sectionId: 'intro', text: 'A first note.' });
  await app.api.saveHighlight({
    sectionId: 'intro',
    anchor: anchor('relationships'),
    colour: 'yellow',
    note: '',
  });
  await app.api.saveHighlight({
    sectionId: 'step-2',
    anchor: anchor('compassion'),
    colour: 'green',
    note: '',
  });
  await app.api.saveJournalEntry(journalEntry('2026-11-02', 'A walk.'));
  await app.api.saveStepWork({ entry: { type: 'need', text: 'Quiet', canGive: null } });
  await app.api.saveStepWork({ entry: { type: 'self-care', text: 'Sleep', doneOn: null } });
  const notebook = new NotebookState(app.api, 0);
  await notebook.load();
  return notebook;
}

/** Every list the notebook keeps, as it holds them now. */
const listsOf = (notebook: NotebookState) => ({
  notes: notebook.notes,
  highlights: notebook.highlights,
  journal: notebook.journal,
  stepWork: notebook.stepWork,
  introHighlights: notebook.highlightsIn('intro'),
  stepTwoHighlights: notebook.highlightsIn('step-2'),
  needs: notebook.entriesOf('need'),
  selfCare: notebook.entriesOf('self-care'),
  trash: notebook.trash,
});

/** The names of the lists that are not the very lists they were. */
function changedLists(
  before: ReturnType<typeof listsOf>,
  after: ReturnType<typeof listsOf>,
): string[] {
  return Object.keys(before).filter(
    (name) => before[name as keyof typeof before] !== after[name as keyof typeof after],
  );
}

const texts = (entries: readonly JournalEntry[]) => entries.map((entry) => entry.text);

describe('NotebookState', () => {
  it('replaces, on each save, only the lists that hold what was saved', async () => {
    const notebook = await openFilledNotebook(await openRealMain());

    let before = listsOf(notebook);
    notebook.editNote('intro', 'A first note, changed.');
    await notebook.flush();
    expect(changedLists(before, listsOf(notebook))).toEqual(['notes']);
    expect(notebook.noteFor('intro')?.text).toBe('A first note, changed.');

    before = listsOf(notebook);
    const [need] = notebook.entriesOf('need');
    await notebook.saveStepWork(
      { type: 'need', text: 'Quiet, and time', canGive: 'yes' },
      need?.id,
    );
    expect(changedLists(before, listsOf(notebook))).toEqual(['stepWork', 'needs']);

    before = listsOf(notebook);
    const [stepTwo] = notebook.highlightsIn('step-2');
    if (!stepTwo) throw new Error('the highlight in step 2 did not load');
    await notebook.updateHighlight(stepTwo, { colour: 'blue' });
    expect(changedLists(before, listsOf(notebook))).toEqual(['highlights', 'stepTwoHighlights']);

    before = listsOf(notebook);
    await notebook.saveJournalEntry(journalEntry('2026-11-03', 'Rain.'));
    expect(changedLists(before, listsOf(notebook))).toEqual(['journal']);

    before = listsOf(notebook);
    await notebook.moveToTrash(stepTwo.id);
    expect(changedLists(before, listsOf(notebook))).toEqual([
      'highlights',
      'stepTwoHighlights',
      'trash',
    ]);
  });

  it('does not run again what reads a list that a save did not change', async () => {
    const notebook = await openFilledNotebook(await openRealMain());
    const runs = { journal: 0, needs: 0, note: 0 };
    const stop = $effect.root(() => {
      $effect(() => {
        void notebook.journal;
        runs.journal++;
      });
      $effect(() => {
        void notebook.entriesOf('need');
        runs.needs++;
      });
      $effect(() => {
        void notebook.noteFor('intro');
        runs.note++;
      });
    });
    flushSync();
    expect(runs).toEqual({ journal: 1, needs: 1, note: 1 });

    notebook.editNote('intro', 'Typed on, and saved.');
    await notebook.flush();
    flushSync();
    expect(runs).toEqual({ journal: 1, needs: 1, note: 2 });

    await notebook.saveStepWork({ type: 'self-care', text: 'A bath', doneOn: null });
    flushSync();
    expect(runs).toEqual({ journal: 1, needs: 1, note: 2 });

    await notebook.saveJournalEntry(journalEntry('2026-11-04', 'Sun.'));
    flushSync();
    expect(runs).toEqual({ journal: 2, needs: 1, note: 2 });
    stop();
  });

  it('keeps the journal newest day first, as entries are added, redated and put back', async () => {
    const app = await openRealMain();
    for (const [date, text] of [
      ['2026-11-01', 'First.'],
      ['2026-11-05', 'Fifth.'],
      ['2026-11-03', 'Third.'],
    ])
      await app.api.saveJournalEntry(journalEntry(date as string, text as string));
    const notebook = new NotebookState(app.api, 0);
    await notebook.load();
    expect(texts(notebook.journal)).toEqual(['Fifth.', 'Third.', 'First.']);

    await notebook.saveJournalEntry(journalEntry('2026-11-04', 'Fourth.'));
    expect(texts(notebook.journal)).toEqual(['Fifth.', 'Fourth.', 'Third.', 'First.']);

    const first = notebook.journal.find((entry) => entry.text === 'First.');
    if (!first) throw new Error('the first entry did not load');
    await notebook.saveJournalEntry({
      ...journalEntry('2026-11-06', 'First, redated.'),
      id: first.id,
    });
    expect(texts(notebook.journal)).toEqual(['First, redated.', 'Fifth.', 'Fourth.', 'Third.']);

    const third = notebook.journal.find((entry) => entry.text === 'Third.');
    if (!third) throw new Error('the third entry did not load');
    await notebook.moveToTrash(third.id);
    expect(texts(notebook.journal)).not.toContain('Third.');
    await notebook.undo.undo();
    expect(texts(notebook.journal)).toEqual(['First, redated.', 'Fifth.', 'Fourth.', 'Third.']);
    expect(notebook.items).toHaveLength(4);
    expect(await app.items()).toHaveLength(4);
  });

  it('finds a section’s note and a type’s entries through saves, the trash and restoring', async () => {
    const app = await openRealMain();
    const notebook = new NotebookState(app.api, 0);
    await notebook.load();
    expect(notebook.noteFor('intro')).toBeUndefined();
    expect(notebook.entriesOf('need')).toEqual([]);

    notebook.editNote('intro', 'On the introduction.');
    await notebook.flush();
    const note = notebook.noteFor('intro');
    expect(note?.text).toBe('On the introduction.');
    expect(notebook.noteFor('step-1')).toBeUndefined();

    const quiet = await notebook.saveStepWork({ type: 'need', text: 'Quiet', canGive: null });
    const time = await notebook.saveStepWork({ type: 'need', text: 'Time', canGive: null });
    await notebook.saveStepWork({ type: 'self-care', text: 'Sleep', doneOn: null });
    const needs = () => notebook.entriesOf('need').map((item) => item.entry.text);
    // Newest first.
    expect(needs()).toEqual(['Time', 'Quiet']);
    await notebook.saveStepWork({ type: 'need', text: 'Quiet, often', canGive: 'yes' }, quiet.id);
    expect(needs()).toEqual(['Time', 'Quiet, often']);
    expect(notebook.entriesOf('self-care').map((item) => item.entry.type)).toEqual(['self-care']);

    await notebook.moveToTrash(time.id);
    expect(needs()).toEqual(['Quiet, often']);
    await notebook.moveToTrash(note?.id ?? '');
    expect(notebook.noteFor('intro')).toBeUndefined();
    expect(notebook.trash.map((entry) => entry.item.id)).toEqual([time.id, note?.id]);

    await notebook.restore(time.id);
    expect(needs()).toEqual(['Time', 'Quiet, often']);
    await notebook.restore(note?.id ?? '');
    expect(notebook.noteFor('intro')?.text).toBe('On the introduction.');
    expect(notebook.trash).toEqual([]);

    // What the page holds is what main keeps.
    const kept = await app.items();
    expect(notebook.items.map((item) => item.id).sort()).toEqual(
      kept.map((item) => item.id).sort(),
    );
  });

  it('tells each list what comes back, once it is in the lists', async () => {
    const app = await openRealMain();
    const notebook = new NotebookState(app.api, 0);
    await notebook.load();
    const entry = await notebook.saveJournalEntry(journalEntry('2026-11-01', 'Back again.'));
    const returned: { id: string; inJournal: boolean }[] = [];
    const stop = notebook.onReturned((id) =>
      returned.push({ id, inJournal: notebook.journal.some((each) => each.id === id) }),
    );
    await notebook.moveToTrash(entry.id);
    expect(returned).toEqual([]);
    await notebook.undo.undo();
    expect(returned).toEqual([{ id: entry.id, inJournal: true }]);

    stop();
    await notebook.moveToTrash(entry.id);
    await notebook.restore(entry.id);
    expect(returned).toHaveLength(1);
  });

  it('opens with the newest journal entries, then gathers the older ones, each once', async () => {
    const app = await openRealMain();
    const count = JOURNAL_FIRST_PAGE + 30;
    for (let index = 0; index < count; index++) {
      const date = new Date(Date.UTC(2024, 0, 1 + index)).toISOString().slice(0, 10);
      await app.api.saveJournalEntry(journalEntry(date, `Day ${index}`));
    }
    const notebook = new NotebookState(app.api, 0);
    await notebook.load();
    expect(notebook.isOpen).toBe(true);
    // The newest are there at once; the oldest are on their way.
    expect(notebook.journal[0]?.text).toBe(`Day ${count - 1}`);
    // Saved while the older entries arrive: kept, in its place, not replaced by a page.
    const today = await notebook.saveJournalEntry(journalEntry('2026-11-27', 'Today.'));

    await notebook.whenComplete();
    expect(notebook.complete).toBe(true);
    expect(notebook.journal).toHaveLength(count + 1);
    expect(notebook.journal[0]).toEqual(today);
    expect(notebook.journal.at(-1)?.text).toBe('Day 0');
    expect(new Set(notebook.journal.map((entry) => entry.id)).size).toBe(count + 1);
  });

  it('asks the lists to show an older entry once it has arrived', async () => {
    const app = await openRealMain();
    const oldest = await app.api.saveJournalEntry(journalEntry('2001-01-01', 'Long ago.'));
    for (let index = 0; index < JOURNAL_FIRST_PAGE; index++) {
      await app.api.saveJournalEntry(journalEntry('2026-01-01', `Lately ${index}`));
    }
    const notebook = new NotebookState(app.api, 0);
    const shown: string[] = [];
    notebook.onReturned((id) => shown.push(id));
    await notebook.load();
    await notebook.bringIntoView(oldest.id);
    expect(shown).toEqual([oldest.id]);
    expect(notebook.journal.at(-1)?.id).toBe(oldest.id);
  });
});
