import { z } from 'zod';
import { SectionIdSchema, type SectionId } from '../../shared/guide/model';
import {
  MAX_READING_BLOCKS,
  READ_THRESHOLD,
  type ReadingState,
  type SectionReading,
} from '../../shared/reading/model';
import { versionOneBody } from '../vault/record-body';

/*
 * The reading position as it is sealed in the vault: a disk format, versioned (see
 * record-body), kept apart from the IPC shape. Section ids are kept as plain strings on
 * disk: a section a later guide no longer has is dropped on reading, rather than making the
 * whole record unreadable and the position impossible to save again.
 */

const fraction = z.number().min(0).max(1);

/**
 * Version 1 kept, per section, how far down the page had ever been on screen. That counted
 * a section two-thirds read as soon as it opened, so version 2 replaced it.
 */
const VersionOneSchema = versionOneBody({
  lastSectionId: z.string().nullable(),
  sections: z.record(z.string(), z.object({ position: fraction, progress: fraction })),
});

/** Every block of a section read, as a bitmap. */
const BITMAP_ALL = 2 ** MAX_READING_BLOCKS - 1;

/**
 * Version 2 keeps the blocks read, as one number per section whose bit n is block n. A
 * number rather than a list keeps the record's size nearly the same however much is read,
 * so its size class (see padding) does not tell how far someone got.
 */
const VersionTwoSchema = z.object({
  v: z.literal(2),
  lastSectionId: z.string().nullable(),
  sections: z.record(
    z.string(),
    z.object({ position: fraction, read: z.number().int().min(0).max(BITMAP_ALL) }),
  ),
});

const isSectionId = (id: string | null): id is SectionId => SectionIdSchema.safeParse(id).success;

function toBitmap(blocks: readonly number[]): number {
  // `>>> 0` keeps bit 31 from turning the number negative.
  return blocks.reduce((bits, block) => (bits | (1 << block)) >>> 0, 0);
}

function fromBitmap(bits: number): number[] {
  return Array.from({ length: MAX_READING_BLOCKS }, (_, block) => block).filter(
    (block) => ((bits >>> block) & 1) === 1,
  );
}

/**
 * What a version 1 section becomes. Its figure cannot say which blocks were read, and it
 * counted the first screen as read on opening; so a section it called read stays read
 * (every block), and one it called partly read starts again from none.
 */
function fromVersionOne({ position, progress }: { position: number; progress: number }) {
  return { position, read: progress >= READ_THRESHOLD ? BITMAP_ALL : 0 };
}

function toState(
  lastSectionId: string | null,
  sections: Record<string, { position: number; read: number }>,
): ReadingState {
  const known: [SectionId, SectionReading][] = [];
  for (const [sectionId, { position, read }] of Object.entries(sections)) {
    if (isSectionId(sectionId)) known.push([sectionId, { position, read: fromBitmap(read) }]);
  }
  return {
    lastSectionId: isSectionId(lastSectionId) ? lastSectionId : null,
    sections: Object.fromEntries(known),
  };
}

/** The state a record holds, or null when its body is damaged or from a newer Stillwater. */
export function readReadingState(body: unknown): ReadingState | null {
  const current = VersionTwoSchema.safeParse(body);
  if (current.success) return toState(current.data.lastSectionId, current.data.sections);
  const old = VersionOneSchema.safeParse(body);
  if (!old.success) return null;
  const sections = Object.fromEntries(
    Object.entries(old.data.sections).map(([id, section]) => [id, fromVersionOne(section)]),
  );
  return toState(old.data.lastSectionId, sections);
}

/**
 * Positions are kept to a ten-thousandth of a section, finer than a line of it. Left as
 * they come, each could take seventeen digits, and a record of every section read would
 * outgrow its size class and tell that someone had read the whole guide.
 */
const POSITION_STEPS = 10_000;
const rounded = (position: number) => Math.round(position * POSITION_STEPS) / POSITION_STEPS;

export function readingStateBody(state: ReadingState): z.output<typeof VersionTwoSchema> {
  return {
    v: 2,
    lastSectionId: state.lastSectionId,
    sections: Object.fromEntries(
      Object.entries(state.sections).map(([id, { position, read }]) => [
        id,
        { position: rounded(position), read: toBitmap(read) },
      ]),
    ),
  };
}
