import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openReader, openSettingsTab } from '../../../../test/support/open-reader';
import { openRealMain } from '../../../../test/support/real-api';
import { SHORTCUTS, type ShortcutName } from '../../../shared/shortcuts';
import { describeAccelerator } from '../lib/keyboard';

describe('about this guide', () => {
  it('lists every shortcut Stillwater has, with the quick hide shortcut the person chose', async () => {
    const main = await openRealMain();
    await main.api.updatePrivacySettings({ panicShortcut: 'CommandOrControl+Alt+J' });
    const { user } = await openReader(main);
    await openSettingsTab(user, 'About');
    const about = within(screen.getByRole('region', { name: 'About this guide' }));
    const keysFor = (name: ShortcutName) =>
      about.getByText(SHORTCUTS[name].does).previousElementSibling?.textContent?.trim();

    await waitFor(() => expect(keysFor('quickHide')).toBe('Ctrl+Alt+J'));
    for (const name of Object.keys(SHORTCUTS) as ShortcutName[]) {
      if (name === 'quickHide') continue;
      expect(keysFor(name)).toBe(describeAccelerator(SHORTCUTS[name].keys));
    }
    expect(keysFor('lock')).toBe('Ctrl+L');
    expect(keysFor('nextSection')).toBe('→');
  });
});
