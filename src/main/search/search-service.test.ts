import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { beforeEach, describe, expect, it } from 'vitest';
import guideContent from '../../../resources/guide/guide.json';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import type { Guide } from '../../shared/guide/model';
import { resultTitle } from '../../shared/search/result-titles';
import type { SearchHit } from '../../shared/search/model';
import { isAppError } from '../app-error';
import { NotebookService } from '../notebook/notebook-service';
import { VaultSession } from '../vault/vault-session';
import { SearchService } from './search-service';

const guide = guideContent as Guide;
const PASSPHRASE = 'search test passphrase';
const makeDir = tempDirs('stillwater-search-');
let session: VaultSession;
let notebook: NotebookService;
let search: SearchService;

function open(options: Partial<ConstructorParameters<typeof SearchService>[0]> = {}): void {
  notebook = new NotebookService(session, { logger: captureLogger() });
  search = new SearchService({ guide, notebook, locale: () => 'en-GB', ...options });
}

beforeEach(async () => {
  session = new VaultSession({ dir: path.join(makeDir(), 'vault'), kdf: FAST_KDF });
  await session.create(PASSPHRASE);
  open();
});

const ids = (hits: SearchHit[]) => hits.map((hit) => hit.id);
const marked = (hit: SearchHit | undefined) =>
  hit?.snippet.filter((piece) => piece.match).map((piece) => piece.text);

async function lockAndUnlock(options?: Parameters<typeof open>[0]): Promise<void> {
  await session.lock();
  await session.unlock(PASSPHRASE);
  open(options);
}

