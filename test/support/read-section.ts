import type { SectionId } from '../../src/shared/guide/ids';
import type { PositionReport } from '../../src/shared/reading/schemas';
import type { RendererHost } from './renderer-host';

/** The open section's blocks that count towards its progress, in their order. */
export const readingBlocks = (host: RendererHost) =>
  host.page.locator('main article [data-reading-block]');

/** Resolves once main has been told that `block` of `sectionId` has been read. */
export function blockSaved(host: RendererHost, sectionId: SectionId, block: number): Promise<void> {
  return host.handled<PositionReport>(
    'reading:record-position',
    (report) => report.sectionId === sectionId && report.read.includes(block),
  );
}

/**
 * Reads the open section to its end as a person would: each block in turn is brought to the
 * middle of the window and left there until main has it as read. Calls `afterEach` with
 * each block once it is counted.
 */
export async function readThrough(
  host: RendererHost,
  sectionId: SectionId,
  afterEach: (block: number) => Promise<void> = async () => {},
): Promise<void> {
  const blocks = readingBlocks(host);
  const count = await blocks.count();
  for (let block = 0; block < count; block++) {
    await blocks.nth(block).evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await blockSaved(host, sectionId, block);
    await afterEach(block);
  }
}
