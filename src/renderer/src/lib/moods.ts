import type { Mood } from '../../../shared/notebook/model';

/** Each mood in words, from 1 to 5, as the journal offers and shows it. */
export const MOOD_WORDS: Record<Mood, string> = {
  1: 'Very low',
  2: 'Low',
  3: 'Steady',
  4: 'Good',
  5: 'Very good',
};
