import type { ReadingState, SectionReading } from './schemas';

/** Where the reader is in the guide; the schemas, and the types inferred from them, are in ./schemas. */
export type { ReadingState, SectionReading };

export const EMPTY_READING_STATE: ReadingState = { lastSectionId: null, sections: {} };
