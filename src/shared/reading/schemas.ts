import { z } from 'zod';
import { SectionIdSchema } from '../guide/model';
import { MAX_READING_BLOCKS } from './model';

const fraction = z.number().min(0).max(1);

/**
 * Blocks of a section, by their place in it (its headings, paragraphs and lists in the order
 * they are shown), that have been read: each was on screen long enough to be read.
 */
const ReadBlocksSchema = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(MAX_READING_BLOCKS - 1),
  )
  .max(MAX_READING_BLOCKS);

/** How far the reader got in one section. */
export const SectionReadingSchema = z.object({
  /** Where the reader last stood: 0 at the top of the section, 1 at its end. */
  position: fraction,
  /** The blocks read so far, in ascending order. A block once read stays read. */
  read: ReadBlocksSchema,
});
export type SectionReading = z.infer<typeof SectionReadingSchema>;

export const ReadingStateSchema = z.object({
  lastSectionId: SectionIdSchema.nullable(),
  sections: z.partialRecord(SectionIdSchema, SectionReadingSchema),
  /** The saved place could not be read: the guide starts over, and the page says so. */
  unreadable: z.literal(true).optional(),
});
export type ReadingState = z.infer<typeof ReadingStateSchema>;

/** What the page reports as the reader scrolls and reads. */
export const PositionReportSchema = z
  .object({
    sectionId: SectionIdSchema,
    /** Where the reader stands now, 0 at the top of the section and 1 at its end. */
    position: fraction,
    /** The section's blocks read so far; main adds them to those it already had. */
    read: ReadBlocksSchema,
  })
  .strict();
export type PositionReport = z.infer<typeof PositionReportSchema>;
