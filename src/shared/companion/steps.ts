import type { SectionId } from '../guide/ids';

/**
 * The seven steps and which of the guide's sections each is: all the reader needs to know of
 * the companion, kept apart from its words, which load with the Steps page.
 */

export const STEP_NUMBERS = [1, 2, 3, 4, 5, 6, 7] as const;
export type StepNumber = (typeof STEP_NUMBERS)[number];

/** The guide's section for each step. */
export const STEP_SECTIONS: Record<StepNumber, SectionId> = {
  1: 'step-1',
  2: 'step-2',
  3: 'step-3',
  4: 'step-4',
  5: 'step-5',
  6: 'step-6',
  7: 'step-7',
};

export function stepOfSection(sectionId: SectionId): StepNumber | null {
  const found = STEP_NUMBERS.find((step) => STEP_SECTIONS[step] === sectionId);
  return found ?? null;
}

/** What the person keeps in the companion, by kind of entry. */
export const STEP_WORK_TYPES = [
  'step',
  'message',
  'need',
  'contact',
  'self-care',
  'weighing',
] as const;
export type StepWorkType = (typeof STEP_WORK_TYPES)[number];

/** The step each kind of entry belongs to; a step's own answers name theirs. */
const STEP_OF_TYPE: Record<Exclude<StepWorkType, 'step'>, StepNumber> = {
  message: 1,
  need: 3,
  contact: 4,
  'self-care': 5,
  weighing: 7,
};

export function stepOfEntry(entry: { type: StepWorkType; step?: StepNumber }): StepNumber {
  return entry.type === 'step' ? (entry.step ?? 1) : STEP_OF_TYPE[entry.type];
}
