import { z } from 'zod';
import { SectionIdSchema, type SectionId } from '../../shared/guide/model';
import { SectionReadingSchema } from '../../shared/reading/schemas';
import type { ReadingState } from '../../shared/reading/model';
import { versionOneBody } from '../vault/record-body';

/**
 * The reading position as it is sealed in the vault: a disk format, versioned (see
 * record-body), kept apart from the IPC shape. Section ids are kept as plain strings on
 * disk: a section a later guide no longer has is dropped on reading, rather than making the
 * whole record unreadable and the position impossible to save again.
 */
const ReadingStateBodySchema = versionOneBody({
  lastSectionId: z.string().nullable(),
  sections: z.record(z.string(), SectionReadingSchema),
});

const isSectionId = (id: string | null): id is SectionId => SectionIdSchema.safeParse(id).success;

/** The state a record holds, or null when its body is damaged or from a newer Stillwater. */
export function readReadingState(body: unknown): ReadingState | null {
  const parsed = ReadingStateBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const { lastSectionId, sections } = parsed.data;
  return {
    lastSectionId: isSectionId(lastSectionId) ? lastSectionId : null,
    sections: Object.fromEntries(
      Object.entries(sections).filter(([sectionId]) => isSectionId(sectionId)),
    ),
  };
}

export function readingStateBody(state: ReadingState): z.output<typeof ReadingStateBodySchema> {
  return { v: 1, lastSectionId: state.lastSectionId, sections: state.sections };
}
