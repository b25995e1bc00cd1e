import type { SectionId } from '../../shared/guide/ids';
import type { ReadingState } from '../../shared/reading';
import type { ValidatedStore } from '../storage/validated-store';

export interface PositionReport {
  sectionId: SectionId;
  /** Where the reader stands now, 0 at the top of the section and 1 at its end. */
  position: number;
  /** How much of the section has been on screen so far. */
  seen: number;
}

/** Where the reader is in the guide, so the app can open where they left off. */
export function createReadingService(store: ValidatedStore<ReadingState>) {
  return {
    state: (): ReadingState => store.read(),
    record({ sectionId, position, seen }: PositionReport): void {
      const state = store.read();
      const previous = state.sections[sectionId]?.progress ?? 0;
      state.sections[sectionId] = { position, progress: Math.max(previous, seen) };
      state.lastSectionId = sectionId;
      store.write(state);
    },
  };
}
export type ReadingService = ReturnType<typeof createReadingService>;
