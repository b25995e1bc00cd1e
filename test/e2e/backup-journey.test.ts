import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { axeFindings } from '../support/axe';
import { useRendererHost } from '../support/e2e-host';
import { E2E_PASSPHRASE, startRendererHost } from '../support/renderer-host';
import { tempDirs } from '../support/temp-dir';

/**
 * A backup made in the app and restored on a second computer, through the built page, its
 * preload and the real main of each: the whole way a person takes, dialogs answered as the
 * test says. The second computer's notebook ends up as the first's, and the backup file
 * holds none of the words in the clear.
 */
const session = useRendererHost('stillwater-e2e-backup-');
const elsewhere = tempDirs('stillwater-e2e-usb-');
const makeUserData = tempDirs('stillwater-e2e-second-');

const NOTE = 'A note only the passphrase should ever open.';

describe('a backup, from one computer to another', () => {
  it('is made from Settings, sealed, and becomes the notebook on a new computer', async () => {
    const first = session.host();
    await first.services.vault.create(E2E_PASSPHRASE);
    const note = await first.services.notebook.saveNote({ sectionId: 'step-4', text: NOTE });
    await first.open();
    await first.page.getByRole('button', { name: 'Settings' }).click();
    await first.page.getByRole('tab', { name: 'Backup' }).click();
    const file = path.join(elsewhere(), 'usb.stillwater-backup');
    first.dialogs.answerNext(file);
    await first.page.getByRole('button', { name: 'Back up now…' }).click();
    await first.page
      .getByRole('status')
      .filter({ hasText: 'Saved usb.stillwater-backup' })
      .waitFor();
    await expect(axeFindings(first.page)).resolves.toEqual([]);
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from(NOTE))).toBe(false);
    expect(bytes.includes(Buffer.from(NOTE, 'utf16le'))).toBe(false);

    const second = await startRendererHost({
      browser: session.browser(),
      userData: makeUserData(),
    });
    try {
      await second.visit();
      await second.page
        .getByRole('button', { name: 'I have a backup from another computer' })
        .click();
      second.dialogs.answerNext(file);
      await second.page.getByRole('button', { name: 'Choose a backup…' }).click();
      await second.page.getByLabel('Passphrase of the backup').fill(E2E_PASSPHRASE);
      await second.page.getByRole('button', { name: 'Open backup' }).click();
      await second.page.getByRole('heading', { name: 'What restoring does' }).waitFor();
      await expect(axeFindings(second.page)).resolves.toEqual([]);
      await second.page.getByRole('button', { name: 'Restore' }).click();
      await second.page.getByText('Your notebook is here: 1 note.').waitFor();
      await expect(axeFindings(second.page)).resolves.toEqual([]);
      await second.page.getByRole('button', { name: 'Open Stillwater' }).click();
      await second.page.getByText('Welcome back.').waitFor();
      const items = (await second.services.notebook.notebook()).items;
      expect(items).toEqual((await first.services.notebook.notebook()).items);
      expect(items.map((item) => item.id)).toEqual([note.id]);
    } finally {
      await second.close();
    }
  });
});
