import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { byId, expectRefused } from '../../../test/support/backup-fixtures';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF, snapshotFiles } from '../../../test/support/vault-fixtures';
import { NotebookService } from '../notebook/notebook-service';
import { ReadingService } from '../reading/reading-service';
import { HEADER_FILE, MANIFEST_FILE, RECORDS_DIR } from '../vault/format';
import { createVault, recoverVault, unlockVault, vaultExists } from '../vault/opening';
import type { Vault } from '../vault/vault';
import { VaultSession } from '../vault/vault-session';
import { openBackup, type OpenedBackup } from './backup-reader';
import { writeBackup } from './backup-writer';
import { installBackup } from './install-backup';

const PASSPHRASE = 'the tide comes in twice';
const options = { kdf: FAST_KDF };
const makeDir = tempDirs('stillwater-install-');
const CLEAN = { missing: [], stale: [], replayed: [], unverified: false };

let root: string;
let backupFile: string;
beforeEach(() => {
  root = makeDir();
  backupFile = path.join(root, 'saved.stillwater-backup');
});

/** A vault as a person leaves it: notes, a highlight, the journal, the trash, a draft, where they were. */
async function livedInVault(dir: string) {
  let clock = Date.parse('2026-11-20T09:00:00Z');
  const session = new VaultSession({ dir, kdf: FAST_KDF });
  const recoveryKey = await session.create(PASSPHRASE);
  const notebook = new NotebookService(session, {
    logger: captureLogger(),
    now: () => new Date((clock += 60_000)),
  });
  const reading = new ReadingService(session, captureLogger());
  await notebook.saveNote({ sectionId: 'step-1', text: 'Say it calmly, once.' });
  await notebook.saveNote({ sectionId: 'step-2', text: 'Give it a week.' });
  await notebook.saveHighlight({
    sectionId: 'step-1',
    anchor: {
      quote: 'how you feel',
      prefix: 'in no uncertain terms, ',
      suffix: '.',
      start: 120,
      end: 132,
      guideVersion: 1,
    },
    colour: 'green',
    note: 'This part.',
  });
  const entry = await notebook.saveJournalEntry({
    date: '2026-11-19',
    text: 'A long walk by the river.',
    mood: 4,
    tags: ['walk'],
    sectionId: null,
  });
  await notebook.trash(entry.id);
  await notebook.saveDraft('journal:new', { text: 'Half a thought' });
  await reading.record({ sectionId: 'step-2', position: 0.5, read: [0, 1, 2] });
  await reading.flush();
  return { session, recoveryKey, notebook, reading };
}

/** Everything a service shows of a vault, to compare one vault with another. */
async function whatIsShown(session: VaultSession) {
  const notebook = await new NotebookService(session, { logger: captureLogger() }).notebook();
  const reading = await new ReadingService(session, captureLogger()).state();
  return { notebook, reading };
}

async function backedUp(vault: Vault): Promise<OpenedBackup> {
  await writeBackup(vault, backupFile);
  return openBackup(backupFile, { passphrase: PASSPHRASE });
}

