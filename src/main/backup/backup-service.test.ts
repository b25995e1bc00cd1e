import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { startTestMainApp, type TestMainApp } from '../../../test/support/test-main-app';
import { isAppError } from '../app-error';
import { SAFETY_COPIES_FOLDER, VAULT_FOLDER } from '../services';
import { RECORDS_DIR } from '../vault/format';
import { previewBackup, type BackupKey } from './backup-reader';

const makeDir = tempDirs('stillwater-backup-service-');
const PASSPHRASE = 'the passphrase of the first computer';
const opened: TestMainApp[] = [];

afterEach(async () => {
  for (const main of opened.splice(0)) await main.services.vault.lock();
});

function startMain(): TestMainApp & { userData: string } {
  const userData = makeDir();
  const main = startTestMainApp(userData, captureLogger());
  opened.push(main);
  return Object.assign(main, { userData });
}

/** A computer with a notebook: a note, a highlight, a journal entry and step work. */
async function computerWithNotebook(passphrase = PASSPHRASE) {
  const main = startMain();
  const recoveryKey = await main.services.vault.create(passphrase);
  const { notebook } = main.services;
  await notebook.saveNote({ sectionId: 'step-1', text: 'What I want to tell him, calmly.' });
  await notebook.saveJournalEntry({
    date: '2026-11-20',
    text: 'A quiet day. I did not write to him.',
    mood: 3,
    tags: ['quiet'],
    sectionId: null,
  });
  await notebook.saveHighlight({
    sectionId: 'step-2',
    anchor: {
      quote: 'space',
      prefix: 'give him ',
      suffix: '.',
      start: 10,
      end: 15,
      guideVersion: 1,
    },
    colour: 'green',
    note: 'Space, not silence.',
  });
  await notebook.saveStepWork({
    entry: { type: 'step', step: 4, status: 'trying', answers: { instead: 'Not writing first.' } },
  });
  return { main, recoveryKey };
}

async function backUp(main: TestMainApp, dir = makeDir()): Promise<string> {
  const target = path.join(dir, 'notebook.stillwater-backup');
  main.dialogs.answerNext(target);
  const saved = await main.services.backup.backUpNow();
  expect(saved).toMatchObject({ outcome: 'saved', name: 'notebook.stillwater-backup' });
  return target;
}

/** Chooses `file` in the restore dialog and opens it with the first computer's passphrase. */
async function openToRestore(
  main: TestMainApp,
  file: string,
  key: BackupKey = { passphrase: PASSPHRASE },
) {
  main.dialogs.answerNext(file);
  await main.services.backup.chooseRestoreFile();
  return main.services.backup.openRestore(key);
}

const itemsOf = async (main: TestMainApp) =>
  (await main.services.notebook.notebook()).items.sort((a, b) => a.id.localeCompare(b.id));

