import type { Page } from 'playwright-core';

export type SettingsTabName = 'Display' | 'Privacy' | 'Passphrase' | 'Backup' | 'About';

/**
 * Goes to Settings from the top bar, and on to one of its tabs, with the keyboard as a person
 * would; resolves once the tab's panel is on show.
 */
export async function openSettingsTab(page: Page, tab: SettingsTabName): Promise<void> {
  const settings = page.getByRole('button', { name: 'Settings', exact: true });
  await settings.focus();
  await settings.press('Enter');
  const trigger = page.getByRole('tab', { name: tab, exact: true });
  await trigger.focus();
  await trigger.press('Enter');
  await page.locator('[role="tabpanel"][data-state="active"]').waitFor();
  await expectTabSelected(page, tab);
}

async function expectTabSelected(page: Page, tab: SettingsTabName): Promise<void> {
  await page
    .getByRole('tab', { name: tab, exact: true, selected: true })
    .waitFor({ state: 'attached' });
}
