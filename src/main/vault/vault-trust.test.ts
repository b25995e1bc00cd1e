/**
 * The vault's promises under attack and under stress: a lock never damages a record, an old
 * passphrase opens nothing, the set of records is checked against the manifest, a planted
 * file is one unreadable item, and format 1 vaults are upgraded safely.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { isAppError, type AppErrorKind } from '../app-error';
import {
  FORMAT_VERSION,
  HEADER_FILE,
  LEGACY_FORMAT_VERSION,
  LEGACY_PREVIOUS_HEADER_FILE,
  MANIFEST_FILE,
  MAX_RECORD_FILE_BYTES,
  RECORDS_DIR,
} from './format';
import { encodeHeader, type Header } from './header-format';
import { paddedLength } from './padding';
import { createVault, recoverVault, unlockVault } from './opening';
import { Vault } from './vault';

const PASSPHRASE = 'quiet harbour at dawn';
const NEW_PASSPHRASE = 'a lantern on the jetty';
const options = { kdf: FAST_KDF };
const makeDir = tempDirs('stillwater-trust-');
const V1_FIXTURE = path.resolve(import.meta.dirname, '../../../test/fixtures/vault-v1');
const v1 = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/vault-v1.json'), 'utf8'),
) as {
  firstPassphrase: string;
  passphrase: string;
  recoveryKey: string;
  noteId: string;
  journalId: string;
  trashedId: string;
};

function newDir(): string {
  return path.join(makeDir(), 'vault');
}

const recordFile = (dir: string, id: string) => path.join(dir, RECORDS_DIR, `${id}.rec`);

/** A new vault whose `halfWay` resolves once a re-key has sealed `count` records again. */
async function vaultThatSignalsReseal(dir: string, count: number) {
  let reached: (() => void) | undefined;
  const halfWay = new Promise<void>((resolve) => (reached = resolve));
  const { vault } = await createVault(dir, PASSPHRASE, {
    ...options,
    onResealed: (done) => {
      if (done === count) reached?.();
    },
  });
  return { vault, halfWay };
}

/** A new vault holding one note, locked, for a test to tamper with. */
async function lockedVaultWithOneNote() {
  const dir = newDir();
  const { vault } = await createVault(dir, PASSPHRASE, options);
  const kept = await vault.put('note', { text: 'kept' });
  await vault.lock();
  return { dir, kept };
}

async function rejectsWith(promise: Promise<unknown>, kind: AppErrorKind) {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(isAppError(error, kind), `expected ${kind}, got ${String(error)}`).toBe(true);
}

/** A few turns of the event loop and the file system, a different number each time. */
async function randomPause(): Promise<void> {
  const turns = Math.floor(Math.random() * 12);
  for (let turn = 0; turn < turns; turn++) {
    await new Promise((resolve) =>
      turn % 3 === 0 ? setTimeout(resolve, 0) : setImmediate(resolve),
    );
  }
}

const CLEAN = { missing: [], stale: [], replayed: [], unverified: false };

