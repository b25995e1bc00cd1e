import { screen, within } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';
import { formatDate } from '../../src/renderer/src/lib/dates';

/**
 * Chooses `day` ("2026-03-01") in a date field, as a person with a mouse would: opens its
 * calendar, picks the year and the month from their lists, and clicks the day, which the
 * calendar names as Stillwater writes dates.
 */
export async function chooseDate(user: UserEvent, field: HTMLElement, day: string): Promise<void> {
  await user.click(field);
  const calendar = await screen.findByRole('dialog', { name: /: choose a day$/ });
  const [year, month] = day.split('-').map(Number);
  await user.selectOptions(within(calendar).getByLabelText('Year'), String(year));
  await user.selectOptions(within(calendar).getByLabelText('Month'), String(month));
  await user.click(within(calendar).getByRole('button', { name: formatDate(day) }));
}
