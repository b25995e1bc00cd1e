import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERIOUS, axeFindings } from '../support/axe';
import { useRendererHost } from '../support/e2e-host';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const PASSPHRASE = 'lantern orchard velvet quietly';
const session = useRendererHost('stillwater-e2e-vault-');
beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

const seriousAccessibilityIssues = (page: Page) => axeFindings(page, SERIOUS);

describe('the vault in Chromium', () => {
  it('sets up, shows the recovery key, locks, refuses a wrong passphrase, and unlocks back to the same place', async () => {
    const { page } = session.host();
    await session.host().visit();
    await expect(page.locator('h1').textContent()).resolves.toBe('Welcome to Stillwater');
    expect(await seriousAccessibilityIssues(page)).toEqual([]);

    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Type it again').fill(PASSPHRASE);
    await expect(page.getByText(/^Strength: /).textContent()).resolves.toMatch(/Strong|Good/);
    await page.getByRole('button', { name: 'Continue' }).click();

    const recoveryKey =
      (await page.getByRole('status', { name: 'Recovery key' }).textContent()) ?? '';
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'recovery-key.png') });
    await page.getByLabel('I have kept my recovery key somewhere safe').check();
    await page.getByRole('button', { name: 'Open Stillwater' }).click();
    await page.locator('main article h1').waitFor();

    // Something to come back to: the reader moves to step 2 of the seven, and main has
    // saved that place. (A record on disk proves less: leaving the introduction saves too.)
    const step2Saved = session
      .host()
      .handled<{ sectionId: string }>('reading:record-position', (at) => at.sectionId === 'step-2');
    await page.getByRole('button', { name: /Give Him the Benefit of the Doubt/ }).click();
    await step2Saved;

    const reloaded = session.host().reloadedByLock();
    await page.getByRole('button', { name: 'Lock' }).click();
    await reloaded;
    await page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor();
    await expect(page.locator('main article').count()).resolves.toBe(0);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('passphrase');
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'lock-screen.png') });

    await page.keyboard.type('not the passphrase');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'That passphrase did not open Stillwater. Please check it and try again.',
    );

    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.keyboard.press('Enter');
    // The quiet start page first, its way on focused: Enter goes back to the same place.
    await page.getByRole('button', { name: 'Continue reading' }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Continue reading');
    await page.keyboard.press('Enter');
    await page.locator('main article h1').waitFor();
    await expect(page.locator('main h1').first().textContent()).resolves.toBe(
      'Step 2: Give Him the Benefit of the Doubt',
    );
  });

  it('paints the lock screen, and the guide on a reload after unlocking, on one answer from main', async () => {
    const host = session.host();
    const { page } = host;
    await host.watchFirstScreen('#passphrase');
    await host.watchFirstScreen('main article h1');
    await host.services.vault.create(PASSPHRASE);
    await host.services.reading.record({ sectionId: 'step-4', position: 0, read: [] });
    await host.services.vault.lock();

    await host.visit();
    await expect(host.answeredWhenShown('#passphrase')).resolves.toEqual(['app:startup']);
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.keyboard.press('Enter');
    // The quiet start page first, as unlocking opens by default; then the guide.
    await page.getByRole('button', { name: 'Continue reading' }).click();
    await page.locator('main article h1').waitFor();

    await page.reload();
    await expect(host.answeredWhenShown('main article h1')).resolves.toEqual(['app:startup']);
    await expect(page.locator('main h1').first().textContent()).resolves.toMatch(/^Step 4: /);
  });

  it('resets a forgotten passphrase with the recovery key', async () => {
    const { page } = session.host();
    const recoveryKey = await session.host().services.vault.create('the one I will forget');
    await session.host().services.vault.lock();
    await session.host().visit();
    await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
    await page
      .getByLabel('Recovery key', { exact: true })
      .fill(recoveryKey.toLowerCase().replaceAll('-', ' '));
    await page.getByLabel('New passphrase').fill('a brand new passphrase');
    await page.getByLabel('Type it again').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Set the new passphrase' }).click();
    await page.getByRole('button', { name: 'Continue reading' }).click();
    await page.locator('main article h1').waitFor();
    const reloaded = session.host().reloadedByLock();
    await page.getByRole('button', { name: 'Lock' }).click();
    await reloaded;
    await page.getByLabel('Passphrase').fill('a brand new passphrase');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Continue reading' }).click();
    await page.locator('main article h1').waitFor();
    // The new passphrase opened it: the guide is back, and main's vault is open.
    expect(await session.host().services.vault.state()).toBe('unlocked');
  });

  it('keeps what it reads out of reach: nothing on disk says where the reader is', async () => {
    const { page } = session.host();
    await session.host().open();
    // Looks at the disk only once main has saved the new place, so there is something to see.
    const saved = session
      .host()
      .handled<{ sectionId: string }>(
        'reading:record-position',
        (at) => at.sectionId === 'reason-4',
      );
    await page.getByRole('button', { name: /His Role Models Are the Strong, Silent Type/ }).click();
    await saved;
    const everything = readdirSync(session.userData(), { recursive: true })
      .map((name) => path.join(session.userData(), String(name)))
      .filter((file) => {
        try {
          return readFileSync(file).length >= 0;
        } catch {
          return false;
        }
      })
      .map((file) => readFileSync(file).toString('latin1'))
      .join('\n');
    for (const clue of ['reason-4', 'lastSectionId', 'Role Models'])
      expect(everything).not.toContain(clue);
  });
});
