/**
 * Saves and deletions made as one change (Vault.writeBatch, Vault.deleteMany): their order
 * on disk, and what is left when the disk fails, or the power goes, part-way. The file
 * system is real; it is watched, and made to fail, through the calls the vault makes.
 */
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import type { WatchedDisk } from '../../../test/support/watched-disk';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { isAppError } from '../app-error';
import { LOCK_FILE, MANIFEST_FILE, RECORDS_DIR } from './format';
import { createVault, unlockVault } from './opening';
import type { Vault } from './vault';

/**
 * Every rename, removal and folder sync, by the name it touched, in order; `failWhen` makes
 * one of them fail as a failing disk would (EIO), and `before` runs just before each.
 */
const disk: WatchedDisk = vi.hoisted(() => ({ log: [], failWhen: null, before: null }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const { watchedFileSystem } = await import('../../../test/support/watched-disk');
  return watchedFileSystem(await importOriginal<typeof import('node:fs/promises')>(), disk);
});

const PASSPHRASE = 'a batch of quiet evenings';
const options = { kdf: FAST_KDF };
const CLEAN = { missing: [], stale: [], replayed: [], unverified: false };
const makeDir = tempDirs('stillwater-batch-');

let dir: string;
beforeEach(() => {
  dir = path.join(makeDir(), 'vault');
  disk.log.length = 0;
  disk.failWhen = null;
  disk.before = null;
});

const recordName = (id: string) => `${id}.rec`;

/**
 * The folder as a power cut at this moment could leave it (every change made so far kept),
 * copied to `copy`: without the process lock, which a power cut takes with the process.
 */
function asThePowerWent(copy: string): void {
  cpSync(dir, copy, { recursive: true, filter: (file) => path.basename(file) !== LOCK_FILE });
}

async function vaultWithNotes(count: number) {
  const { vault } = await createVault(dir, PASSPHRASE, options);
  const notes = [];
  for (let n = 0; n < count; n++) notes.push(await vault.put('note', { text: `note ${n}` }));
  return { vault, ids: notes.map((note) => note.id) };
}

/** What the vault in `folder` holds on its next open: the texts by id, and its findings. */
async function reopened(folder = dir) {
  const vault = await unlockVault(folder, PASSPHRASE, options);
  const { records, unreadable, integrity } = await vault.list();
  await vault.lock();
  const texts = new Map(
    records.map((record) => [record.id, (record.body as { text: string }).text]),
  );
  return { texts, unreadable, integrity };
}

async function failureKind(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'succeeded',
    (error: unknown) => (isAppError(error) ? error.kind : String((error as Error).message)),
  );
}

describe('deleting many records at once', () => {
  it('unlinks each, syncs the folder once and writes the manifest once', async () => {
    const { vault, ids } = await vaultWithNotes(6);
    disk.log.length = 0;
    await vault.deleteMany(ids.slice(0, 4));
    expect(disk.log).toEqual([
      ...ids.slice(0, 4).map((id) => `unlink ${recordName(id)}`),
      `sync ${RECORDS_DIR}`,
      `rename ${MANIFEST_FILE}`,
      `sync vault`,
    ]);
    await vault.lock();
    const { texts, integrity } = await reopened();
    expect([...texts.keys()].sort()).toEqual(ids.slice(4).sort());
    expect(integrity).toEqual(CLEAN);
  });

  it('leaves a state the next open reads cleanly when an unlink fails part-way', async () => {
    const { vault, ids } = await vaultWithNotes(6);
    const failing = ids[2] ?? '';
    disk.failWhen = (step) => step === `unlink ${recordName(failing)}`;
    expect(await failureKind(vault.deleteMany(ids.slice(0, 5)))).toBe('input/output error');
    disk.failWhen = null;
    // The two unlinked are gone and forgotten; every other record is kept, and vouched for.
    expect(ids.map((id) => vault.isExpected(id))).toEqual([false, false, true, true, true, true]);
    await vault.lock();
    const after = await reopened();
    expect(after.integrity).toEqual(CLEAN);
    expect([...after.texts.keys()].sort()).toEqual(ids.slice(2).sort());
    expect(after.texts.get(failing)).toBe('note 2');

    // Asked again, it finishes.
    const again = await unlockVault(dir, PASSPHRASE, options);
    await again.deleteMany(ids.slice(2, 5));
    await again.lock();
    const finished = await reopened();
    expect([...finished.texts.keys()]).toEqual(ids.slice(5));
    expect(finished.integrity).toEqual(CLEAN);
  });

  it('leaves a state the next open reads cleanly when the folder cannot be synced', async () => {
    const { vault, ids } = await vaultWithNotes(4);
    disk.failWhen = (step) => step === `sync ${RECORDS_DIR}`;
    expect(await failureKind(vault.deleteMany(ids.slice(0, 3)))).toBe('input/output error');
    disk.failWhen = null;
    await vault.lock();
    const { texts, integrity } = await reopened();
    expect([...texts.keys()]).toEqual(ids.slice(3));
    expect(integrity).toEqual(CLEAN);
  });

  it('loses nothing to a power cut before any unlink is made durable', async () => {
    const { vault, ids } = await vaultWithNotes(4);
    const copy = path.join(path.dirname(dir), 'as the power went');
    // The folder as it stood when the first unlink began: nothing deleted yet.
    disk.before = (step) => {
      if (step.startsWith('unlink ') && disk.log.every((done) => !done.startsWith('unlink '))) {
        asThePowerWent(copy);
      }
    };
    await vault.deleteMany(ids.slice(0, 3));
    await vault.lock();
    const { texts, integrity } = await reopened(copy);
    expect([...texts.keys()].sort()).toEqual([...ids].sort());
    expect(integrity).toEqual(CLEAN);
  });

  it('refuses a batch that names a record twice, before anything changes', async () => {
    const { vault, ids } = await vaultWithNotes(2);
    const id = ids[0] ?? '';
    await expect(vault.deleteMany([id, id])).rejects.toThrow(RangeError);
    await expect(
      vault.writeBatch([{ put: [{ kind: 'note', body: { text: 'new' }, id }] }, { remove: [id] }]),
    ).rejects.toThrow(RangeError);
    expect((await vault.get(id))?.body).toEqual({ text: 'note 0' });
    await vault.lock();
  });
});

