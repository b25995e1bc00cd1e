import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import type { TextAnchor } from '../../shared/notebook/model';
import { isAppError } from '../app-error';
import { Vault } from '../vault/vault';
import { VaultSession } from '../vault/vault-session';
import { REVISION_INTERVAL_MS } from './retention';
import { INVOKE_SCHEMAS } from '../../shared/ipc/contract';
import { RECORDS_DIR } from '../vault/format';
import { ReadingService } from '../reading/reading-service';
import { NotebookService } from './notebook-service';
import { RESTORED_DIVIDER } from './restore-merge';

const PASSPHRASE = 'notebook test passphrase';
const makeDir = tempDirs('stillwater-notebook-');
let session: VaultSession;
let vaultDir: string;
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
  vaultDir = path.join(makeDir(), 'vault');
  session = new VaultSession({ dir: vaultDir, kdf: FAST_KDF });
  await session.create(PASSPHRASE);
  clock = Date.parse('2026-11-26T09:00:00Z');
  notebook = new NotebookService(session, {
    logger: captureLogger(),
    now: () => new Date(clock),
  });
});

async function reopen(): Promise<NotebookService> {
  await session.lock();
  await session.unlock(PASSPHRASE);
  return new NotebookService(session, { logger: captureLogger(), now: () => new Date(clock) });
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
    // As the router hands it over: parsed, once, at the boundary.
    const entry = await notebook.saveJournalEntry(
      INVOKE_SCHEMAS.saveJournalEntry.input.parse({
        date: '2026-11-25',
        text: 'A quiet day.',
        mood: 3,
        tags: ['work', ' work ', 'sleep'],
        sectionId: 'step-5',
      }),
    );
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
    const second = await notebook.saveNote({ sectionId: 'intro', text: 'ab' });
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
      note = await notebook.saveNote({ sectionId: 'step-3', text: `version ${version}` });
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
    let note = await notebook.saveNote({ sectionId: 'step-3', text: 'Hello' });
    for (const text of ['Hello t', 'Hello th', 'Hello the', 'Hello there']) {
      clock += 500;
      note = await notebook.saveNote({ sectionId: 'step-3', text });
    }
    // One version, and it ends where a word does.
    expect((await notebook.revisions(note.id)).map((revision) => revision.text)).toEqual(['Hello']);
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

  it('keeps one note per section, whatever the renderer does', async () => {
    const first = await notebook.saveNote({ sectionId: 'step-4', text: 'one' });
    const again = await notebook.saveNote({ sectionId: 'step-4', text: 'one, then more' });
    expect(again.id).toBe(first.id);
    const notes = (await notebook.notebook()).items.filter((item) => item.kind === 'note');
    expect(notes).toEqual([again]);
  });

  it('puts a trashed note back beside the section’s newer note, hiding neither', async () => {
    const old = await notebook.saveNote({ sectionId: 'step-5', text: 'the first thoughts' });
    await notebook.trash(old.id);
    const newer = await notebook.saveNote({ sectionId: 'step-5', text: 'written since' });

    const restored = await notebook.restore(old.id);

    expect(restored).toMatchObject({
      id: newer.id,
      text: `written since${RESTORED_DIVIDER}the first thoughts`,
    });
    const { items, trash } = await notebook.notebook();
    expect(items.filter((item) => item.kind === 'note')).toEqual([restored]);
    expect(trash).toEqual([]);
    expect((await notebook.revisions(newer.id)).map((revision) => revision.text)).toEqual([
      'written since',
    ]);
  });

  it('never purges a note because an old trashed copy of it was put back', async () => {
    const note = await notebook.saveNote({ sectionId: 'step-6', text: 'restored and kept' });
    await notebook.trash(note.id);
    const file = path.join(vaultDir, RECORDS_DIR, `${note.id}.rec`);
    const trashedCopy = readFileSync(file);
    await notebook.restore(note.id);
    await session.lock();
    writeFileSync(file, trashedCopy);
    clock += 31 * 24 * 60 * 60 * 1000;

    await session.unlock(PASSPHRASE);
    const reopened = new NotebookService(session, {
      logger: captureLogger(),
      now: () => new Date(clock),
    });
    const { items, trash, integrity } = await reopened.notebook();
    expect(integrity).toEqual({ missing: 0, stale: 1, replayed: 0, unverified: false });
    expect([items, trash]).toEqual([[], []]);
    expect(readFileSync(file).equals(trashedCopy)).toBe(true);
  });

  it('forgets every decrypted word when the vault locks', async () => {
    // The canary exists as a string only inside the service; the test keeps its bytes.
    const canary = Buffer.from(`heap-canary-${Date.now().toString(36)}-${Math.random()}`);
    await notebook.saveNote({ sectionId: 'intro', text: canary.toString() });
    await notebook.saveJournalEntry({
      date: '2026-11-26',
      text: canary.toString(),
      mood: null,
      tags: [],
      sectionId: null,
    });
    await session.lock();
    await session.unlock(PASSPHRASE);
    expect((await notebook.notebook()).items).toHaveLength(2);
    await session.lock();

    const snapshot = writeHeapSnapshot(path.join(makeDir(), 'after-lock.heapsnapshot'));
    expect(readFileSync(snapshot).includes(canary)).toBe(false);
  });

  it('keeps drafts across a lock, under names that say nothing, until they are discarded', async () => {
    await notebook.saveDraft('journal:new', { text: 'half a thought', mood: '2' });
    await notebook.saveDraft('journal:new', { text: 'half a thought, then more', mood: '2' });
    const reopened = await reopen();
    expect((await reopened.notebook()).drafts).toMatchObject([
      { key: 'journal:new', fields: { text: 'half a thought, then more', mood: '2' } },
    ]);
    const records = await session.current().list('draft');
    expect(records.records.map((record) => record.id)).toEqual([
      session.current().singletonId('draft:journal:new'),
    ]);
    await reopened.discardDraft('journal:new');
    expect((await (await reopen()).notebook()).drafts).toEqual([]);
  });

  it('deletes one item in the trash for good, with its earlier versions', async () => {
    const note = await notebook.saveNote({ sectionId: 'step-2', text: 'one version' });
    clock += REVISION_INTERVAL_MS;
    await notebook.saveNote({ sectionId: 'step-2', text: 'two versions' });
    const kept = await notebook.saveNote({ sectionId: 'step-3', text: 'stays in the trash' });
    await notebook.trash(note.id);
    await notebook.trash(kept.id);

    await notebook.deleteForGood(note.id);

    const reopened = await reopen();
    expect((await reopened.notebook()).trash.map((entry) => entry.item.id)).toEqual([kept.id]);
    expect(await reopened.revisions(note.id)).toEqual([]);
    expect((await session.current().list()).records.map((record) => record.id)).not.toContain(
      note.id,
    );
    await expect(reopened.deleteForGood(note.id)).rejects.toThrow(/not found/);
  });
});

