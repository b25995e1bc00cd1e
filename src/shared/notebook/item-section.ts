import { STEP_SECTIONS, stepOfEntry } from '../companion/steps';
import type { SectionId } from '../guide/ids';
import type { NotebookItem } from './model';

/**
 * The part of the guide an item belongs to, whatever its kind: the reader needs it to open
 * one, so it stays apart from the items' words (item-text.ts), which load with the pages
 * that list them.
 */

/** The section an item belongs to: its own, or for the companion's entries, their step's. */
export function sectionOf(item: NotebookItem): SectionId | null {
  if (item.kind === 'step-work') return STEP_SECTIONS[stepOfEntry(item.entry)];
  return item.sectionId;
}
