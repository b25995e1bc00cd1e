import type { SectionId } from './guide/ids';

/** How far the reader got in one section, as fractions from 0 to 1. */
export interface SectionReading {
  /** Where the reader last stood: 0 at the top of the section, 1 at its end. */
  position: number;
  /** The furthest part of the section that has been on screen. It never goes down. */
  progress: number;
}

export interface ReadingState {
  lastSectionId: SectionId | null;
  sections: Partial<Record<SectionId, SectionReading>>;
}

export const EMPTY_READING_STATE: ReadingState = { lastSectionId: null, sections: {} };