describe('a backup installed as the vault', () => {
  it('opens with the passphrase, showing everything exactly as it was', async () => {
    const { session } = await livedInVault(path.join(root, 'original'));
    const vault = session.current();
    const original = byId((await vault.list()).records);
    const shown = await whatIsShown(session);
    const singleton = vault.singletonId('reading-state');
    const opened = await backedUp(vault);
    await session.lock();

    const restoredDir = path.join(root, 'restored');
    await installBackup(opened, restoredDir);
    const restored = await unlockVault(restoredDir, PASSPHRASE, options);
    const { records, unreadable, integrity } = await restored.list();
    expect(byId(records)).toEqual(original);
    expect([unreadable, integrity]).toEqual([[], CLEAN]);
    expect(records.map((record) => record.kind).sort()).toEqual([
      'draft',
      'highlight',
      'note',
      'note',
      'reading-state',
      'trash',
    ]);
    expect(restored.singletonId('reading-state')).toBe(singleton);
    await restored.lock();

    const restoredSession = new VaultSession({ dir: restoredDir, kdf: FAST_KDF });
    await restoredSession.unlock(PASSPHRASE);
    expect(await whatIsShown(restoredSession)).toEqual(shown);
    expect(shown.notebook.trash).toHaveLength(1);
    expect(shown.notebook.drafts).toHaveLength(1);
    await restoredSession.lock();
  });

  it('opens with the recovery key', async () => {
    const { session, recoveryKey } = await livedInVault(path.join(root, 'original'));
    const original = byId((await session.current().list()).records);
    await writeBackup(session.current(), backupFile);
    await session.lock();
    const opened = await openBackup(backupFile, { recoveryKey });

    const restoredDir = path.join(root, 'restored');
    await installBackup(opened, restoredDir);
    const restored = await recoverVault(restoredDir, recoveryKey, 'a new passphrase', options);
    expect(byId((await restored.list()).records)).toEqual(original);
    await restored.lock();
    await (await unlockVault(restoredDir, 'a new passphrase', options)).lock();
  });

  it('after a change of passphrase and a re-key, opens with the keys of that moment', async () => {
    const { session } = await livedInVault(path.join(root, 'original'));
    const vault = session.current();
    await vault.changePassphrase(PASSPHRASE, 'a changed passphrase', FAST_KDF);
    const newRecoveryKey = await vault.rekey('a changed passphrase', 'the re-keyed one', FAST_KDF);
    const original = byId((await vault.list()).records);
    const singleton = vault.singletonId('reading-state');
    await writeBackup(vault, backupFile);
    await session.lock();
    const opened = await openBackup(backupFile, { passphrase: 'the re-keyed one' });

    const restoredDir = path.join(root, 'restored');
    await installBackup(opened, restoredDir);
    await expectRefused(unlockVault(restoredDir, PASSPHRASE, options), 'wrong-passphrase');
    await expectRefused(
      unlockVault(restoredDir, 'a changed passphrase', options),
      'wrong-passphrase',
    );
    const restored = await unlockVault(restoredDir, 'the re-keyed one', options);
    expect(restored.isRetiringKey).toBe(false);
    expect(byId((await restored.list()).records)).toEqual(original);
    expect(restored.singletonId('reading-state')).toBe(singleton);
    await restored.lock();
    await (await recoverVault(restoredDir, newRecoveryKey, 'after recovery', options)).lock();
  });

  it('keeps numbering writes after the ones it holds, so later saves are vouched for', async () => {
    const { vault } = await createVault(path.join(root, 'original'), PASSPHRASE, options);
    const kept = await vault.put('note', { text: 'kept' });
    const opened = await backedUp(vault);
    await vault.lock();
    const restoredDir = path.join(root, 'restored');
    await installBackup(opened, restoredDir);

    const restored = await unlockVault(restoredDir, PASSPHRASE, options);
    const later = await restored.put('note', { text: 'written after the restore' });
    await restored.put('note', { text: 'kept, then changed' }, kept.id, kept.created);
    await restored.lock();
    const reopened = await unlockVault(restoredDir, PASSPHRASE, options);
    const { records, integrity } = await reopened.list();
    expect(integrity).toEqual(CLEAN);
    expect(records.map((record) => record.id).sort()).toEqual([kept.id, later.id].sort());
    expect(reopened.isVouched(later.id)).toBe(true);
    await reopened.lock();
  });

  it('is a folder of the vault’s own files, readable by its owner only', async () => {
    const { vault } = await createVault(path.join(root, 'original'), PASSPHRASE, options);
    await vault.put('note', { text: 'one' });
    await vault.put('note', { text: 'two' });
    const opened = await backedUp(vault);
    await vault.lock();
    const restoredDir = path.join(root, 'restored');
    await installBackup(opened, restoredDir);

    const files = snapshotFiles(restoredDir);
    expect([...files.keys()].sort()).toEqual(
      [
        HEADER_FILE,
        MANIFEST_FILE,
        ...opened.parts.records.map(({ id }) => path.join(RECORDS_DIR, `${id}.rec`)),
      ].sort(),
    );
    expect(files.get(HEADER_FILE)).toEqual(opened.parts.header);
    expect(files.get(MANIFEST_FILE)).toEqual(opened.parts.manifest);
    expect(statSync(restoredDir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(restoredDir, RECORDS_DIR)).mode & 0o777).toBe(0o700);
    for (const name of files.keys()) {
      expect([name, statSync(path.join(restoredDir, name)).mode & 0o777]).toEqual([name, 0o600]);
    }
    // Nothing is left beside it from the building.
    expect(readdirSync(root).sort()).toEqual(['original', 'restored', 'saved.stillwater-backup']);
  });
});

describe('where a backup is installed', () => {
  async function oneBackup(): Promise<OpenedBackup> {
    const { vault } = await createVault(path.join(root, 'original'), PASSPHRASE, options);
    await vault.put('note', { text: 'from the backup' });
    const opened = await backedUp(vault);
    await vault.lock();
    return opened;
  }

  it('never over a vault that is there', async () => {
    const opened = await oneBackup();
    const { vault } = await createVault(path.join(root, 'existing'), 'another passphrase', options);
    await vault.lock();
    const before = snapshotFiles(path.join(root, 'existing'));
    await expectRefused(installBackup(opened, path.join(root, 'existing')), 'vault-exists');
    expect(snapshotFiles(path.join(root, 'existing'))).toEqual(before);
  });

  it('takes the place of an empty folder, and keeps what a half-made vault left, beside it', async () => {
    const opened = await oneBackup();
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    await installBackup(opened, empty);
    await (await unlockVault(empty, PASSPHRASE, options)).lock();

    const halfMade = path.join(root, 'half-made');
    mkdirSync(path.join(halfMade, RECORDS_DIR), { recursive: true });
    writeFileSync(path.join(halfMade, 'vault.lock'), 'left behind');
    await installBackup(opened, halfMade);
    await (await unlockVault(halfMade, PASSPHRASE, options)).lock();
    const aside = readdirSync(root).filter((name) => name.startsWith('half-made.before-restore-'));
    expect(aside).toHaveLength(1);
    expect(snapshotFiles(path.join(root, aside[0] ?? ''))).toEqual(
      new Map([['vault.lock', Buffer.from('left behind')]]),
    );
  });

  it('leaves no vault and nothing half built when building fails', async () => {
    const opened = await oneBackup();
    const [record] = opened.parts.records;
    if (!record) throw new Error('the backup holds a record');
    // The same file twice: the second cannot be created, part way through the building.
    const broken = { ...opened, parts: { ...opened.parts, records: [record, record] } };
    const target = path.join(root, 'restored');
    await expect(installBackup(broken, target)).rejects.toThrow();
    expect(await vaultExists(target)).toBe(false);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['original', 'saved.stillwater-backup']);
  });

  it('clears away what a crash left of an earlier install', async () => {
    const opened = await oneBackup();
    const leftover = path.join(root, '.restored.restoring-0123456789ab');
    mkdirSync(path.join(leftover, RECORDS_DIR), { recursive: true });
    await installBackup(opened, path.join(root, 'restored'));
    expect(existsSync(leftover)).toBe(false);
    await (await unlockVault(path.join(root, 'restored'), PASSPHRASE, options)).lock();
  });
});