describe('locking while saves are in flight', () => {
  it('never seals a record under a zeroed key: each save lands whole or is refused as locked', async () => {
    const dir = newDir();
    let vault = (await createVault(dir, PASSPHRASE, options)).vault;
    const ids = Array.from({ length: 4 }, () => Vault.newRecordId());
    const acknowledged = new Map<string, number>();
    let refused = 0;

    for (let round = 0; round < 150; round++) {
      const open = vault;
      const settle = (id: string, save: Promise<unknown>) =>
        save.then(
          () => acknowledged.set(id, round),
          (error: unknown) => {
            expect(isAppError(error, 'vault-locked'), String(error)).toBe(true);
            refused += 1;
          },
        );
      const readingId = open.singletonId('reading-state');
      const saves = ids.map((id, slot) => settle(id, open.put('note', { round, slot }, id)));
      await randomPause();
      const locking = open.lock();
      // A reading position reported as the lock begins, as auto-lock and the panic key do.
      saves.push(settle(readingId, open.put('reading-state', { round }, readingId)));
      await randomPause();
      await locking;
      await Promise.all(saves);

      vault = await unlockVault(dir, PASSPHRASE, options);
      const { records, unreadable, integrity } = await vault.list();
      expect(unreadable).toEqual([]);
      expect(integrity).toEqual(CLEAN);
      const rounds = new Map(
        records.map((record) => [record.id, (record.body as { round: number }).round]),
      );
      expect(rounds).toEqual(acknowledged);
    }
    await vault.lock();
    // Saves made once the lock began were all refused, and the others all landed.
    expect(refused).toBe(150);
    expect(acknowledged.size).toBe(ids.length);
  }, 180_000);

  it('refuses every call made after lock() began, and writes nothing once it has finished', async () => {
    const dir = newDir();
    const { vault } = await createVault(dir, PASSPHRASE, options);
    const id = Vault.newRecordId();
    const inFlight = vault.put('note', { text: 'before the lock' }, id);
    const locking = vault.lock();
    await rejectsWith(vault.put('note', { text: 'after the lock' }), 'vault-locked');
    await rejectsWith(vault.get(id), 'vault-locked');
    await inFlight;
    await locking;
    const reopened = await unlockVault(dir, PASSPHRASE, options);
    expect((await reopened.get(id))?.body).toEqual({ text: 'before the lock' });
    expect((await reopened.list()).records).toHaveLength(1);
    await reopened.lock();
  });
});

describe('changing the passphrase', () => {
  it('leaves nothing on disk that the old passphrase opens, even for records written later', async () => {
    const dir = newDir();
    const { vault } = await createVault(dir, PASSPHRASE, options);
    await vault.put('note', { text: 'before' });
    await vault.changePassphrase(PASSPHRASE, NEW_PASSPHRASE, FAST_KDF);
    await vault.put('note', { text: 'after' });
    await vault.lock();

    expect(readdirSync(dir).sort()).toEqual([HEADER_FILE, MANIFEST_FILE, RECORDS_DIR].sort());
    await rejectsWith(unlockVault(dir, PASSPHRASE, options), 'wrong-passphrase');
    const reopened = await unlockVault(dir, NEW_PASSPHRASE, options);
    expect((await reopened.list()).records).toHaveLength(2);
    await reopened.lock();
  });

  it('re-keys: a new data key, passphrase and recovery key, and every record sealed again', async () => {
    const dir = newDir();
    const { vault, recoveryKey } = await createVault(dir, PASSPHRASE, options);
    for (let i = 0; i < 5; i++) await vault.put('note', { text: `note ${i}` });
    const before = new Map(
      readdirSync(path.join(dir, RECORDS_DIR)).map((name) => [
        name,
        readFileSync(path.join(dir, RECORDS_DIR, name)),
      ]),
    );
    const readingId = vault.singletonId('reading-state');
    await vault.put('reading-state', { section: 'step-3' }, readingId);

    const newRecoveryKey = await vault.rekey(PASSPHRASE, NEW_PASSPHRASE, FAST_KDF);
    expect(vault.isRetiringKey).toBe(false);
    await vault.lock();

    for (const [name, bytes] of before) {
      const now = readFileSync(path.join(dir, RECORDS_DIR, name));
      expect(now.equals(bytes)).toBe(false);
      expect(now.readUInt32BE(5)).toBe(2);
    }
    await rejectsWith(unlockVault(dir, PASSPHRASE, options), 'wrong-passphrase');
    await rejectsWith(
      recoverVault(dir, recoveryKey, 'anything at all', options),
      'wrong-passphrase',
    );
    const reopened = await unlockVault(dir, NEW_PASSPHRASE, options);
    const { records, integrity } = await reopened.list();
    expect(integrity).toEqual(CLEAN);
    expect(records.filter((record) => record.kind === 'note')).toHaveLength(5);
    // Singleton ids do not change with the key, so the reading position is still found.
    expect(reopened.singletonId('reading-state')).toBe(readingId);
    expect((await reopened.get(readingId))?.body).toEqual({ section: 'step-3' });
    await reopened.lock();
    await (await recoverVault(dir, newRecoveryKey, 'chosen after recovery', options)).lock();
  });

  it('resumes a re-key that a lock stopped half way, and loses nothing', async () => {
    const dir = newDir();
    const { vault, halfWay } = await vaultThatSignalsReseal(dir, 10);
    for (let i = 0; i < 30; i++) await vault.put('note', { text: `note ${i}` });

    const rekeying = vault.rekey(PASSPHRASE, NEW_PASSPHRASE, FAST_KDF);
    await halfWay;
    await vault.lock();
    await rekeying;

    const generations = readdirSync(path.join(dir, RECORDS_DIR)).map((name) =>
      readFileSync(path.join(dir, RECORDS_DIR, name)).readUInt32BE(5),
    );
    expect(new Set(generations)).toEqual(new Set([1, 2]));
    const reopened = await unlockVault(dir, NEW_PASSPHRASE, options);
    expect(reopened.isRetiringKey).toBe(true);
    expect((await reopened.list()).records).toHaveLength(30);
    await reopened.finishRetiring();
    expect(reopened.isRetiringKey).toBe(false);
    const { records, unreadable, integrity } = await reopened.list();
    expect([records.length, unreadable, integrity]).toEqual([30, [], CLEAN]);
    await reopened.lock();
    for (const name of readdirSync(path.join(dir, RECORDS_DIR))) {
      expect(readFileSync(path.join(dir, RECORDS_DIR, name)).readUInt32BE(5)).toBe(2);
    }
  });
});

