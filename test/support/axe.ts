import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The impacts that make a finding block a screen from being used. */
export const SERIOUS = ['serious', 'critical'] as const;

/**
 * What axe finds on the page as it stands now, as "rule: where" lines: every finding, or only
 * those of the given impacts.
 */
export async function axeFindings(page: Page, impacts?: readonly string[]): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => !impacts || impacts.includes(violation.impact ?? ''))
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}
