import type { Guide } from '../../../shared/guide/model';
import type { SectionId } from '../../../shared/guide/ids';
import { findSection, listSections, type SectionPlace } from '../../../shared/guide/reading-order';
import type { StillwaterApi } from '../../../shared/ipc/api';
import { READ_THRESHOLD, type ReadingState } from '../../../shared/reading/model';
import type { PositionReport } from '../../../shared/reading/schemas';
import { readingBlockWords, sectionProgress } from '../lib/reading-progress';

export type ReadingApi = Pick<StillwaterApi, 'getReadingState' | 'recordReadingPosition'>;

/** How long reports of the reading position must pause before the position is saved. */
export const POSITION_SAVE_DELAY_MS = 400;

/**
 * Which section is open, where the reader stands in it, and which of each section's blocks
 * have been read. Reports arrive with every scroll and every block read, so they are saved
 * after a pause rather than each time: one save for a batch of them.
 */
export class ReaderState {
  readonly places: SectionPlace[];
  currentId = $state<SectionId>('intro');
  /** The share of each section's words read, from 0 to 1. */
  progress = $state<Partial<Record<SectionId, number>>>({});

  readonly current: SectionPlace = $derived(this.#placeOf(this.currentId));
  /** Main could not read the saved place, so the guide starts over: the page says so. */
  savedPlaceLost = false;

  #api: ReadingApi;
  #words: Partial<Record<SectionId, number[]>>;
  /** The blocks read in each section, in ascending order. */
  #read: Partial<Record<SectionId, readonly number[]>> = {};
  #positions: Partial<Record<SectionId, number>> = {};
  #pending: PositionReport | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #saveDelayMs: number;

  constructor(guide: Guide, api: ReadingApi, saveDelayMs = POSITION_SAVE_DELAY_MS) {
    this.places = listSections(guide);
    this.#words = Object.fromEntries(
      this.places.map((place) => [place.section.id, readingBlockWords(guide, place)]),
    );
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

  /**
   * Restores where the reader left off, from `known` when the page already has it, else from
   * main; returns the position to scroll back to.
   */
  async load(known?: ReadingState): Promise<number> {
    const state = known ?? (await this.#api.getReadingState());
    this.savedPlaceLost = state.unreadable === true;
    const progress: Partial<Record<SectionId, number>> = {};
    for (const [key, reading] of Object.entries(state.sections)) {
      const id = key as SectionId;
      this.#read[id] = reading.read;
      this.#positions[id] = reading.position;
      progress[id] = this.#progressOf(id);
    }
    this.progress = progress;
    if (state.lastSectionId) this.currentId = state.lastSectionId;
    return this.#positions[this.currentId] ?? 0;
  }

  /** Opens a section, and remembers it as the place to come back to. */
  goTo(id: SectionId): void {
    void this.flush();
    this.currentId = id;
    this.reportPosition(0);
  }

  isRead(id: SectionId): boolean {
    return (this.progress[id] ?? 0) >= READ_THRESHOLD;
  }

  /** Called as the reader scrolls: where they stand in the open section, from 0 to 1. */
  reportPosition(position: number): void {
    this.#positions[this.currentId] = Math.min(1, Math.max(0, position));
    this.#queue(this.currentId);
  }

  /** Called as blocks of a section are read (lib/watch-reading.ts), by their numbers. */
  markRead(sectionId: SectionId, blocks: readonly number[]): void {
    const before = this.#read[sectionId] ?? [];
    const added = blocks.filter(
      (block, index) => !before.includes(block) && blocks.indexOf(block) === index,
    );
    if (added.length === 0) return;
    this.#read[sectionId] = [...before, ...added].sort((a, b) => a - b);
    this.progress[sectionId] = this.#progressOf(sectionId);
    this.#queue(sectionId);
  }

  #progressOf(id: SectionId): number {
    return sectionProgress(this.#words[id] ?? [], this.#read[id] ?? []);
  }

  #queue(sectionId: SectionId): void {
    // A report about another section goes at once, so none waits on a section left behind.
    if (this.#pending && this.#pending.sectionId !== sectionId) void this.flush();
    this.#pending = {
      sectionId,
      position: this.#positions[sectionId] ?? 0,
      read: [...(this.#read[sectionId] ?? [])],
    };
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
