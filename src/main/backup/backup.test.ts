import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { byId, expectRefused } from '../../../test/support/backup-fixtures';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { FORMAT_VERSION, RECORDS_DIR } from '../vault/format';
import { createVault, unlockVault } from '../vault/opening';
import type { Vault } from '../vault/vault';
import { openBackup, previewBackup } from './backup-reader';
import { writeBackup } from './backup-writer';

// Making and opening backups on real vaults, in one file (a little over 300 lines): the
// tampering is in backup-tamper.test.ts, restoring as a vault in install-backup.test.ts.

const PASSPHRASE = 'a lantern by the water';
const options = { kdf: FAST_KDF };
const makeDir = tempDirs('stillwater-backup-');
const CREATED = new Date('2026-11-27T08:30:00.000Z');

let root: string;
let dir: string;
let target: string;
beforeEach(() => {
  root = makeDir();
  dir = path.join(root, 'vault');
  target = path.join(root, 'saved.stillwater-backup');
});

const recordFile = (vaultDir: string, id: string) => path.join(vaultDir, RECORDS_DIR, `${id}.rec`);

async function vaultWithNotes(count = 4): Promise<{ vault: Vault; recoveryKey: string }> {
  const created = await createVault(dir, PASSPHRASE, options);
  for (let n = 0; n < count; n++) {
    await created.vault.put('note', { sectionId: 'step-1', text: `note ${n}` });
  }
  return created;
}

