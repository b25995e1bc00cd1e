import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import type { TextAnchor } from '../../shared/notebook/model';
import { createVaultSession, type VaultSession } from '../vault/vault-session';
import { REVISION_INTERVAL_MS } from './retention';
import { createNotebookService, type NotebookService } from './notebook-service';

const PASSPHRASE = 'notebook test passphrase';
const makeDir = tempDirs('stillwater-notebook-');
let session: VaultSession;
let clock: number;
let notebook: NotebookService;

const anchor: TextAnchor = {
  quote: 'how you feel',
  prefix: 'in no uncertain terms, ',
  suffix: '.',
  start: 120,
  end: 132,
  guideVersion: 1,
};

beforeEach(async () => {
  session = createVaultSession({ dir: path.join(makeDir(), 'vault'), kdf: FAST_KDF });
  await session.create(PASSPHRASE);
  clock = Date.parse('2026-11-26T09:00:00Z');
  notebook = createNotebookService(session, {
    logger: captureLogger(),
    now: () => new Date(clock),
  });
});

async function reopen(): Promise<NotebookService> {
  await session.lock();
  await session.unlock(PASSPHRASE);
  return createNotebookService(session, { logger: captureLogger(), now: () => new Date(clock) });
}

describe('the notebook service', () => {
  it('keeps notes, highlights and journal entries in the vault, across a lock', async () => {
    const note = await notebook.saveNote({ sectionId: 'step-1', text: 'Say how I feel, calmly.' });
    const highlight = await notebook.saveHighlight({
      sectionId: 'step-1',
      anchor,
      colour: 'yellow',
      note: 'This one.',
    });
    const entry = await notebook.saveJournalEntry({
      date: '2026-11-25',
      text: 'A quiet day.',
      mood: 3,
      tags: ['work', ' work ', 'sleep'],
      sectionId: 'step-5',
    });
    expect(entry.tags).toEqual(['work', 'sleep']);
    const reopened = await reopen();
    const { items, trash } = await reopened.notebook();
    expect(trash).toEqual([]);
    expect(items.map((item) => item.id).sort()).toEqual([note.id, highlight.id, entry.id].sort());
    expect(items.find((item) => item.id === highlight.id)).toMatchObject({
      kind: 'highlight',
      anchor,
      note: 'This one.',
    });
  });

  it('saves a note in place, keeping its id and creation time', async () => {
    const first = await notebook.saveNote({ sectionId: 'intro', text: 'a' });
    clock += 1000;
    const second = await notebook.saveNote({ id: first.id, sectionId: 'intro', text: 'ab' });
    expect(second.id).toBe(first.id);
    expect(second.created).toBe(first.created);
    expect((await notebook.notebook()).items).toHaveLength(1);
  });

  it('moves a deleted item to the trash and restores it whole', async () => {
    const entry = await notebook.saveJournalEntry({
      date: '2026-11-20',
      text: 'Hard.',
      mood: 1,
      tags: [],
      sectionId: null,
    });
    const trashed = await notebook.trash(entry.id);
    expect(trashed.item).toEqual(entry);
    const afterTrash = await (await reopen()).notebook();
    expect(afterTrash.items).toEqual([]);
    expect(afterTrash.trash.map((t) => t.item.id)).toEqual([entry.id]);

    const again = await reopen();
    const restored = await again.restore(entry.id);
    expect(restored).toMatchObject({
      id: entry.id,
      text: 'Hard.',
      mood: 1,
      created: entry.created,
    });
    expect((await again.notebook()).trash).toEqual([]);
  });

  it('empties the trash for good, and lets items go by themselves after 30 days', async () => {
    const a = await notebook.saveNote({ sectionId: 'intro', text: 'first' });
    const b = await notebook.saveNote({ sectionId: 'step-2', text: 'second' });
    await notebook.trash(a.id);
    await notebook.emptyTrash();
    expect((await notebook.notebook()).trash).toEqual([]);

    await notebook.trash(b.id);
    clock += 29 * 86_400_000;
    expect((await (await reopen()).notebook()).trash).toHaveLength(1);
    clock += 1 * 86_400_000;
    const after = await (await reopen()).notebook();
    expect(after.trash).toEqual([]);
    expect(after.items).toEqual([]);
    expect(
      (await session.current().list()).records.filter((r) => r.kind !== 'reading-state'),
    ).toEqual([]);
  });

  it('keeps earlier versions of a note, at most twenty, and can put one back', async () => {
    let note = await notebook.saveNote({ sectionId: 'step-3', text: 'version 0' });
    for (let version = 1; version <= 25; version++) {
      clock += REVISION_INTERVAL_MS;
      note = await notebook.saveNote({
        id: note.id,
        sectionId: 'step-3',
        text: `version ${version}`,
      });
    }
    const revisions = await notebook.revisions(note.id);
    expect(revisions).toHaveLength(20);
    expect(revisions[0]?.text).toBe('version 24');
    expect(revisions.at(-1)?.text).toBe('version 5');

    clock += 1000;
    const restored = await notebook.restoreRevision(note.id, revisions[3]?.id ?? '');
    expect(restored.text).toBe('version 21');
    const after = await (await reopen()).revisions(note.id);
    expect(after[0]?.text).toBe('version 25');
    expect(after).toHaveLength(20);
  });

  it('does not keep a revision for every keystroke', async () => {
    let note = await notebook.saveNote({ sectionId: 'step-3', text: 'h' });
    for (const text of ['he', 'hel', 'hell', 'hello']) {
      clock += 500;
      note = await notebook.saveNote({ id: note.id, sectionId: 'step-3', text });
    }
    expect(await notebook.revisions(note.id)).toHaveLength(1);
  });

  it('keeps hostile text exactly as it was written', async () => {
    const hostile = [
      '<img src=x onerror="alert(1)"><script>alert(2)</script>[link](javascript:alert(3))',
      'x'.repeat(200_000),
      '😀👩‍👩‍👧 שלום עליכם e\u0301 Z\u0351\u0352',
    ].join('\n');
    const note = await notebook.saveNote({ sectionId: 'intro', text: hostile });
    const { items } = await (await reopen()).notebook();
    expect(items.find((item) => item.id === note.id)).toMatchObject({ text: hostile });
  });

  it('counts records it cannot read, and keeps going', async () => {
    const note = await notebook.saveNote({ sectionId: 'intro', text: 'kept' });
    await session.current().put('note', { sectionId: 'chapter-9', text: 1 });
    const { items, unreadable } = await (await reopen()).notebook();
    expect(items.map((i) => i.id)).toEqual([note.id]);
    expect(unreadable).toBe(1);
  });

  it('refuses to restore what is not in the trash', async () => {
    await expect(notebook.restore('0'.repeat(32))).rejects.toThrow(/not found/);
    await expect(notebook.trash('0'.repeat(32))).rejects.toThrow(/not found/);
  });
});
