/**
 * The notebook's changes of several records, made as one batch of the vault: the trash's
 * purge, a save that keeps a revision, and a trashed note merged back. The vault and its
 * files are real; the file system is watched, and made to fail, through the calls made.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import type { WatchedDisk } from '../../../test/support/watched-disk';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import type { SectionId } from '../../shared/guide/ids';
import { INVOKE_SCHEMAS } from '../../shared/ipc/contract';
import { MANIFEST_FILE, RECORDS_DIR } from '../vault/format';
import { VaultSession } from '../vault/vault-session';
import { NotebookService } from './notebook-service';
import { REVISION_INTERVAL_MS } from './retention';

/** Every rename, record removal and folder sync, in order; `failWhen` fails one (EIO). */
const disk: WatchedDisk = vi.hoisted(() => ({ log: [], failWhen: null }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const { watchedFileSystem } = await import('../../../test/support/watched-disk');
  return watchedFileSystem(await importOriginal<typeof import('node:fs/promises')>(), disk);
});

const PASSPHRASE = 'notebook batches passphrase';
const DAY_MS = 86_400_000;
const makeDir = tempDirs('stillwater-notebook-batches-');
let session: VaultSession;
let clock: number;
let logger: ReturnType<typeof captureLogger>;

beforeEach(async () => {
  session = new VaultSession({ dir: path.join(makeDir(), 'vault'), kdf: FAST_KDF });
  await session.create(PASSPHRASE);
  clock = Date.parse('2026-11-26T09:00:00Z');
  disk.log.length = 0;
  disk.failWhen = null;
});

function openNotebook(): NotebookService {
  logger = captureLogger();
  return new NotebookService(session, { logger, now: () => new Date(clock) });
}

async function reopen(): Promise<NotebookService> {
  await session.lock();
  await session.unlock(PASSPHRASE);
  return openNotebook();
}

const recordName = (id: string) => `${id}.rec`;
const syncsOfRecords = () => disk.log.filter((step) => step === `sync ${RECORDS_DIR}`).length;

/** Notes with two revisions each, and journal entries, all trashed now; their ids. */
async function trashedWithRevisions(notebook: NotebookService) {
  const sections: SectionId[] = ['step-1', 'step-2', 'step-3', 'step-4'];
  const ids: string[] = [];
  for (const sectionId of sections) {
    for (const version of [1, 2, 3]) {
      clock += REVISION_INTERVAL_MS;
      const note = await notebook.saveNote({ sectionId, text: `${sectionId} v${version}` });
      if (version === 3) ids.push(note.id);
    }
  }
  for (let n = 0; n < 4; n++) {
    const entry = await notebook.saveJournalEntry(
      INVOKE_SCHEMAS.saveJournalEntry.input.parse({
        date: '2026-11-25',
        text: `entry ${n}`,
        mood: 3,
        tags: [],
        sectionId: 'step-5',
      }),
    );
    ids.push(entry.id);
  }
  for (const id of ids) await notebook.trash(id);
  return ids;
}

/** The records of the vault as it is, by kind, the reading place left out. */
async function recordKinds(): Promise<string[]> {
  const { records } = await session.current().list();
  return records.map((record) => record.kind).filter((kind) => kind !== 'reading-state');
}

