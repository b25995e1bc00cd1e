import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useRendererHost } from '../support/e2e-host';

vi.mock('electron', () => import('../support/fake-electron'));

// An auto-lock "minute" lasts 0.6 s here.
const session = useRendererHost('stillwater-e2e-privacy-', { autoLockSecondsPerMinute: 0.6 });

describe('privacy in Chromium', () => {
  it('locks by itself after the chosen idle time, and the guide and notes leave the page', async () => {
    const host = session.host();
    await host.open();
    const { page } = host;
    await page.getByRole('textbox', { name: 'Your notes on this section' }).fill('a private line');
    await page.getByRole('textbox', { name: 'Your notes on this section' }).blur();
    await page.getByText('Saved', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Display' }).click();
    await page.getByRole('button', { name: 'Privacy' }).click();
    await page.getByLabel('Lock Stillwater when the computer has not been used').selectOption('1');
    await page.getByText('Saved.').waitFor();

    // Nothing touches the page from here on.
    await page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor({ timeout: 10_000 });
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
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Stillwater is locked' }).waitFor();

    expect(host.requests.filter((url) => !url.startsWith(`${host.origin}/`))).toEqual([]);
    const folder = session.userData();
    const files = (readdirSync(folder, { recursive: true }) as string[])
      .map((name) => path.join(folder, name))
      .filter((file) => statSync(file).isFile());
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(canary)), file).toBe(false);
      expect(bytes.includes(Buffer.from(canary, 'utf16le')), file).toBe(false);
    }
  });
});