describe('backing up and restoring, through main', () => {
  it('asks where, writes nothing when the person cancels, and tells how far it has come', async () => {
    const { main } = await computerWithNotebook();
    main.dialogs.answerNext(null);
    await expect(main.services.backup.backUpNow()).resolves.toEqual({ outcome: 'cancelled' });
    const target = await backUp(main);
    expect(main.dialogs.opened).toEqual(['save:backup', 'save:backup']);
    expect(existsSync(target)).toBe(true);
    const told = main.page.progressTold.filter((progress) => progress.task === 'backup');
    expect(told.at(-1)).toMatchObject({ done: told.at(-1)?.total });
  });

  it('restores a backup on a computer with no notebook yet, as the same notebook', async () => {
    const { main: first } = await computerWithNotebook();
    const file = await backUp(first);
    const second = startMain();
    second.dialogs.answerNext(file);
    const choice = await second.services.backup.chooseRestoreFile();
    expect(choice).toMatchObject({ outcome: 'chosen', name: 'notebook.stillwater-backup' });
    const preview = await second.services.backup.openRestore({ passphrase: PASSPHRASE });
    expect(preview).toMatchObject({ mode: 'new-vault', needsNewPassphrase: false, summary: null });
    await expect(second.services.backup.confirmRestore({})).resolves.toMatchObject({
      mode: 'new-vault',
    });
    expect(await second.services.vault.state()).toBe('unlocked');
    expect(await itemsOf(second)).toEqual(await itemsOf(first));
  });

  it('opens it with the recovery key too, once a new passphrase is chosen', async () => {
    const { main: first, recoveryKey } = await computerWithNotebook();
    const file = await backUp(first);
    const second = startMain();
    second.dialogs.answerNext(file);
    await second.services.backup.chooseRestoreFile();
    const preview = await second.services.backup.openRestore({ recoveryKey });
    expect(preview).toMatchObject({ mode: 'new-vault', needsNewPassphrase: true });
    await expect(second.services.backup.confirmRestore({})).rejects.toSatisfy((error) =>
      isAppError(error),
    );
    expect(await second.services.vault.state()).toBe('none');
    await second.services.backup.confirmRestore({ newPassphrase: 'a new passphrase here' });
    expect(await itemsOf(second)).toEqual(await itemsOf(first));
    await second.services.vault.lock();
    await second.services.vault.unlock('a new passphrase here');
    expect(await second.services.vault.state()).toBe('unlocked');
  });

  it('merges into a notebook of its own, after backing that notebook up first', async () => {
    const { main: first } = await computerWithNotebook();
    const file = await backUp(first);
    const second = startMain();
    await second.services.vault.create('the second computer’s passphrase');
    const own = await second.services.notebook.saveJournalEntry({
      date: '2026-11-25',
      text: 'Written on the second computer.',
      mood: null,
      tags: [],
      sectionId: null,
    });
    const preview = await openToRestore(second, file);
    expect(preview.mode).toBe('merge');
    expect(preview.summary?.added).toMatchObject({
      notes: 1,
      highlights: 1,
      journalEntries: 1,
      stepWork: 1,
    });
    // Nothing has changed before the person says yes.
    expect((await itemsOf(second)).map((item) => item.id)).toEqual([own.id]);
    const done = await second.services.backup.confirmRestore({});
    expect(done.safetyCopyMadeAt).not.toBeNull();
    const safety = readdirSync(path.join(second.userData, SAFETY_COPIES_FOLDER));
    expect(safety).toEqual([
      expect.stringMatching(/^Before restoring \d{4}-\d\d-\d\d \d\d-\d\d-\d\d\.stillwater-backup$/),
    ]);
    const copy = path.join(second.userData, SAFETY_COPIES_FOLDER, safety[0] ?? '');
    expect(await previewBackup(copy)).toMatchObject({ records: 1 });
    const items = await itemsOf(second);
    expect(items.map((item) => item.id).sort()).toEqual(
      [own.id, ...(await itemsOf(first)).map((item) => item.id)].sort(),
    );
    // The same backup again changes nothing.
    const again = await openToRestore(second, file);
    expect(again.summary?.added).toEqual({
      notes: 0,
      highlights: 0,
      journalEntries: 0,
      stepWork: 0,
      inTrash: 0,
      earlierVersions: 0,
    });
  });

  it('refuses a wrong passphrase and a changed backup, and changes nothing', async () => {
    const { main: first } = await computerWithNotebook();
    const file = await backUp(first);
    const second = startMain();
    second.dialogs.answerNext(file);
    await second.services.backup.chooseRestoreFile();
    await expect(
      second.services.backup.openRestore({ passphrase: 'not the passphrase' }),
    ).rejects.toSatisfy((error) => isAppError(error, 'wrong-passphrase'));
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 1;
    const changed = path.join(makeDir(), 'changed.stillwater-backup');
    writeFileSync(changed, bytes);
    second.dialogs.answerNext(changed);
    await second.services.backup.chooseRestoreFile();
    await expect(second.services.backup.openRestore({ passphrase: PASSPHRASE })).rejects.toSatisfy(
      (error) => isAppError(error, 'backup-damaged'),
    );
    await expect(second.services.backup.confirmRestore({})).rejects.toSatisfy((error) =>
      isAppError(error, 'not-found'),
    );
    expect(await second.services.vault.state()).toBe('none');
  });

  it('forgets an opened backup when the vault locks, before it is restored', async () => {
    const { main: first } = await computerWithNotebook();
    const file = await backUp(first);
    const second = startMain();
    await second.services.vault.create('the second computer’s passphrase');
    await openToRestore(second, file);
    await second.services.vault.lock();
    await second.services.vault.unlock('the second computer’s passphrase');
    await expect(second.services.backup.confirmRestore({})).rejects.toSatisfy((error) =>
      isAppError(error, 'not-found'),
    );
    expect(await itemsOf(second)).toEqual([]);
  });

  it('weighs what was saved after the preview, when the person says Restore', async () => {
    const { main: first } = await computerWithNotebook();
    const firstNote = (await itemsOf(first)).find((item) => item.kind === 'note');
    const file = await backUp(first);
    const second = startMain();
    await openToRestore(second, file);
    await second.services.backup.confirmRestore({});
    // Both computers now share the note; the first changes it and backs up again.
    await first.services.notebook.saveNote({ sectionId: 'step-1', text: 'Newer, on the first.' });
    const newer = await backUp(first);
    const preview = await openToRestore(second, newer);
    expect(preview.summary?.updated.notes).toBe(1);
    // After the preview, the person writes on the second computer: that is the newest now.
    await second.services.notebook.saveNote({ sectionId: 'step-1', text: 'Newest, written here.' });
    const done = await second.services.backup.confirmRestore({});
    expect(done.summary?.updated.notes).toBe(0);
    const note = (await itemsOf(second)).find((item) => item.id === firstNote?.id);
    expect(note).toMatchObject({ text: 'Newest, written here.' });
  });

  it('deletes its own safety copies once the passphrase changes, or a new key is made', async () => {
    const { main: first } = await computerWithNotebook();
    const file = await backUp(first);
    const second = startMain();
    const passphrase = 'the second computer’s passphrase';
    await second.services.vault.create(passphrase);
    const restoreAndCount = async () => {
      await openToRestore(second, file);
      await second.services.backup.confirmRestore({});
      return readdirSync(path.join(second.userData, SAFETY_COPIES_FOLDER)).length;
    };
    const safetyCopies = () => readdirSync(path.join(second.userData, SAFETY_COPIES_FOLDER));
    expect(await restoreAndCount()).toBe(1);
    await second.services.vault.changePassphrase(passphrase, 'a changed passphrase');
    expect(safetyCopies()).toEqual([]);
    expect(await restoreAndCount()).toBe(1);
    await second.services.vault.prepareRekey('a changed passphrase', 'a passphrase after a re-key');
    // Nothing changes until the new key is confirmed.
    expect(safetyCopies()).toHaveLength(1);
    await second.services.vault.confirmRekey();
    expect(safetyCopies()).toEqual([]);
    // Two restores in one second keep two copies: one never replaces another.
    await restoreAndCount();
    expect(await restoreAndCount()).toBe(2);
    await second.services.vault.changePassphrase('a passphrase after a re-key', 'a fourth one');
    expect(safetyCopies()).toEqual([]);
    // Another person's file in that folder is never touched.
    writeFileSync(path.join(second.userData, SAFETY_COPIES_FOLDER, 'mine.txt'), 'mine');
    await restoreAndCount();
    await second.services.vault.changePassphrase('a fourth one', 'yet another one');
    expect(safetyCopies()).toEqual(['mine.txt']);
  });

  it('never writes over a record that went unreadable after the preview', async () => {
    const { main: first } = await computerWithNotebook();
    const file = await backUp(first);
    const second = startMain();
    await openToRestore(second, file);
    await second.services.backup.confirmRestore({});
    const note = (await itemsOf(first)).find((item) => item.kind === 'note');
    await first.services.notebook.saveNote({ sectionId: 'step-1', text: 'Newer, on the first.' });
    const newer = await backUp(first);
    await openToRestore(second, newer);
    // Damaged on disk between the preview and Restore.
    const recordFile = path.join(second.userData, VAULT_FOLDER, RECORDS_DIR, `${note?.id}.rec`);
    const damaged = readFileSync(recordFile);
    damaged[60] = (damaged[60] ?? 0) ^ 0xff;
    writeFileSync(recordFile, damaged);
    const done = await second.services.backup.confirmRestore({});
    expect(done.summary?.updated.notes).toBe(0);
    expect(done.summary?.skipped).toBe(1);
    expect(readFileSync(recordFile)).toEqual(damaged);
  });

  it('makes one backup at a time, whoever asks', async () => {
    const { main } = await computerWithNotebook();
    const dir = makeDir();
    const both = await Promise.all([
      main.services.backup.backUpTo(path.join(dir, 'one.stillwater-backup')),
      main.services.backup.backUpTo(path.join(dir, 'two.stillwater-backup')),
    ]);
    expect(both.map((written) => written.records)).toEqual([both[0]?.records, both[0]?.records]);
    // The second's reports begin only once the first's have reached the end.
    const told = main.page.progressTold.filter((progress) => progress.task === 'backup');
    const firstEnd = told.findIndex((progress) => progress.done === progress.total);
    expect(
      told
        .slice(0, firstEnd + 1)
        .every((p, i, all) => i === 0 || p.done >= (all[i - 1]?.done ?? 0)),
    ).toBe(true);
    expect(told[firstEnd + 1]?.done ?? 1).toBeLessThan(told[firstEnd]?.done ?? 0);
  });
});