describe('a save that keeps a revision', () => {
  /** A note, then its old words kept as a revision while its new ones replace them. */
  async function saveKeepingRevision(vault: Vault, noteId: string, extra: string[] = []) {
    return vault.writeBatch([
      { put: [{ kind: 'note-revision', body: { text: 'note 0' } }] },
      { put: [{ kind: 'note', body: { text: 'new words' }, id: noteId }], remove: extra },
    ]);
  }

  it('makes the revision durable before the new text replaces the old, in one batch of numbers', async () => {
    const { vault, ids } = await vaultWithNotes(3);
    const noteId = ids[0] ?? '';
    disk.log.length = 0;
    const [revision, note] = await saveKeepingRevision(vault, noteId, [ids[2] ?? '']);
    expect(disk.log).toEqual([
      `rename ${recordName(revision?.id ?? '')}`,
      `sync ${RECORDS_DIR}`,
      `rename ${recordName(noteId)}`,
      `unlink ${recordName(ids[2] ?? '')}`,
      `sync ${RECORDS_DIR}`,
      // A deletion is told to the manifest at once.
      `rename ${MANIFEST_FILE}`,
      `sync vault`,
    ]);
    expect(note?.body).toEqual({ text: 'new words' });
    expect(vault.isVouched(noteId) && vault.isVouched(revision?.id ?? '')).toBe(true);
    await vault.lock();
    const { texts, integrity } = await reopened();
    expect(integrity).toEqual(CLEAN);
    expect(texts.get(noteId)).toBe('new words');
    expect(texts.get(revision?.id ?? '')).toBe('note 0');
    expect(texts.has(ids[2] ?? '')).toBe(false);
  });

  it('loses neither the old words nor the new to a power cut between the two', async () => {
    const { vault, ids } = await vaultWithNotes(2);
    const noteId = ids[0] ?? '';
    const beforeNote = path.join(path.dirname(dir), 'before the note');
    disk.before = (step) => {
      if (step === `rename ${recordName(noteId)}`) asThePowerWent(beforeNote);
    };
    const [revision] = await saveKeepingRevision(vault, noteId);
    await vault.lock();

    // The revision is in place, the note not yet replaced: both texts are there.
    const cut = await reopened(beforeNote);
    expect(cut.texts.get(noteId)).toBe('note 0');
    expect(cut.texts.get(revision?.id ?? '')).toBe('note 0');
    // A write the manifest has not caught up with is taken in, not reported.
    expect(cut.integrity).toEqual(CLEAN);
    const done = await reopened();
    expect([done.texts.get(noteId), done.texts.get(revision?.id ?? '')]).toEqual([
      'new words',
      'note 0',
    ]);
  });

  it('keeps the old words, and deletes nothing, when the new text cannot be put in place', async () => {
    const { vault, ids } = await vaultWithNotes(2);
    const noteId = ids[0] ?? '';
    disk.failWhen = (step) => step === `rename ${recordName(noteId)}`;
    expect(await failureKind(saveKeepingRevision(vault, noteId, [ids[1] ?? '']))).toBe(
      'input/output error',
    );
    disk.failWhen = null;
    // The old words stay where they were, and in the revision; nothing was deleted.
    expect((await vault.get(noteId))?.body).toEqual({ text: 'note 0' });
    expect((await vault.get(ids[1] ?? ''))?.body).toEqual({ text: 'note 1' });
    await vault.lock();
    const { texts, integrity } = await reopened();
    expect(integrity).toEqual(CLEAN);
    expect([...texts.values()].sort()).toEqual(['note 0', 'note 0', 'note 1']);
    // No temporary file is left behind.
    expect(readdirSync(path.join(dir, RECORDS_DIR)).filter((name) => name.startsWith('.'))).toEqual(
      [],
    );
  });

  it('keeps the write numbers in order across many batches, past what each manifest reserves', async () => {
    const { vault, ids } = await vaultWithNotes(1);
    const noteId = ids[0] ?? '';
    for (let round = 0; round < 12; round++) {
      await vault.writeBatch([
        { put: [{ kind: 'note-revision', body: { text: `kept ${round}` } }] },
        { put: [{ kind: 'note', body: { text: `round ${round}` }, id: noteId }] },
      ]);
    }
    await vault.lock();
    const { texts, integrity } = await reopened();
    expect(integrity).toEqual(CLEAN);
    expect(texts.get(noteId)).toBe('round 11');
    expect(texts.size).toBe(13);
  });
});