describe('the manifest', () => {
  async function vaultWithNote(dir: string) {
    const { vault } = await createVault(dir, PASSPHRASE, options);
    const note = await vault.put('note', { text: 'first' });
    const keeper = await vault.put('note', { text: 'untouched' });
    return { vault, id: note.id, keeperId: keeper.id };
  }

  it('notices a record put back from an older copy, and neither lists nor opens it', async () => {
    const dir = newDir();
    const { vault, id, keeperId } = await vaultWithNote(dir);
    const older = readFileSync(recordFile(dir, id));
    await vault.put('note', { text: 'second' }, id);
    await vault.lock();
    writeFileSync(recordFile(dir, id), older);

    const reopened = await unlockVault(dir, PASSPHRASE, options);
    const { records, integrity } = await reopened.list();
    expect(integrity).toEqual({ ...CLEAN, stale: [id] });
    expect(records.map((record) => record.id)).toEqual([keeperId]);
    await rejectsWith(reopened.get(id), 'vault-corrupt');
    await reopened.lock();
    expect(readFileSync(recordFile(dir, id)).equals(older)).toBe(true);
  });

  it('notices a record deleted behind its back', async () => {
    const dir = newDir();
    const { vault, id } = await vaultWithNote(dir);
    await vault.lock();
    rmSync(recordFile(dir, id));
    const reopened = await unlockVault(dir, PASSPHRASE, options);
    expect((await reopened.list()).integrity).toEqual({ ...CLEAN, missing: [id] });
    await reopened.lock();
  });

  it('notices a record put back after it was deleted', async () => {
    const dir = newDir();
    const { vault, id } = await vaultWithNote(dir);
    const copy = readFileSync(recordFile(dir, id));
    await vault.delete(id);
    await vault.lock();
    writeFileSync(recordFile(dir, id), copy);
    const reopened = await unlockVault(dir, PASSPHRASE, options);
    const { records, integrity } = await reopened.list();
    expect(integrity).toEqual({ ...CLEAN, replayed: [id] });
    expect(records.some((record) => record.id === id)).toBe(false);
    await reopened.lock();
  });

  it('takes in a save that a crash kept out of the manifest', async () => {
    const dir = newDir();
    const { vault, id } = await vaultWithNote(dir);
    const manifestBefore = readFileSync(path.join(dir, MANIFEST_FILE));
    await vault.put('note', { text: 'saved just before the crash' }, id);
    const added = await vault.put('note', { text: 'new just before the crash' });
    await vault.lock();
    writeFileSync(path.join(dir, MANIFEST_FILE), manifestBefore);

    const reopened = await unlockVault(dir, PASSPHRASE, options);
    const { records, integrity } = await reopened.list();
    expect(integrity).toEqual(CLEAN);
    expect((await reopened.get(id))?.body).toEqual({ text: 'saved just before the crash' });
    expect(records.map((record) => record.id)).toContain(added.id);
    await reopened.lock();
  });

  it('says when the manifest itself is gone, and still opens every record', async () => {
    const dir = newDir();
    const { vault } = await vaultWithNote(dir);
    await vault.lock();
    rmSync(path.join(dir, MANIFEST_FILE));
    const reopened = await unlockVault(dir, PASSPHRASE, options);
    const { records, integrity } = await reopened.list();
    expect(integrity).toEqual({ ...CLEAN, unverified: true });
    expect(records).toHaveLength(2);
    await reopened.lock();
  });
});

