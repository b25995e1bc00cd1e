import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { startTestMainApp, type TestMainApp } from '../../../test/support/test-main-app';
import { isAppError } from '../app-error';
import { SAFETY_COPIES_FOLDER } from '../services';

/**
 * A restore onto a disk with too little room: refused before anything is written, so a merge
 * never stops half-way for want of space. The small disk is a tmpfs, which only root may
 * mount; elsewhere this says so and skips.
 */
const makeDir = tempDirs('stillwater-room-');
const mounted: string[] = [];
const opened: TestMainApp[] = [];

afterEach(async () => {
  for (const main of opened.splice(0)) await main.services.vault.lock();
  for (const dir of mounted.splice(0)) {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function smallDisk(size: string): string | null {
  const dir = makeDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  mounted.push(dir);
  return dir;
}

const canMount = (() => {
  const probe = smallDisk('64k');
  return probe !== null;
})();
if (!canMount) {
  process.stderr.write(
    '\nSKIPPED: a restore on a full disk, because mounting a tmpfs needs root\n\n',
  );
}

describe.skipIf(!canMount)('a restore with no room for it', () => {
  it('is refused before the safety copy or any record is written', async () => {
    const roomy = startTestMainApp(makeDir(), captureLogger());
    opened.push(roomy);
    await roomy.services.vault.create('the passphrase of the first computer');
    for (let day = 1; day <= 28; day += 1) {
      await roomy.services.notebook.saveJournalEntry({
        date: `2026-02-${String(day).padStart(2, '0')}`,
        text: `Day ${day}.`,
        mood: null,
        tags: [],
        sectionId: null,
      });
    }
    const file = path.join(makeDir(), 'big.stillwater-backup');
    roomy.dialogs.answerNext(file);
    await roomy.services.backup.backUpNow();

    const disk = smallDisk('2m');
    if (!disk) throw new Error('the tmpfs mounted once but not twice');
    const userData = path.join(disk, 'Stillwater');
    mkdirSync(userData);
    const small = startTestMainApp(userData, captureLogger());
    opened.push(small);
    await small.services.vault.create('the second computer’s passphrase');
    small.dialogs.answerNext(file);
    await small.services.backup.chooseRestoreFile();
    const preview = await small.services.backup.openRestore({
      passphrase: 'the passphrase of the first computer',
    });
    expect(preview.summary?.added.journalEntries).toBe(28);
    await expect(small.services.backup.confirmRestore({})).rejects.toSatisfy((error) =>
      isAppError(error, 'disk-full'),
    );
    expect(existsSync(path.join(userData, SAFETY_COPIES_FOLDER))).toBe(false);
    expect((await small.services.notebook.notebook()).items).toEqual([]);
  });
});
