import type { Guide } from '../../../shared/guide/model';
import type { SectionId } from '../../../shared/guide/ids';
import { findSection, listSections, type SectionPlace } from '../../../shared/guide/reading-order';
import type { StillwaterApi } from '../../../shared/ipc/api';

export type ReadingApi = Pick<StillwaterApi, 'getReadingState' | 'recordReadingPosition'>;

/** A section counts as read once this much of it has been on screen. */
export const READ_THRESHOLD = 0.97;

/** How long reports of the reading position must pause before the position is saved. */
export const POSITION_SAVE_DELAY_MS = 400;

interface PendingReport {
  sectionId: SectionId;
  position: number;
  seen: number;
}

/**
 * Which section is open, and how far the reader has got in each. Reports of the reading
 * position arrive with every scroll, so they are saved after a pause rather than each time.
 */
export class ReaderState {
  readonly places: SectionPlace[];
  currentId = $state<SectionId>('intro');
  progress = $state<Partial<Record<SectionId, number>>>({});

  readonly current: SectionPlace = $derived(this.#placeOf(this.currentId));
  /** Main could not read the saved place, so the guide starts over: the page says so. */
  savedPlaceLost = false;

  #api: ReadingApi;
  #positions: Partial<Record<SectionId, number>> = {};
  #pending: PendingReport | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #saveDelayMs: number;

  constructor(guide: Guide, api: ReadingApi, saveDelayMs = POSITION_SAVE_DELAY_MS) {
    this.places = listSections(guide);
    this.#api = api;
    this.#saveDelayMs = saveDelayMs;
  }

  get previous(): SectionPlace | undefined {
    return this.places[this.current.index - 1];
  }

  get next(): SectionPlace | undefined {
    return this.places[this.current.index + 1];
  }

  #placeOf(id: SectionId): SectionPlace {
    const place = findSection(this.places, id) ?? this.places[0];
    if (!place) throw new Error('The guide has no sections');
    return place;
  }

  /** Restores where the reader left off; returns the position to scroll back to. */
  async load(): Promise<number> {
    const state = await this.#api.getReadingState();
    this.savedPlaceLost = state.unreadable === true;
    const progress: Partial<Record<SectionId, number>> = {};
    for (const [id, reading] of Object.entries(state.sections)) {
      progress[id as SectionId] = reading.progress;
      this.#positions[id as SectionId] = reading.position;
    }
    this.progress = progress;
    if (state.lastSectionId) this.currentId = state.lastSectionId;
    return this.#positions[this.currentId] ?? 0;
  }

  /** Opens a section, and remembers it as the place to come back to. */
  goTo(id: SectionId): void {
    void this.flush();
    this.currentId = id;
    this.report(0, 0);
  }

  isRead(id: SectionId): boolean {
    return (this.progress[id] ?? 0) >= READ_THRESHOLD;
  }

  /** Called as the reader scrolls: `position` is where they stand, `seen` how far they got. */
  report(position: number, seen: number): void {
    const sectionId = this.currentId;
    const clampedSeen = Math.min(1, Math.max(0, seen));
    const clampedPosition = Math.min(1, Math.max(0, position));
    this.#positions[sectionId] = clampedPosition;
    if (clampedSeen > (this.progress[sectionId] ?? 0)) this.progress[sectionId] = clampedSeen;
    this.#pending = { sectionId, position: clampedPosition, seen: clampedSeen };
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#saveDelayMs);
  }

  /** Saves the last report now: on leaving a section, and when the page is hidden. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    const pending = this.#pending;
    this.#pending = null;
    if (pending) await this.#api.recordReadingPosition(pending);
  }
}