describe('files planted in the vault folder', () => {
  const onUnix = process.platform !== 'win32';

  it.runIf(onUnix)(
    'reads a FIFO, a folder, a link loop and a device link as one unreadable item each',
    async () => {
      const { dir, kept } = await lockedVaultWithOneNote();
      const planted = Array.from({ length: 4 }, () => Vault.newRecordId());
      const [fifo = '', folder = '', loop = '', device = ''] = planted;
      execFileSync('mkfifo', [recordFile(dir, fifo)]);
      mkdirSync(recordFile(dir, folder));
      symlinkSync(recordFile(dir, loop), recordFile(dir, loop));
      symlinkSync('/dev/zero', recordFile(dir, device));

      const reopened = await unlockVault(dir, PASSPHRASE, options);
      const { records, unreadable } = await reopened.list();
      expect(records.map((record) => record.id)).toEqual([kept.id]);
      expect(unreadable.map((entry) => entry.recordId).sort()).toEqual([...planted].sort());
      expect(new Set(unreadable.map((entry) => entry.kind))).toEqual(new Set(['vault-corrupt']));
      for (const id of planted) await rejectsWith(reopened.get(id), 'vault-corrupt');
      await reopened.lock();
    },
  );

  it.runIf(onUnix)(
    'refuses a FIFO or a link as the header, and a FIFO as the manifest, without waiting',
    async () => {
      const dir = newDir();
      const { vault } = await createVault(dir, PASSPHRASE, options);
      await vault.lock();
      const header = path.join(dir, HEADER_FILE);
      const realHeader = readFileSync(header);
      rmSync(header);
      execFileSync('mkfifo', [header]);
      await rejectsWith(unlockVault(dir, PASSPHRASE, options), 'vault-corrupt');
      rmSync(header);
      writeFileSync(`${header}.real`, realHeader);
      symlinkSync(`${header}.real`, header);
      await rejectsWith(unlockVault(dir, PASSPHRASE, options), 'vault-corrupt');
      rmSync(header);
      writeFileSync(header, realHeader);

      const manifest = path.join(dir, MANIFEST_FILE);
      rmSync(manifest);
      execFileSync('mkfifo', [manifest]);
      const reopened = await unlockVault(dir, PASSPHRASE, options);
      expect((await reopened.list()).integrity.unverified).toBe(true);
      await reopened.lock();
    },
  );

  it('moves a folder planted as the manifest aside, and goes on reading and saving', async () => {
    const { dir, kept } = await lockedVaultWithOneNote();
    const manifest = path.join(dir, MANIFEST_FILE);
    rmSync(manifest);
    mkdirSync(manifest);
    writeFileSync(path.join(manifest, 'inside'), 'the planter’s');

    const reopened = await unlockVault(dir, PASSPHRASE, options);
    const { records, integrity } = await reopened.list();
    expect(records.map((record) => record.id)).toEqual([kept.id]);
    expect(integrity.unverified).toBe(true);
    const written = await reopened.put('note', { text: 'written after' });
    expect((await reopened.get(written.id))?.body).toEqual({ text: 'written after' });
    await reopened.lock();
    const aside = readdirSync(dir).filter((name) => name.startsWith(`${MANIFEST_FILE}.folder-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0] ?? '', 'inside'), 'utf8')).toBe('the planter’s');
    expect(statSync(manifest).isFile()).toBe(true);
  });
});

describe('what file sizes tell', () => {
  it('pads every record to a size class, so trashing a note or a longer text changes nothing', async () => {
    const dir = newDir();
    const { vault } = await createVault(dir, PASSPHRASE, options);
    const short = await vault.put('note', { sectionId: 'intro', text: 'a' });
    const longer = await vault.put('note', {
      sectionId: 'intro',
      text: 'a fuller thought '.repeat(20),
    });
    const sizeOf = (id: string) => statSync(recordFile(dir, id)).size;
    const before = sizeOf(short.id);
    await vault.put(
      'trash',
      { trashedAt: new Date().toISOString(), item: { ...short, kind: 'note' } },
      short.id,
    );
    expect(sizeOf(short.id)).toBe(before);
    expect(sizeOf(longer.id)).toBe(before);
    // Prefix (29 bytes), the smallest class, and the tag.
    expect(before).toBe(29 + paddedLength(1) + 16);
    await vault.lock();
  });

  it('never writes a record larger than it would read back, and keeps the copy it had', async () => {
    const dir = newDir();
    const { vault } = await createVault(dir, PASSPHRASE, options);
    const note = await vault.put('draft', { text: 'the draft so far' });
    // Control characters take six bytes each once written as JSON.
    const huge = '\u0001'.repeat(MAX_RECORD_FILE_BYTES / 6 + 1);
    const refused = await vault.put('draft', { text: huge }, note.id, note.created).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(isAppError(refused, 'too-large'), String(refused)).toBe(true);
    expect((await vault.get(note.id))?.body).toEqual({ text: 'the draft so far' });
    await vault.lock();
  });
});

/** Writes the fixture's format 1 note again, in format 2, with newer words. */
async function rewriteFormatOneNote(vault: Vault): Promise<void> {
  const note = await vault.get(v1.noteId);
  await vault.put('note', { sectionId: 'step-1', text: 'Newer words.' }, v1.noteId, note?.created);
}

describe('a vault written by format 1', () => {
  function copyFixture(): string {
    const dir = newDir();
    cpSync(V1_FIXTURE, dir, { recursive: true });
    return dir;
  }

  it('opens, drops the old header copy that the first passphrase opened, and upgrades every record', async () => {
    const dir = copyFixture();
    expect(existsSync(path.join(dir, LEGACY_PREVIOUS_HEADER_FILE))).toBe(true);

    const vault = await unlockVault(dir, v1.passphrase, options);
    expect(existsSync(path.join(dir, LEGACY_PREVIOUS_HEADER_FILE))).toBe(false);
    const { records } = await vault.list();
    expect(records.map((record) => record.id)).toEqual(
      expect.arrayContaining([v1.noteId, v1.journalId, v1.trashedId]),
    );
    expect((await vault.get(v1.noteId))?.body).toEqual({
      sectionId: 'step-1',
      text: 'A note written before format 2.',
    });
    await vault.finishRetiring();
    const reading = await vault.get(vault.singletonId('reading-state'));
    expect(reading?.body).toMatchObject({ lastSectionId: 'step-2' });
    await vault.lock();

    for (const name of readdirSync(path.join(dir, RECORDS_DIR))) {
      expect(readFileSync(path.join(dir, RECORDS_DIR, name))[4]).toBe(FORMAT_VERSION);
    }
    await rejectsWith(unlockVault(dir, v1.firstPassphrase, options), 'wrong-passphrase');
    const reopened = await unlockVault(dir, v1.passphrase, options);
    const after = await reopened.list();
    expect(after.integrity).toEqual(CLEAN);
    expect(after.records).toHaveLength(4);
    expect((await reopened.get(v1.noteId))?.created).toBe('2026-11-01T10:00:00.000Z');
    await reopened.lock();
    await (await recoverVault(dir, v1.recoveryKey, 'a passphrase after recovery', options)).lock();
  });

  describe('format 1 copies put back with the header the upgrade wrote', () => {
    /**
     * Upgrades the fixture, keeping what an attacker with an old copy of the folder would
     * have: the header as the upgrade wrote it (still naming the format 1 key) and every
     * format 1 record file. Then `use` runs on the upgraded vault before it locks.
     */
    async function upgradeKeepingOldCopies(use: (vault: Vault) => Promise<void>) {
      const dir = copyFixture();
      const formatOneFiles = new Map(
        [v1.noteId, v1.journalId].map((id) => [id, readFileSync(recordFile(dir, id))]),
      );
      const vault = await unlockVault(dir, v1.passphrase, options);
      const upgradeHeader = readFileSync(path.join(dir, HEADER_FILE));
      await vault.finishRetiring();
      await use(vault);
      await vault.lock();
      const putBack = (id: string) => {
        const file = formatOneFiles.get(id);
        if (!file) throw new Error(`no format 1 copy of ${id} was kept`);
        writeFileSync(recordFile(dir, id), file);
      };
      writeFileSync(path.join(dir, HEADER_FILE), upgradeHeader);
      return { dir, putBack };
    }

    it('an older copy of a note written since is stale, never shown or sealed again', async () => {
      const { dir, putBack } = await upgradeKeepingOldCopies(rewriteFormatOneNote);
      putBack(v1.noteId);
      const reopened = await unlockVault(dir, v1.passphrase, options);
      const { records, integrity } = await reopened.list();
      expect(integrity.stale).toEqual([v1.noteId]);
      expect(records.some((record) => record.id === v1.noteId)).toBe(false);
      await reopened.finishRetiring();
      await reopened.lock();
      expect(readFileSync(recordFile(dir, v1.noteId))[4]).toBe(LEGACY_FORMAT_VERSION);
    });

    it('a copy of an entry deleted since is a replay', async () => {
      const { dir, putBack } = await upgradeKeepingOldCopies((vault) => vault.delete(v1.journalId));
      putBack(v1.journalId);
      const reopened = await unlockVault(dir, v1.passphrase, options);
      const { records, integrity } = await reopened.list();
      expect(integrity.replayed).toEqual([v1.journalId]);
      expect(records.some((record) => record.id === v1.journalId)).toBe(false);
      await reopened.lock();
    });
  });

  it('keeps every format 1 record, unvouched, when the manifest is lost before the upgrade finished', async () => {
    const dir = copyFixture();
    await (await unlockVault(dir, v1.passphrase, options)).lock();
    rmSync(path.join(dir, MANIFEST_FILE));

    const reopened = await unlockVault(dir, v1.passphrase, options);
    const found = await reopened.list();
    expect(found.integrity).toMatchObject({ replayed: [], stale: [], unverified: true });
    expect(found.records).toHaveLength(4);
    await reopened.finishRetiring();
    expect(reopened.isRetiringKey).toBe(false);
    await reopened.lock();

    const again = await unlockVault(dir, v1.passphrase, options);
    const { records, unreadable } = await again.list();
    expect([records.length, unreadable]).toEqual([4, []]);
    expect((await again.get(v1.noteId))?.body).toEqual({
      sectionId: 'step-1',
      text: 'A note written before format 2.',
    });
    // Found, never checked: nothing automatic may act on them.
    for (const record of records) expect(again.isVouched(record.id)).toBe(false);
    await again.lock();
  });

  it('does not vouch for a format 1 copy sealed again under a manifest found to be older', async () => {
    const dir = copyFixture();
    const formatOneNote = readFileSync(recordFile(dir, v1.noteId));
    const vault = await unlockVault(dir, v1.passphrase, options);
    const upgradeHeader = readFileSync(path.join(dir, HEADER_FILE));
    const upgradeManifest = readFileSync(path.join(dir, MANIFEST_FILE));
    await vault.finishRetiring();
    await rewriteFormatOneNote(vault);
    // More writes than the manifest reserves ahead, so its older copy can be noticed.
    for (let write = 0; write < 12; write++) await vault.put('note', { text: `later ${write}` });
    await vault.lock();
    writeFileSync(path.join(dir, HEADER_FILE), upgradeHeader);
    writeFileSync(path.join(dir, MANIFEST_FILE), upgradeManifest);
    writeFileSync(recordFile(dir, v1.noteId), formatOneNote);

    const reopened = await unlockVault(dir, v1.passphrase, options);
    expect((await reopened.list()).integrity.unverified).toBe(true);
    await reopened.finishRetiring();
    expect(reopened.isVouched(v1.noteId)).toBe(false);
    await reopened.lock();
    const again = await unlockVault(dir, v1.passphrase, options);
    expect(again.isVouched(v1.noteId)).toBe(false);
    await again.lock();
  });

  it('finishes an upgrade that a lock interrupted', async () => {
    const dir = copyFixture();
    const vault = await unlockVault(dir, v1.passphrase, options);
    // Locked before the upgrade could seal anything again.
    await vault.lock();
    const reopened = await unlockVault(dir, v1.passphrase, options);
    expect(reopened.isRetiringKey).toBe(true);
    await reopened.finishRetiring();
    const { records, unreadable, integrity } = await reopened.list();
    expect([records.length, unreadable, integrity]).toEqual([4, [], CLEAN]);
    await reopened.lock();
  });
});

describe('older copies of the manifest itself', () => {
  async function noteWithHistory(dir: string) {
    const { vault } = await createVault(dir, PASSPHRASE, options);
    const note = await vault.put('note', { text: 'version 1' });
    await vault.lock();
    const early = {
      manifest: readFileSync(path.join(dir, MANIFEST_FILE)),
      note: readFileSync(recordFile(dir, note.id)),
    };
    const reopened = await unlockVault(dir, PASSPHRASE, options);
    await reopened.put('note', { text: 'version 2' }, note.id);
    // More writes than any crash could leave unlisted.
    for (let i = 0; i < 12; i++) await reopened.put('note', { text: `later ${i}` });
    await reopened.lock();
    return { id: note.id, early };
  }

  it('notices a manifest put back with an old copy of a record, and vouches for nothing', async () => {
    const dir = newDir();
    const { id, early } = await noteWithHistory(dir);
    writeFileSync(path.join(dir, MANIFEST_FILE), early.manifest);
    writeFileSync(recordFile(dir, id), early.note);

    const vault = await unlockVault(dir, PASSPHRASE, options);
    const { integrity } = await vault.list();
    expect(integrity.unverified).toBe(true);
    expect(vault.isVouched(id)).toBe(false);
    await vault.lock();
    // Nor on the next open: the manifest rebuilt then vouches only for later writes.
    const again = await unlockVault(dir, PASSPHRASE, options);
    expect((await again.list()).integrity).toEqual(CLEAN);
    expect(again.isVouched(id)).toBe(false);
    await again.put('note', { text: 'written again' }, id);
    expect(again.isVouched(id)).toBe(true);
    await again.lock();
  });

  it('vouches for nothing it could not check, even after the manifest is rebuilt', async () => {
    const { dir, kept } = await lockedVaultWithOneNote();
    rmSync(path.join(dir, MANIFEST_FILE));
    for (let open = 0; open < 2; open++) {
      const reopened = await unlockVault(dir, PASSPHRASE, options);
      await reopened.list();
      expect(reopened.isVouched(kept.id)).toBe(false);
      await reopened.lock();
    }
  });

  it('refuses a format 1 header put over a format 2 vault, which would switch the manifest off', async () => {
    const dir = newDir();
    const { vault } = await createVault(dir, PASSPHRASE, options);
    await vault.put('note', { text: 'kept' });
    await vault.lock();
    const [body = ''] = readFileSync(path.join(dir, HEADER_FILE), 'utf8').split('\n');
    const {
      keyGeneration: _k,
      idKeySlot: _i,
      retiringKey: _r,
      ...v1
    } = {
      ...(JSON.parse(body) as Record<string, unknown>),
      version: 1,
    } as Record<string, unknown>;
    writeFileSync(path.join(dir, HEADER_FILE), encodeHeader(v1 as unknown as Header));
    await rejectsWith(unlockVault(dir, PASSPHRASE, options), 'vault-corrupt');
  });
});

describe('re-keying, when things go wrong', () => {
  it('keeps the retiring key while a record cannot be read, and finishes once it can', async () => {
    const dir = newDir();
    const { vault, halfWay } = await vaultThatSignalsReseal(dir, 1);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await vault.put('note', { text: `note ${i}` })).id);
    const names = readdirSync(path.join(dir, RECORDS_DIR));
    const last = path.join(dir, RECORDS_DIR, names[names.length - 1] ?? '');
    const rekeying = vault.rekey(PASSPHRASE, NEW_PASSPHRASE, FAST_KDF);
    await halfWay;
    // Another program holds the last file for a moment: it is not there to be read.
    const bytes = readFileSync(last);
    rmSync(last);
    await rekeying;
    expect(vault.isRetiringKey).toBe(true);
    writeFileSync(last, bytes);
    await vault.finishRetiring();
    expect(vault.isRetiringKey).toBe(false);
    const { records, unreadable } = await vault.list();
    expect([records.length, unreadable]).toEqual([6, []]);
    await vault.lock();
  });

  it('changes nothing until the new recovery key is confirmed: a lock in between keeps the old keys', async () => {
    const dir = newDir();
    const { vault, recoveryKey } = await createVault(dir, PASSPHRASE, options);
    await vault.put('note', { text: 'kept' });
    const headerBefore = readFileSync(path.join(dir, HEADER_FILE));
    const newRecoveryKey = await vault.prepareRekey(PASSPHRASE, NEW_PASSPHRASE, FAST_KDF);
    expect(newRecoveryKey).not.toBe(recoveryKey);
    expect(readFileSync(path.join(dir, HEADER_FILE)).equals(headerBefore)).toBe(true);
    await vault.lock();
    await (await unlockVault(dir, PASSPHRASE, options)).lock();
    await (await recoverVault(dir, recoveryKey, PASSPHRASE, options)).lock();
    await rejectsWith(unlockVault(dir, NEW_PASSPHRASE, options), 'wrong-passphrase');
  });

  it('removes temporary files a crash left, which older keys could still open', async () => {
    const dir = newDir();
    const { vault } = await createVault(dir, PASSPHRASE, options);
    const note = await vault.put('note', { text: 'kept' });
    await vault.lock();
    const leftovers = [
      path.join(dir, `.${HEADER_FILE}.abcdef.tmp`),
      path.join(dir, RECORDS_DIR, `.${note.id}.rec.abcdef.tmp`),
    ];
    for (const file of leftovers) writeFileSync(file, readFileSync(recordFile(dir, note.id)));
    await (await unlockVault(dir, PASSPHRASE, options)).lock();
    expect(leftovers.filter((file) => existsSync(file))).toEqual([]);
  });

  it('answers a folder planted where the manifest goes, while open, with a typed error naming no path', async () => {
    const dir = newDir();
    const { vault } = await createVault(dir, PASSPHRASE, options);
    const note = await vault.put('note', { text: 'kept' });
    await vault.lock();
    const reopened = await unlockVault(dir, PASSPHRASE, options);
    rmSync(path.join(dir, MANIFEST_FILE));
    mkdirSync(path.join(dir, MANIFEST_FILE));
    // Deleting writes the manifest at once.
    const error = await reopened.delete(note.id).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(isAppError(error, 'vault-corrupt'), String(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain(dir);
    await reopened.lock();
  });

  it('refuses a records folder that is a link, and a blank passphrase at the vault itself', async () => {
    const dir = newDir();
    const { vault } = await createVault(dir, PASSPHRASE, options);
    await expect(vault.changePassphrase(PASSPHRASE, '   ', FAST_KDF)).rejects.toThrow(RangeError);
    await vault.lock();
    const elsewhere = path.join(path.dirname(dir), 'elsewhere');
    cpSync(path.join(dir, RECORDS_DIR), elsewhere, { recursive: true });
    rmSync(path.join(dir, RECORDS_DIR), { recursive: true });
    symlinkSync(elsewhere, path.join(dir, RECORDS_DIR));
    await rejectsWith(unlockVault(dir, PASSPHRASE, options), 'vault-corrupt');
  });
});
