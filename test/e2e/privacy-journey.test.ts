import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useRendererHost } from '../support/e2e-host';
import { openSettingsTab } from '../support/settings-page';
import { startRendererHost } from '../support/renderer-host';
import { tempDirs } from '../support/temp-dir';

const makeProfileDir = tempDirs('stillwater-e2e-profile-');
const session = useRendererHost('stillwater-e2e-privacy-');

/** Every file under `folder` holding `canary` in UTF-8 or UTF-16. */
function filesContaining(folder: string, canary: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[])
    .map((name) => path.join(folder, name))
    .filter((file) => {
      try {
        if (!statSync(file).isFile()) return false;
        const bytes = readFileSync(file);
        return (
          bytes.includes(Buffer.from(canary)) || bytes.includes(Buffer.from(canary, 'utf16le'))
        );
      } catch {
        return false;
      }
    });
}

describe('privacy in Chromium', () => {
  it('locks by itself after the chosen idle time, and the guide and notes leave the page', async () => {
    const host = session.host();
    await host.open();
    const { page } = host;
    await page.getByRole('textbox', { name: 'Your notes on this section' }).fill('a private line');
    await page.getByRole('textbox', { name: 'Your notes on this section' }).blur();
    await page.getByText('Saved', { exact: true }).waitFor();

    await openSettingsTab(page, 'Privacy');
    await page.getByLabel('Lock Stillwater when the computer has not been used').selectOption('1');
    await page.getByText('Saved.').waitFor();

    // Nothing touches the page from here on: a minute passes without input, as the system
    // reports it, and main locks and reloads the page by itself.
    const reloaded = host.reloadedByLock();
    host.setIdleSeconds(60);
    await reloaded;
    await page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor();
    const html = await page.content();
    expect(html).not.toContain('a private line');
    expect(html).not.toContain('Your notes on this section');
    await expect(page.locator('main article').count()).resolves.toBe(0);
  });

  it('hides and locks from the Hide button', async () => {
    const host = session.host();
    await host.open();
    await host.page.getByRole('button', { name: 'Hide' }).click();
    await host.page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor();
    await expect(host.services.vault.state()).resolves.toBe('locked');
  });

  it('makes no outbound request across a whole journey, and leaves no plaintext in its folder', async () => {
    const host = session.host();
    await host.open();
    const { page } = host;
    const canary = `canary-${Date.now()}-quiet`;
    await page.getByRole('textbox', { name: 'Your notes on this section' }).fill(canary);
    await page.getByRole('button', { name: 'Journal' }).click();
    await page.getByLabel('What happened, what you felt').fill(`${canary} in the journal`);
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByText('Your entry is saved.').waitFor();
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox').fill('canary');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Notebook' }).click();
    // The lock screen main reloads after locking is part of the journey too.
    const reloaded = host.reloadedByLock();
    await page.getByRole('button', { name: 'Lock' }).click();
    await reloaded;
    await page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor();

    expect(host.requests.filter((url) => !url.startsWith(`${host.origin}/`))).toEqual([]);
    // The journey's fonts are among what it fetched, so they too came from the app itself.
    expect(host.requests.some((url) => url.endsWith('.woff2'))).toBe(true);
    expect(readdirSync(session.userData(), { recursive: true }).length).toBeGreaterThan(2);
    expect(filesContaining(session.userData(), canary)).toEqual([]);
  });

  it('leaves no plaintext in the browser profile folder either', async () => {
    const profileDir = makeProfileDir();
    const userData = makeProfileDir();
    const canary = `profile-canary-${Date.now()}`;
    const host = await startRendererHost({ browser: session.browser(), userData, profileDir });
    try {
      await host.open();
      const notes = host.page.getByRole('textbox', { name: 'Your notes on this section' });
      await notes.fill(canary);
      await notes.blur();
      await host.page.getByText('Saved', { exact: true }).waitFor();
      await host.page.getByRole('button', { name: 'Lock' }).click();
      await host.page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor();
    } finally {
      await host.close();
    }
    expect(readdirSync(profileDir).length).toBeGreaterThan(0);
    expect(filesContaining(profileDir, canary)).toEqual([]);
    expect(filesContaining(userData, canary)).toEqual([]);
  });
});