describe('the notebook’s records on disk', () => {
  const LEGACY_NOTE = { sectionId: 'step-1', text: 'written before bodies had a version' };

  it('writes every body with the version of its shape', async () => {
    const note = await notebook.saveNote({ sectionId: 'intro', text: 'versioned' });
    clock += REVISION_INTERVAL_MS;
    await notebook.saveNote({ sectionId: 'intro', text: 'versioned, again' });
    await notebook.saveHighlight({ sectionId: 'intro', anchor, colour: 'blue', note: '' });
    const entry = await notebook.saveJournalEntry({
      date: '2026-11-25',
      text: 'to the trash',
      mood: null,
      tags: [],
      sectionId: null,
    });
    await notebook.trash(entry.id);
    await notebook.saveDraft('journal:new', { text: 'a draft' });
    const { records } = await session.current().list();
    const versions = records.map((record) => [record.kind, (record.body as { v?: unknown }).v]);
    expect(versions.sort()).toEqual([
      ['draft', 1],
      ['highlight', 1],
      ['note', 1],
      ['note-revision', 1],
      ['trash', 1],
    ]);
    expect(records.find((record) => record.id === note.id)?.body).toEqual({
      v: 1,
      sectionId: 'intro',
      text: 'versioned, again',
    });
  });

  it('reads bodies written before they had a version as version 1', async () => {
    const vault = session.current();
    const note = await vault.put('note', LEGACY_NOTE);
    const entry = await vault.put('journal-entry', {
      date: '2026-11-02',
      text: 'an old entry',
      mood: 4,
      tags: ['old'],
      sectionId: null,
    });
    const trashed = await vault.put(
      'trash',
      {
        trashedAt: new Date(clock).toISOString(),
        item: {
          kind: 'highlight',
          id: '1'.repeat(32),
          created: '2026-11-01T10:00:00.000Z',
          updated: '2026-11-01T10:00:00.000Z',
          sectionId: 'intro',
          anchor,
          colour: 'pink',
          note: '',
        },
      },
      '1'.repeat(32),
    );
    await vault.put('note-revision', { noteId: note.id, text: 'older', savedAt: note.created });
    await vault.put(
      'draft',
      { key: 'journal:new', fields: { text: 'typed long ago' }, savedAt: note.created },
      vault.singletonId('draft:journal:new'),
    );

    const reopened = await reopen();
    const { items, trash, drafts, unreadable } = await reopened.notebook();
    expect(unreadable).toBe(0);
    expect(items).toEqual(
      expect.arrayContaining([
        { kind: 'note', id: note.id, created: note.created, updated: note.updated, ...LEGACY_NOTE },
        expect.objectContaining({ id: entry.id, kind: 'journal-entry', tags: ['old'] }),
      ]),
    );
    expect(trash).toMatchObject([{ item: { id: trashed.id, kind: 'highlight', colour: 'pink' } }]);
    expect(drafts).toMatchObject([{ key: 'journal:new', fields: { text: 'typed long ago' } }]);
    expect((await reopened.revisions(note.id)).map((revision) => revision.text)).toEqual(['older']);
  });

  it('refuses a body from a newer Stillwater as damaged, and leaves it on disk', async () => {
    const vault = session.current();
    const future = await vault.put('note', { v: 2, ...LEGACY_NOTE, mood: 'new in version 2' });
    const futureTrash = await vault.put('trash', { v: 2, trashedAt: '2020-01-01T00:00:00.000Z' });
    const kept = await notebook.saveNote({ sectionId: 'intro', text: 'readable' });

    clock += 365 * 86_400_000;
    const reopened = await reopen();
    const { items, trash, unreadable } = await reopened.notebook();
    expect(items.map((item) => item.id)).toEqual([kept.id]);
    expect(trash).toEqual([]);
    expect(unreadable).toBe(2);
    // Nothing the notebook does touches them: not a save into the same section, not the trash.
    await reopened.saveNote({ sectionId: 'step-1', text: 'a note of this version' });
    await reopened.emptyTrash();
    await expect(reopened.restore(future.id)).rejects.toThrow(/not found/);
    const after = session.current();
    expect((await after.get(future.id))?.body).toEqual(future.body);
    expect((await after.get(futureTrash.id))?.body).toEqual(futureTrash.body);
  });

  it('opens a vault written by format 1, with its notebook and reading position', async () => {
    const fixture = path.resolve(import.meta.dirname, '../../../test/fixtures/vault-v1');
    const v1 = JSON.parse(readFileSync(`${fixture}.json`, 'utf8')) as {
      passphrase: string;
      noteId: string;
      journalId: string;
      trashedId: string;
    };
    const dir = path.join(makeDir(), 'vault');
    cpSync(fixture, dir, { recursive: true });
    const old = new VaultSession({ dir, kdf: FAST_KDF });
    await old.unlock(v1.passphrase);
    const { items, trash, unreadable } = await new NotebookService(old, {
      logger: captureLogger(),
    }).notebook();
    const reading = await new ReadingService(old, captureLogger()).state();
    await old.lock();

    expect(unreadable).toBe(0);
    expect(items.map((item) => item.id).sort()).toEqual([v1.noteId, v1.journalId].sort());
    expect(items.find((item) => item.id === v1.noteId)).toMatchObject({
      kind: 'note',
      sectionId: 'step-1',
      text: 'A note written before format 2.',
    });
    expect(trash.map((entry) => entry.item.id)).toEqual([v1.trashedId]);
    expect(reading.lastSectionId).toBe('step-2');
  });
});