describe('search in main', () => {
  it('finds what was written before the unlock, with its words marked, and the guide', async () => {
    const entry = await notebook.saveJournalEntry({
      date: '2026-03-12',
      text: 'We walked by the river and said nothing, which was fine.',
      mood: 3,
      tags: ['kayaking'],
      sectionId: null,
    });
    const note = await notebook.saveNote({ sectionId: 'step-1', text: 'The river calms me.' });
    await lockAndUnlock();

    const hits = await search.search('river');
    expect(ids(hits).sort()).toEqual([entry.id, note.id].sort());
    const journal = hits.find((hit) => hit.id === entry.id);
    expect(journal).toMatchObject({ kind: 'journal-entry', sectionId: null });
    expect(journal?.title).toBe('Journal, Thursday, 12 March 2026');
    expect(marked(journal)).toEqual(['river']);
    // A date's words and a tag find the entry too.
    expect(ids(await search.search('march'))).toContain(entry.id);
    expect(ids(await search.search('kayaking'))).toEqual([entry.id]);
    // The guide is searched beside the notebook, by its sections.
    const guideHit = (await search.search('ultimatum')).find((hit) => hit.kind === 'guide');
    expect(guideHit?.id).toMatch(/^guide:/);
    expect(guideHit?.sectionId).not.toBeNull();
  });

  it('follows each save, trash, restore and earlier version as it is made', async () => {
    const note = await notebook.saveNote({ sectionId: 'reason-2', text: 'Patience with him.' });
    expect(ids(await search.search('patience'))).toEqual([note.id]);

    await notebook.saveNote({ sectionId: 'reason-2', text: 'Kindness, mostly.' });
    expect(await search.search('patience')).toEqual([]);
    expect(ids(await search.search('kindness'))).toEqual([note.id]);

    await notebook.trash(note.id);
    expect(await search.search('kindness')).toEqual([]);
    await notebook.restore(note.id);
    expect(ids(await search.search('kindness'))).toEqual([note.id]);

    const [earlier] = await notebook.revisions(note.id);
    expect(earlier).toBeDefined();
    await notebook.restoreRevision(note.id, earlier?.id ?? '');
    expect(ids(await search.search('patience'))).toEqual([note.id]);
    expect(await search.search('kindness')).toEqual([]);
  });

  it('takes the saves and removals made while the index is still being built', async () => {
    const entries = [];
    for (let index = 0; index < 6; index++) {
      entries.push(
        await notebook.saveJournalEntry({
          date: '2026-01-01',
          text: `Entry ${index} about the garden.`,
          mood: null,
          tags: [],
          sectionId: null,
        }),
      );
    }
    const [first, , , , , last] = entries;
    if (!first || !last) throw new Error('six entries were saved');
    // The build lets others run after every item; the first time, the person saves one item
    // already indexed and trashes one not yet reached.
    let changes: Promise<unknown> | null = null;
    await lockAndUnlock({
      buildSliceMs: 0,
      letOthersRun: async () => {
        changes ??= Promise.all([
          notebook.saveJournalEntry({ ...first, text: 'An orchard, at last.' }),
          notebook.trash(last.id),
        ]);
        await changes;
      },
    });
    await notebook.notebook();
    expect(ids(await search.search('orchard'))).toEqual([first.id]);
    expect(ids(await search.search('garden')).sort()).toEqual(
      entries
        .slice(1, 5)
        .map((entry) => entry.id)
        .sort(),
    );
    expect(changes).not.toBeNull();
  });

  it('runs only the last of the queries typed while the index was being built', async () => {
    for (const word of ['kayaking', 'orchard', 'meadow']) {
      await notebook.saveJournalEntry({
        date: '2026-01-01',
        text: `The ${word}.`,
        mood: null,
        tags: [],
        sectionId: null,
      });
    }
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await lockAndUnlock({ buildSliceMs: 0, letOthersRun: () => held });
    const typed = ['k', 'ka', 'kayaking'].map((query) => search.search(query));
    release();
    const [first, second, last] = await Promise.all(typed);
    expect([first, second]).toEqual([[], []]);
    expect(last).toHaveLength(1);
  });

  it('holds nothing once locked, and answers a search behind the lock with vault-locked', async () => {
    await notebook.saveNote({ sectionId: 'intro', text: 'Something private.' });
    expect(await search.search('private')).toHaveLength(1);
    await session.lock();
    const refused = await search.search('private').catch((error: unknown) => error);
    expect(isAppError(refused) && refused.kind).toBe('vault-locked');

    await session.unlock(PASSPHRASE);
    expect(await search.search('private')).toHaveLength(1);
  });

  it('keeps no word of the index in memory once locked', async () => {
    // One word, unlike any other, that the index would hold as a term. It exists as a string
    // only inside main's services; the test keeps its bytes.
    const canary = Buffer.from(`canary${Date.now().toString(36)}${Math.random()}`.replace('.', ''));
    await notebook.saveNote({ sectionId: 'intro', text: `${canary.toString()} in a note.` });
    expect(await search.search(canary.toString())).toHaveLength(1);
    await session.lock();
    const snapshot = writeHeapSnapshot(path.join(makeDir(), 'after-lock.heapsnapshot'));
    expect(readFileSync(snapshot).includes(canary)).toBe(false);
  });

  it('reads the notebook itself when asked before the page has read it', async () => {
    const note = await notebook.saveNote({ sectionId: 'intro', text: 'Asked first.' });
    await lockAndUnlock();
    expect(ids(await search.search('asked'))).toEqual([note.id]);
  });

  it('titles results by the author’s names, which the page turns discreet when asked', async () => {
    await notebook.saveNote({ sectionId: 'step-2', text: 'A doubt of my own.' });
    const hits = await search.search('benefit doubt');
    const names = (discreet: boolean) => ({
      section: (id: string) => (discreet ? 'Step 2' : `label of ${id}`),
      heading: (id: string) => (discreet ? 'Step 2' : `heading of ${id}`),
    });
    const byKind = hits.sort((a, b) => a.kind.localeCompare(b.kind));
    expect(byKind.map((hit) => hit.kind)).toEqual(['guide', 'note']);
    expect(byKind[1]?.title).toBe('Note on Give Him the Benefit of the Doubt');
    expect(byKind.map((hit) => resultTitle(hit, names(false)))).toEqual([
      'heading of step-2',
      'Note on label of step-2',
    ]);
    expect(byKind.map((hit) => resultTitle(hit, names(true)))).toEqual([
      'Step 2',
      'Note on Step 2',
    ]);
  });
});