describe('the trash’s purge', () => {
  it('deletes every expired item with its revisions as one change: their revisions, then them', async () => {
    const first = openNotebook();
    const expired = await trashedWithRevisions(first);
    clock += 2 * DAY_MS;
    const kept = await first.saveNote({ sectionId: 'intro', text: 'trashed lately' });
    await first.trash(kept.id);
    clock += 29 * DAY_MS;

    const notebook = await reopen();
    disk.log.length = 0;
    const { trash, items, integrity } = await notebook.notebook();
    expect(trash.map((entry) => entry.item.id)).toEqual([kept.id]);
    expect(items).toEqual([]);
    expect(integrity).toEqual({ missing: 0, stale: 0, replayed: 0, unverified: false });
    // Eight items and eight revisions, gone in one batch.
    expect(disk.log.filter((step) => step.startsWith('unlink '))).toHaveLength(16);
    // Each item's revisions are gone for good before it goes, so none is ever left without it.
    expect(syncsOfRecords()).toBe(2);
    const unlinked = disk.log.filter((step) => step.startsWith('unlink '));
    expect(disk.log.indexOf(`sync ${RECORDS_DIR}`)).toBe(unlinked.length / 2);
    expect(disk.log.filter((step) => step === `rename ${MANIFEST_FILE}`)).toHaveLength(1);
    expect(expired.every((id) => !session.current().isExpected(id))).toBe(true);
    expect(await recordKinds()).toEqual(['trash']);

    const again = await (await reopen()).notebook();
    expect(again.integrity).toEqual(integrity);
    expect(again.trash).toEqual(trash);
  });

  it.each([
    ['among the revisions', 3, 8],
    ['among the items', 11, 6],
  ])(
    'still opens the notebook when the disk fails %s, and finishes on the next open',
    async (_where, failingUnlink, stillShown) => {
      const expired = await trashedWithRevisions(openNotebook());
      clock += 31 * DAY_MS;
      const notebook = await reopen();
      let unlinks = 0;
      disk.failWhen = (step) => step.startsWith('unlink ') && ++unlinks === failingUnlink;

      const partly = await notebook.notebook();
      disk.failWhen = null;
      expect(logger.lines.map(({ line }) => line)).toContainEqual(
        expect.stringContaining('purge stopped part-way (EIO)'),
      );
      // What is shown is what the vault still holds: none gone is shown, none shown is gone.
      const shown = partly.trash.map((entry) => entry.item.id);
      const vault = session.current();
      expect(shown).toHaveLength(stillShown);
      expect(expired.filter((id) => vault.isExpected(id)).sort()).toEqual([...shown].sort());

      const reopened = await reopen();
      const finished = await reopened.notebook();
      expect(finished.trash).toEqual([]);
      expect(finished.integrity).toEqual({ missing: 0, stale: 0, replayed: 0, unverified: false });
      // Nothing is left behind: no revision outlives its item.
      expect(await recordKinds()).toEqual([]);
    },
  );
});

describe('a save that keeps a revision', () => {
  it('puts the old words in place, and makes them durable, before the new text replaces them', async () => {
    const notebook = openNotebook();
    const note = await notebook.saveNote({ sectionId: 'step-7', text: 'the words before' });
    clock += REVISION_INTERVAL_MS;
    disk.log.length = 0;
    await notebook.saveNote({ sectionId: 'step-7', text: 'the words after' });
    const [revision] = await notebook.revisions(note.id);
    expect(revision?.text).toBe('the words before');
    expect(disk.log).toEqual([
      `rename ${recordName(revision?.id ?? '')}`,
      `sync ${RECORDS_DIR}`,
      `rename ${recordName(note.id)}`,
      `sync ${RECORDS_DIR}`,
    ]);
  });

  it('loses neither text when the new one cannot be put in place', async () => {
    const notebook = openNotebook();
    const note = await notebook.saveNote({ sectionId: 'step-7', text: 'the words before' });
    clock += REVISION_INTERVAL_MS;
    disk.failWhen = (step) => step === `rename ${recordName(note.id)}`;
    await expect(notebook.saveNote({ sectionId: 'step-7', text: 'not kept' })).rejects.toThrow();
    disk.failWhen = null;
    const saved = await notebook.saveNote({ sectionId: 'step-7', text: 'the words after' });
    expect(saved.text).toBe('the words after');

    const reopened = await (await reopen()).notebook();
    expect(reopened.items).toEqual([saved]);
    expect(reopened.integrity).toEqual({ missing: 0, stale: 0, replayed: 0, unverified: false });
  });

  it('deletes a trashed note merged back only once the merged text is durable', async () => {
    const notebook = openNotebook();
    const old = await notebook.saveNote({ sectionId: 'step-5', text: 'the first thoughts' });
    await notebook.trash(old.id);
    const newer = await notebook.saveNote({ sectionId: 'step-5', text: 'written since' });
    disk.log.length = 0;
    await notebook.restore(old.id);
    const [revision] = await notebook.revisions(newer.id);
    expect(disk.log).toEqual([
      `rename ${recordName(revision?.id ?? '')}`,
      `sync ${RECORDS_DIR}`,
      `rename ${recordName(newer.id)}`,
      `sync ${RECORDS_DIR}`,
      `unlink ${recordName(old.id)}`,
      `sync ${RECORDS_DIR}`,
      `rename ${MANIFEST_FILE}`,
      'sync vault',
    ]);
  });
});