describe('a backup made and opened', () => {
  it('holds every record, exactly, and opens with the passphrase', async () => {
    const { vault } = await vaultWithNotes();
    await vault.put('journal-entry', { date: '2026-11-26', text: 'A calm evening.' });
    const progress: [number, number][] = [];
    const written = await writeBackup(vault, target, {
      now: () => CREATED,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const { records } = await vault.list();
    await vault.lock();

    expect(written).toEqual({
      file: target,
      records: 5,
      leftOut: 0,
      bytes: statSync(target).size,
    });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(progress).toEqual([1, 2, 3, 4, 5].map((done) => [done, 5]));

    const opened = await openBackup(target, { passphrase: PASSPHRASE });
    expect(byId(opened.records)).toEqual(byId(records));
    expect(opened).toMatchObject({
      vaultId: vault.vaultId,
      created: CREATED.toISOString(),
      leftOut: 0,
    });
    // The files are the vault's own, byte for byte: nothing was decrypted on the way.
    for (const { id, file } of opened.parts.records) {
      expect(file.equals(readFileSync(recordFile(dir, id)))).toBe(true);
    }
    expect(opened.parts.header.equals(readFileSync(path.join(dir, 'vault.header')))).toBe(true);
  });

  it('shows when it was made and how many records it holds without any key', async () => {
    const { vault } = await vaultWithNotes(3);
    await writeBackup(vault, target, { now: () => CREATED });
    await vault.lock();
    expect(await previewBackup(target)).toEqual({
      created: CREATED.toISOString(),
      records: 3,
      leftOut: 0,
    });
  });

  it('opens with the recovery key; a wrong key, a wrong passphrase or a typo is refused', async () => {
    const { vault, recoveryKey } = await vaultWithNotes(2);
    await writeBackup(vault, target);
    const { records } = await vault.list();
    await vault.lock();

    const opened = await openBackup(target, { recoveryKey: recoveryKey.toLowerCase() });
    expect(byId(opened.records)).toEqual(byId(records));

    await expectRefused(
      openBackup(target, { passphrase: 'not the passphrase' }),
      'wrong-passphrase',
    );
    const other = await createVault(path.join(root, 'other'), PASSPHRASE, options);
    await other.vault.lock();
    await expectRefused(openBackup(target, { recoveryKey: other.recoveryKey }), 'wrong-passphrase');
    const typo = `${recoveryKey.slice(0, 5)}${recoveryKey[5] === 'A' ? 'B' : 'A'}${recoveryKey.slice(6)}`;
    await expectRefused(openBackup(target, { recoveryKey: typo }), 'recovery-key-typo');
  });

  it('after a change of passphrase and a re-key, opens with the keys of that moment only', async () => {
    const { vault } = await vaultWithNotes(3);
    await vault.changePassphrase(PASSPHRASE, 'a second passphrase', FAST_KDF);
    const newRecoveryKey = await vault.rekey('a second passphrase', 'a third passphrase', FAST_KDF);
    await writeBackup(vault, target);
    const { records } = await vault.list();
    await vault.lock();

    await expectRefused(openBackup(target, { passphrase: PASSPHRASE }), 'wrong-passphrase');
    await expectRefused(
      openBackup(target, { passphrase: 'a second passphrase' }),
      'wrong-passphrase',
    );
    const opened = await openBackup(target, { passphrase: 'a third passphrase' });
    expect(byId(opened.records)).toEqual(byId(records));
    // Every record was sealed again under the new key before the backup copied it.
    for (const { file } of opened.parts.records) expect(file.readUInt32BE(5)).toBe(2);
    const recovered = await openBackup(target, { recoveryKey: newRecoveryKey });
    expect(recovered.records).toHaveLength(3);
  });

  it('replaces an earlier backup at the same place in one step', async () => {
    const { vault } = await vaultWithNotes(1);
    await writeBackup(vault, target);
    await vault.put('note', { text: 'one more' });
    await writeBackup(vault, target);
    await vault.lock();
    expect((await previewBackup(target)).records).toBe(2);
    // No temporary file is left beside it.
    expect(readdirSync(root).sort()).toEqual(['saved.stillwater-backup', 'vault']);
  });
});

describe('a backup while the vault is in use', () => {
  it('lets saves go on, and copies each record as a version that was saved', async () => {
    const { vault } = await vaultWithNotes(6);
    const before = byId((await vault.list()).records);
    // Records are copied in increasing order of id.
    const ids = before.map((record) => record.id);
    const id = (index: number) => ids[index] ?? '';
    const versions = new Map<string, unknown[]>(before.map((record) => [record.id, [record.body]]));
    const saves: Promise<unknown>[] = [];
    const save = (recordId: string, text: string) => {
      const body = { sectionId: 'step-1', text };
      versions.get(recordId)?.push(body);
      saves.push(vault.put('note', body, recordId));
    };
    const written = await writeBackup(vault, target, {
      onProgress: (done) => {
        if (done === 1) {
          save(id(0), 'saved after its copy');
          save(id(5), 'saved before its copy');
          saves.push(vault.delete(id(3)));
          saves.push(vault.put('note', { text: 'new while the backup ran' }));
        }
        // Saved as the copy reaches it: the copy waits for this one save, nothing more.
        if (done === 1) save(id(1), 'saved as its copy began');
      },
    });
    await Promise.all(saves);
    const after = byId((await vault.list()).records);
    await vault.lock();

    expect([written.records, written.leftOut]).toEqual([5, 0]);
    const opened = await openBackup(target, { passphrase: PASSPHRASE });
    const inBackup = new Map(opened.records.map((record) => [record.id, record.body]));
    expect([...inBackup.keys()].sort()).toEqual(ids.filter((each) => each !== id(3)));
    for (const [recordId, body] of inBackup) expect(versions.get(recordId)).toContainEqual(body);
    expect(inBackup.get(id(0))).toEqual(before[0]?.body);
    expect(inBackup.get(id(1))).toEqual({ sectionId: 'step-1', text: 'saved as its copy began' });
    expect(inBackup.get(id(5))).toEqual({ sectionId: 'step-1', text: 'saved before its copy' });
    // The vault itself kept every save.
    expect(after.find((record) => record.id === id(0))?.body).toEqual({
      sectionId: 'step-1',
      text: 'saved after its copy',
    });
    expect(after).toHaveLength(6);
  });

  it('stops when the vault is locked, and writes nothing', async () => {
    const { vault } = await vaultWithNotes(4);
    let locking: Promise<void> = Promise.resolve();
    const backup = writeBackup(vault, target, {
      onProgress: (done) => {
        if (done === 1) locking = vault.lock();
      },
    });
    await expectRefused(backup, 'vault-locked');
    await locking;
    expect(vault.isLocked).toBe(true);
    expect(readdirSync(root).sort()).toEqual(['vault']);
  });
});

describe('records that cannot be put in a backup', () => {
  it('leaves out a damaged record, counts it, and the backup still opens', async () => {
    const { vault } = await vaultWithNotes(3);
    const [damaged, ...kept] = byId((await vault.list()).records);
    const file = recordFile(dir, damaged?.id ?? '');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    writeFileSync(file, bytes);

    const written = await writeBackup(vault, target);
    await vault.lock();
    expect([written.records, written.leftOut]).toEqual([2, 1]);
    const opened = await openBackup(target, { passphrase: PASSPHRASE });
    expect(byId(opened.records)).toEqual(kept);
    expect(opened.leftOut).toBe(1);
    expect((await previewBackup(target)).leftOut).toBe(1);
  });

  it('leaves out an older copy put back, a deleted one put back, and a missing one', async () => {
    const { vault } = await vaultWithNotes(0);
    const kept = await vault.put('note', { text: 'kept' });
    const rewritten = await vault.put('note', { text: 'first words' });
    const olderCopy = readFileSync(recordFile(dir, rewritten.id));
    await vault.put('note', { text: 'second words' }, rewritten.id);
    const deleted = await vault.put('note', { text: 'deleted' });
    const deletedCopy = readFileSync(recordFile(dir, deleted.id));
    await vault.delete(deleted.id);
    const lost = await vault.put('note', { text: 'lost' });
    await vault.lock();
    writeFileSync(recordFile(dir, rewritten.id), olderCopy);
    writeFileSync(recordFile(dir, deleted.id), deletedCopy);
    rmSync(recordFile(dir, lost.id));

    const reopened = await unlockVault(dir, PASSPHRASE, options);
    const written = await writeBackup(reopened, target);
    await reopened.lock();
    expect([written.records, written.leftOut]).toEqual([1, 3]);
    const opened = await openBackup(target, { passphrase: PASSPHRASE });
    expect(opened.records).toEqual([kept]);
  });
});

const V1_FIXTURE = path.resolve(import.meta.dirname, '../../../test/fixtures/vault-v1');
const v1 = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/vault-v1.json'), 'utf8'),
) as { passphrase: string; noteId: string };

describe('a vault still in format 1', () => {
  it('is sealed again in format 2 first, then backed up whole', async () => {
    cpSync(V1_FIXTURE, dir, { recursive: true });
    const vault = await unlockVault(dir, v1.passphrase, options);
    expect(vault.isRetiringKey).toBe(true);
    const written = await writeBackup(vault, target);
    const { records } = await vault.list();
    await vault.lock();
    expect([written.records, written.leftOut]).toEqual([4, 0]);
    const opened = await openBackup(target, { passphrase: v1.passphrase });
    expect(byId(opened.records)).toEqual(byId(records));
    for (const { file } of opened.parts.records) expect(file[4]).toBe(FORMAT_VERSION);
  });

  it('refuses, writing nothing, while a format 1 record could not be sealed again', async () => {
    cpSync(V1_FIXTURE, dir, { recursive: true });
    const note = recordFile(dir, v1.noteId);
    const formatOne = readFileSync(note);
    // Out of reach while records are sealed again, and back as it was once that is done.
    rmSync(note);
    mkdirSync(note);
    const vault = await unlockVault(dir, v1.passphrase, {
      ...options,
      onResealed: (done, total) => {
        if (done !== total) return;
        rmSync(note, { recursive: true });
        writeFileSync(note, formatOne);
      },
    });
    await expectRefused(writeBackup(vault, target), 'try-later');
    await vault.lock();
    expect(existsSync(target)).toBe(false);
  });
});

describe('a re-key while a backup is made', () => {
  it('still gives a backup that verifies whole, under the keys of one moment', async () => {
    const { vault } = await vaultWithNotes(20);
    const bodies = byId((await vault.list()).records).map(({ id, body }) => ({ id, body }));
    // The slow part (Argon2id) is done first, so the new key lands while records are copied.
    await vault.prepareRekey(PASSPHRASE, 'the passphrase after', FAST_KDF);
    let committing: Promise<void> = Promise.resolve();
    const written = await writeBackup(vault, target, {
      onProgress: (done) => {
        if (done === 2) committing = vault.commitRekey();
      },
    });
    await committing;
    await vault.lock();

    expect([written.records, written.leftOut]).toEqual([20, 0]);
    const opened = await openBackup(target, { passphrase: 'the passphrase after' }).catch(() =>
      openBackup(target, { passphrase: PASSPHRASE }),
    );
    expect(byId(opened.records).map(({ id, body }) => ({ id, body }))).toEqual(bodies);
  });
});

describe('a record put back from a backup', () => {
  it('keeps its own times and is numbered as any save is', async () => {
    const { vault } = await vaultWithNotes(0);
    const record = {
      kind: 'journal-entry',
      id: '0123456789abcdef0123456789abcdef',
      created: '2025-01-02T03:04:05.000Z',
      updated: '2025-02-03T04:05:06.000Z',
      body: { text: 'From before.' },
    };
    expect(await vault.putRestored(record)).toEqual(record);
    await vault.lock();
    const reopened = await unlockVault(dir, PASSPHRASE, options);
    expect(await reopened.get(record.id)).toEqual(record);
    const { integrity } = await reopened.list();
    expect(integrity.unverified).toBe(false);
    expect(reopened.isVouched(record.id)).toBe(true);
    await reopened.lock();
    await expectRefused(reopened.putRestored(record), 'vault-locked');
  });
});
