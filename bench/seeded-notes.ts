import type { SectionId } from '../src/shared/guide/ids';
import { SECTION_IDS } from '../src/shared/guide/ids';
import { seededRandom } from '../test/support/seeded-random';

export { seededRandom };

export const VOCABULARY = (
  'quiet silence waiting evening morning message phone talk listen patience walk river friend ' +
  'sister work tired calm anxious hope space time distance honest feelings letter coffee sleep ' +
  'dream remember promise trust gentle breathe weekend family dinner laugh cried window rain ' +
  'garden music book decided boundaries kindness myself respect future again slowly enough'
).split(' ');

const SYLLABLES =
  'ba be bi bo da de di do fa fe fi fo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi vo'.split(
    ' ',
  );

/**
 * A vocabulary the size of a person's everyday writing (about 3,000 words), ranked so that
 * word frequency falls off as in real text (Zipf's law): the common words above come first,
 * then invented words that each appear rarely.
 */
export function zipfVocabulary(size = 3_000, seed = 3): string[] {
  const random = seededRandom(seed);
  const invented = new Set<string>();
  while (invented.size < size - VOCABULARY.length) {
    const syllables = 2 + Math.floor(random() * 3);
    invented.add(
      Array.from(
        { length: syllables },
        () => SYLLABLES[Math.floor(random() * SYLLABLES.length)],
      ).join(''),
    );
  }
  return [...VOCABULARY, ...invented];
}

/** Picks ranks with probability proportional to 1 / rank. */
function zipfPicker(size: number, random: () => number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= size; rank++) cumulative.push((total += 1 / rank));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

/** About `bytes` of note text drawn from `words`, by `pick`. */
function noteText(words: readonly string[], pick: () => number, bytes = 700): string {
  const chosen: string[] = [];
  let length = 0;
  while (length < bytes) {
    const word = words[pick()] ?? 'quiet';
    chosen.push(word);
    length += word.length + 1;
  }
  return `${chosen.join(' ')}.`;
}

/**
 * `count` notes of about 700 bytes. 'zipf' reads like real writing; 'dense' draws every
 * word evenly from 60, so every query matches nearly every note: the worst case for search.
 */
/** The words of a corpus, and how to pick one. */
function corpusPicker(corpus: 'zipf' | 'dense', random: () => number) {
  const words = corpus === 'zipf' ? zipfVocabulary() : VOCABULARY;
  const pick =
    corpus === 'zipf'
      ? zipfPicker(words.length, random)
      : () => Math.floor(random() * words.length);
  return { words, pick };
}

export function seededNotes(
  count: number,
  corpus: 'zipf' | 'dense' = 'zipf',
  seed = 42,
): { sectionId: SectionId; text: string }[] {
  const random = seededRandom(seed);
  const { words, pick } = corpusPicker(corpus, random);
  return Array.from({ length: count }, () => ({
    sectionId: SECTION_IDS[Math.floor(random() * SECTION_IDS.length)] ?? 'intro',
    text: noteText(words, pick),
  }));
}

/** Queries of one or two words drawn the way the notes were written. */
export function seededQueries(count: number, corpus: 'zipf' | 'dense', seed = 7): string[] {
  const random = seededRandom(seed);
  const { words, pick } = corpusPicker(corpus, random);
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(random() * 2) }, () => words[pick()]).join(' '),
  );
}
