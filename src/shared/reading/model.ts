import type { ReadingState, SectionReading } from './schemas';

/** Where the reader is in the guide; the schemas, and the types inferred from them, are in ./schemas. */
export type { ReadingState, SectionReading };

export const EMPTY_READING_STATE: ReadingState = { lastSectionId: null, sections: {} };

/**
 * The most blocks (headings, paragraphs, lists) one section can count as read. The guide's
 * longest section has fifteen; the room above that lets the text grow, and keeps what one
 * section has read within one 32-bit number on disk.
 */
export const MAX_READING_BLOCKS = 32;

/** A section counts as read once this share of its words has been read. */
export const READ_THRESHOLD = 0.97;