describe('what the notebook could not read', () => {
  const recordFile = (id: string) => path.join(vaultDir, RECORDS_DIR, `${id}.rec`);
  const draftId = () => session.current().singletonId('draft:journal:new');

  it.each([
    [
      'a draft from a newer Stillwater',
      async () => {
        const vault = session.current();
        await vault.put('draft', { v: 2, key: 'journal:new', pages: ['x'] }, draftId());
      },
    ],
    [
      'a draft whose file was damaged',
      async () => {
        await notebook.saveDraft('journal:new', { text: 'typed before the damage' });
        const draftFile = recordFile(draftId());
        await session.lock();
        const bytes = readFileSync(draftFile);
        bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
        writeFileSync(draftFile, bytes);
        await session.unlock(PASSPHRASE);
      },
    ],
  ])('never writes a draft over %s, and says so', async (_, plant) => {
    await plant();
    const file = recordFile(draftId());
    const before = readFileSync(file);
    const reopened = await reopen();
    const { drafts, unreadable } = await reopened.notebook();
    expect([drafts, unreadable]).toEqual([[], 1]);

    const refused = await reopened
      .saveDraft('journal:new', { text: 'typed now' })
      .catch((error: unknown) => error);
    expect(isAppError(refused, 'vault-corrupt'), String(refused)).toBe(true);
    await reopened.discardDraft('journal:new');
    await session.lock();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses to put a note back that, with the section’s own, would be too long to read back', async () => {
    const old = await notebook.saveNote({ sectionId: 'step-5', text: 'a'.repeat(1_100_000) });
    await notebook.trash(old.id);
    const newer = await notebook.saveNote({ sectionId: 'step-5', text: 'b'.repeat(1_100_000) });

    const refused = await notebook.restore(old.id).catch((error: unknown) => error);

    expect(isAppError(refused, 'too-large'), String(refused)).toBe(true);
    const reopened = await reopen();
    const { items, trash, unreadable } = await reopened.notebook();
    expect(unreadable).toBe(0);
    expect(
      items.map((item) => [item.id, item.kind === 'note' && item.text === newer.text]),
    ).toEqual([[newer.id, true]]);
    expect(trash.map((entry) => entry.item.id)).toEqual([old.id]);
    expect(await reopened.revisions(newer.id)).toEqual([]);
  });

  it('reads a trashed item filed under another item’s id as damaged, and purges nothing for it', async () => {
    const live = await notebook.saveNote({ sectionId: 'step-1', text: 'still here' });
    const planted = await session
      .current()
      .put(
        'trash',
        { v: 1, trashedAt: new Date(clock).toISOString(), item: live },
        Vault.newRecordId(),
      );
    clock += 31 * 86_400_000;

    const reopened = await reopen();
    const { items, trash, unreadable } = await reopened.notebook();
    expect(items.map((item) => item.id)).toEqual([live.id]);
    expect(await session.current().get(live.id)).toMatchObject({ kind: 'note', id: live.id });
    expect([trash, unreadable]).toEqual([[], 1]);
    await expect(reopened.restore(planted.id)).rejects.toThrow(/not found/);
    await expect(reopened.deleteForGood(planted.id)).rejects.toThrow(/not found/);
    expect((await session.current().get(planted.id))?.body).toEqual(planted.body);
  });

  it('reads a draft filed under another form’s name as damaged', async () => {
    const vault = session.current();
    const otherForm = vault.singletonId(`draft:highlight-note:${'2'.repeat(32)}`);
    await vault.put(
      'draft',
      {
        v: 1,
        key: 'journal:new',
        fields: { text: 'moved' },
        savedAt: new Date(clock).toISOString(),
      },
      otherForm,
    );
    const { drafts, unreadable } = await (await reopen()).notebook();
    expect([drafts, unreadable]).toEqual([[], 1]);
  });
});
