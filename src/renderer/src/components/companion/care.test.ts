import { screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openReader, openSettingsTab } from '../../../../../test/support/open-reader';

const LINK = 'If you feel unsafe or in crisis';
const main = () => within(screen.getByRole('main'));

describe('the care page', () => {
  it('opens from the Steps page with focus on its heading, and Go back returns to the link', async () => {
    const { user } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Steps' }));
    const link = await main().findByRole('button', { name: LINK });
    link.focus();
    // By keyboard, as from anywhere else in the app.
    await user.keyboard('{Enter}');
    expect(await main().findByRole('heading', { level: 1, name: LINK })).toHaveFocus();

    await user.click(main().getByRole('button', { name: 'Go back' }));
    expect(await main().findByRole('heading', { level: 1, name: 'Steps' })).toBeInTheDocument();
    expect(main().getByRole('button', { name: LINK })).toHaveFocus();
  });

  it('opens from Settings › About too, and goes back there', async () => {
    const { user } = await openReader();
    await openSettingsTab(user, 'About');
    await user.click(await screen.findByRole('button', { name: LINK }));
    await main().findByRole('heading', { level: 1, name: LINK });
    await user.click(main().getByRole('button', { name: 'Go back' }));
    expect(await screen.findByRole('button', { name: LINK })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'About' })).toHaveAttribute('aria-selected', 'true');
  });

  it('says what to do now in plain words, with no link to follow and no number to guess', async () => {
    const { user } = await openReader();
    await user.click(screen.getByRole('button', { name: 'Steps' }));
    await user.click(await main().findByRole('button', { name: LINK }));
    const page = (await main().findByRole('heading', { level: 1, name: LINK })).closest('section');
    if (!page) throw new Error('the care page is not a section');
    const text = page.textContent;
    for (const step of [
      /safe place/,
      /local emergency services/,
      /someone you trust/,
      /doctor/,
      /local support service/,
    ]) {
      expect(text).toMatch(step);
    }
    expect(page.querySelectorAll('a[href], a, [href]')).toHaveLength(0);
    expect(text).not.toMatch(/\d/);
  });
});
