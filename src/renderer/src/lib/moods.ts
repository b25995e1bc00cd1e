import type { Mood } from '../../../shared/notebook/model';

/** Each mood in words, from 1 to 5, as the journal offers and shows it. */
export const MOOD_WORDS: Record<Mood, string> = {
  1: 'Very low',
  2: 'Low',
  3: 'Steady',
  4: 'Good',
  5: 'Very good',
};

/** A mood as the journal names it wherever it can be chosen or read: "2 · Low". */
export const moodName = (mood: Mood): string => `${mood} · ${MOOD_WORDS[mood]}`;

/** The tags typed into the journal's one field, separated by commas, as they are kept. */
export const tagsOf = (typed: string): string[] =>
  typed
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
