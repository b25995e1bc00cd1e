import { z } from 'zod';
import { SectionIdSchema } from '../guide/model';

const fraction = z.number().min(0).max(1);

/** How far the reader got in one section, as fractions from 0 to 1. */
export const SectionReadingSchema = z.object({
  /** Where the reader last stood: 0 at the top of the section, 1 at its end. */
  position: fraction,
  /** The furthest part of the section that has been on screen. It never goes down. */
  progress: fraction,
});
export type SectionReading = z.infer<typeof SectionReadingSchema>;

export const ReadingStateSchema = z.object({
  lastSectionId: SectionIdSchema.nullable(),
  sections: z.partialRecord(SectionIdSchema, SectionReadingSchema),
  /** The saved place could not be read: the guide starts over, and the page says so. */
  unreadable: z.literal(true).optional(),
});
export type ReadingState = z.infer<typeof ReadingStateSchema>;

/** What the page reports as the reader scrolls. */
export const PositionReportSchema = z
  .object({
    sectionId: SectionIdSchema,
    /** Where the reader stands now, 0 at the top of the section and 1 at its end. */
    position: fraction,
    /** How much of the section has been on screen so far. */
    seen: fraction,
  })
  .strict();
export type PositionReport = z.infer<typeof PositionReportSchema>;
