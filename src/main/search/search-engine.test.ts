import { describe, expect, it } from 'vitest';
import { SearchEngine, tokenize, type EngineHit } from './search-engine';
import { seededRandom } from '../../../test/support/seeded-random';

const ids = (hits: EngineHit[]) => hits.map((hit) => hit.id);

/** An engine holding `documents`, added in order. */
function engineWith(documents: Record<string, { title?: string; text?: string }>): SearchEngine {
  const engine = new SearchEngine();
  for (const [id, fields] of Object.entries(documents)) {
    engine.add(id, { title: fields.title ?? '', text: fields.text ?? '' });
  }
  return engine;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The ranking the engine promises, computed the slow way: every live document scored against
 * every term of the live vocabulary, everything sorted. It shares only `tokenize` with the
 * engine.
 */
class BruteForceIndex {
  readonly #documents = new Map<string, { order: number; title: string[]; text: string[] }>();
  #added = 0;

  add(id: string, fields: { title: string; text: string }): void {
    this.#documents.delete(id);
    this.#documents.set(id, {
      order: this.#added++,
      title: tokenize(fields.title),
      text: tokenize(fields.text),
    });
  }

  remove(id: string): void {
    this.#documents.delete(id);
  }

  ids(): string[] {
    return [...this.#documents.keys()];
  }

  /** Every matching document with its score and matched terms, best first. */
  rank(query: string, titleBoost = 2): (EngineHit & { order: number })[] {
    const words = tokenize(query).slice(0, 32);
    const documents = [...this.#documents.entries()];
    if (words.length === 0 || documents.length === 0) return [];
    const count = (words: string[], term: string) => words.filter((w) => w === term).length;
    const vocabulary = new Set(documents.flatMap(([, doc]) => [...doc.title, ...doc.text]));
    const live = documents.length;
    const averageTitle = documents.reduce((sum, [, doc]) => sum + doc.title.length, 0) / live;
    const averageText = documents.reduce((sum, [, doc]) => sum + doc.text.length, 0) / live;
    const idf = (term: string) => {
      const frequency = documents.filter(
        ([, doc]) => doc.title.includes(term) || doc.text.includes(term),
      ).length;
      return Math.log(1 + (live - frequency + 0.5) / (frequency + 0.5));
    };
    const expansions = words.map((word, index) => {
      const allowed = word.length >= 14 ? 2 : word.length >= 5 ? 1 : 0;
      const weights: [string, number][] = [];
      for (const term of vocabulary) {
        if (term === word) weights.push([term, 1]);
        else if (index === words.length - 1 && term.startsWith(word)) weights.push([term, 0.5]);
        else if (allowed > 0 && levenshtein(word, term) <= allowed) weights.push([term, 0.3]);
      }
      return weights.map(([term, weight]) => ({ term, weight, idf: idf(term) }));
    });
    const field = (tf: number, length: number, average: number) =>
      (tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * length) / average));
    const ranked: (EngineHit & { order: number })[] = [];
    for (const [id, doc] of documents) {
      let score = 0;
      const terms = new Set<string>();
      const everyWord = expansions.every((expansion) => {
        let matched = false;
        for (const { term, weight, idf } of expansion) {
          const titleTf = count(doc.title, term);
          const textTf = count(doc.text, term);
          if (titleTf + textTf === 0) continue;
          matched = true;
          terms.add(term);
          const title =
            titleTf > 0 ? titleBoost * field(titleTf, doc.title.length, averageTitle) : 0;
          const text = textTf > 0 ? field(textTf, doc.text.length, averageText) : 0;
          score += weight * idf * (title + text);
        }
        return matched;
      });
      if (everyWord) ranked.push({ id, score, terms: [...terms].sort(), order: doc.order });
    }
    return ranked.sort((a, b) => b.score - a.score || a.order - b.order);
  }
}

const closeTo = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/**
 * The engine's top `limit` must be the brute force's: the same ids in the same order, the same
 * scores and matched terms. Sums taken in another order can differ in the last bit, so two
 * documents whose scores agree to 1e-9 may trade places, and nothing else may.
 */
function expectSameTop(engine: SearchEngine, brute: BruteForceIndex, query: string, limit: number) {
  const actual = engine.search(query, limit);
  const everything = brute.rank(query);
  const expected = everything.slice(0, limit);
  const scoreOf = new Map(everything.map((hit) => [hit.id, hit]));
  expect(ids(actual).length, query).toBe(expected.length);
  let swapped = 0;
  for (const [rank, hit] of actual.entries()) {
    const wanted = expected[rank];
    const truth = scoreOf.get(hit.id);
    expect(truth, `${query}: ${hit.id} does not match`).toBeDefined();
    if (!wanted || !truth) continue;
    expect(closeTo(hit.score, truth.score), `${query}: score of ${hit.id}`).toBe(true);
    expect(hit.terms, `${query}: terms of ${hit.id}`).toEqual(truth.terms);
    if (hit.id !== wanted.id) {
      expect(closeTo(truth.score, wanted.score), `${query}: rank ${rank}`).toBe(true);
      swapped++;
    }
  }
  return swapped;
}

/** Invented words with near neighbours, long ones and accented ones among them. */
function randomVocabulary(random: () => number, size: number): string[] {
  const syllables = 'ka lo mi re sa tu ven dor ali que bra stel nim ost ur é ø'.split(' ');
  const words = new Set<string>();
  while (words.size < size) {
    const length = 1 + Math.floor(random() * random() * 7);
    let word = '';
    for (let i = 0; i < length; i++) word += syllables[Math.floor(random() * syllables.length)];
    words.add(word);
    // A near miss of the word, so that typo forgiveness has something to find.
    if (word.length >= 4 && random() < 0.3) words.add(mistype(word, random));
  }
  return [...words];
}

function mistype(word: string, random: () => number): string {
  const at = Math.floor(random() * word.length);
  const letter = 'aeioustr'[Math.floor(random() * 8)] ?? 'a';
  const edit = random();
  if (edit < 0.33) return word.slice(0, at) + letter + word.slice(at + 1);
  if (edit < 0.66) return word.slice(0, at) + letter + word.slice(at);
  return word.slice(0, at) + word.slice(at + 1);
}

function randomText(random: () => number, vocabulary: string[], maxWords: number): string {
  const length = Math.floor(random() * maxWords);
  const words: string[] = [];
  // Squaring skews the choice towards the first words, as real writing repeats a few words.
  for (let i = 0; i < length; i++) {
    words.push(vocabulary[Math.floor(random() * random() * vocabulary.length)] ?? '');
  }
  return words.join(random() < 0.5 ? ' ' : ', ');
}

function randomQuery(random: () => number, vocabulary: string[]): string {
  const count = 1 + Math.floor(random() * 3);
  const words = Array.from({ length: count }, () => {
    let word = vocabulary[Math.floor(random() * random() * vocabulary.length)] ?? '';
    if (random() < 0.25) word = mistype(word, random);
    if (random() < 0.05) word = mistype(mistype(word, random), random);
    return word;
  });
  const last = words.length - 1;
  if (random() < 0.35) {
    const word = words[last] ?? '';
    words[last] = word.slice(0, 1 + Math.floor(random() * word.length));
  }
  return random() < 0.2 ? words.join(' ').toUpperCase() : words.join(' ');
}

describe('tokenize', () => {
  it('splits on anything but letters and digits, lower-cased', () => {
    expect(tokenize("Step 1: don't wait—call. (Really?)")).toEqual([
      'step',
      '1',
      'don',
      't',
      'wait',
      'call',
      'really',
    ]);
    expect(tokenize('Привет, мир 42')).toEqual(['привет', 'мир', '42']);
  });

  it('takes accents off and unfolds compatibility forms', () => {
    expect(tokenize('Café Zürich naïve ﬁne İstanbul')).toEqual([
      'cafe',
      'zurich',
      'naive',
      'fine',
      'istanbul',
    ]);
  });

  it('finds no words in punctuation, spaces or nothing', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  \n\t ')).toEqual([]);
    expect(tokenize('… — !? ## ()')).toEqual([]);
  });
});

describe('SearchEngine', () => {
  it('finds only documents that hold every word of the query', () => {
    const engine = engineWith({
      both: { text: 'A quiet evening walk by the river.' },
      quiet: { text: 'A quiet morning.' },
      river: { text: 'The river was high.' },
    });
    expect(ids(engine.search('quiet river'))).toEqual(['both']);
    expect(ids(engine.search('river quiet'))).toEqual(['both']);
    expect(engine.search('quiet ocean')).toEqual([]);
  });

  it('completes only the last word of the query', () => {
    const engine = engineWith({ walk: { text: 'an evening walk by the river' } });
    expect(ids(engine.search('evening riv'))).toEqual(['walk']);
    expect(ids(engine.search('ev'))).toEqual(['walk']);
    expect(engine.search('riv evening')).toEqual([]);
    expect(engine.search('eve walk')).toEqual([]);
  });

  it('forgives one typo from five letters, two from fourteen, none below five', () => {
    const engine = engineWith({
      calm: { text: 'calm' },
      river: { text: 'river' },
      patience: { text: 'patience' },
      consideration: { text: 'consideration' },
      understandings: { text: 'understandings' },
    });
    expect(engine.search('cakm')).toEqual([]);
    expect(ids(engine.search('rivet'))).toEqual(['river']);
    expect(ids(engine.search('rver'))).toEqual([]);
    expect(ids(engine.search('patiense'))).toEqual(['patience']);
    expect(ids(engine.search('pattience'))).toEqual(['patience']);
    expect(ids(engine.search('konsideration'))).toEqual(['consideration']);
    expect(engine.search('konsideratiom')).toEqual([]);
    expect(ids(engine.search('understandigns'))).toEqual(['understandings']);
    expect(engine.search('undrestandigns')).toEqual([]);
  });

  it('ranks an exact match above a completed or mistyped one, and says what matched', () => {
    const engine = engineWith({
      honesty: { text: 'honesty matters, said the river' },
      honest: { text: 'honest matters, said the river' },
    });
    const mistyped = engine.search('honest river');
    expect(ids(mistyped)).toEqual(['honest', 'honesty']);
    expect(mistyped.map((hit) => hit.terms)).toEqual([
      ['honest', 'river'],
      ['honesty', 'river'],
    ]);
    const completed = engine.search('river honest');
    expect(ids(completed)).toEqual(['honest', 'honesty']);
    expect(completed[0]?.score).toBeGreaterThan(completed[1]?.score ?? Infinity);
  });

  it('counts a word in the title twice, or as the boost says', () => {
    const documents = {
      inText: { title: 'stone', text: 'river' },
      inTitle: { title: 'river', text: 'stone' },
    };
    expect(ids(engineWith(documents).search('river'))).toEqual(['inTitle', 'inText']);
    const weak = new SearchEngine({ titleBoost: 0.5 });
    for (const [id, fields] of Object.entries(documents)) weak.add(id, fields);
    expect(ids(weak.search('river'))).toEqual(['inText', 'inTitle']);
  });

  it('matches with and without accents, and marks the indexed word', () => {
    const engine = engineWith({ cafe: { text: 'We met at the Café du Nord.' } });
    expect(engine.search('cafe')[0]?.terms).toEqual(['cafe']);
    expect(ids(engine.search('CAFÉ nörd'))).toEqual(['cafe']);
  });

  it('answers nothing for an empty, blank or punctuation-only query, or a limit of zero', () => {
    const engine = engineWith({ one: { text: 'quiet' } });
    for (const query of ['', '   ', '\n\t', '?!… —', '###']) {
      expect(engine.search(query)).toEqual([]);
    }
    expect(engine.search('quiet', 0)).toEqual([]);
    expect(new SearchEngine().search('quiet')).toEqual([]);
  });

  it('keeps only the best `limit`, 50 unless told', () => {
    const engine = new SearchEngine();
    for (let i = 0; i < 120; i++)
      engine.add(`note-${i}`, { title: '', text: 'quiet '.repeat(1 + (i % 7)) });
    expect(engine.search('quiet')).toHaveLength(50);
    expect(engine.search('quiet', 3)).toHaveLength(3);
    expect(engine.search('quiet', 500)).toHaveLength(120);
  });

  it('ranks documents with the same text by the order they were added', () => {
    const engine = engineWith({
      second: { text: 'the same words' },
      first: { text: 'the same words' },
    });
    expect(ids(engine.search('same'))).toEqual(['second', 'first']);
    expect(engine.search('same')[0]?.score).toBe(engine.search('same')[1]?.score);
    engine.remove('second');
    expect(ids(engine.search('same'))).toEqual(['first']);
  });

  it('replaces a document added again under its id, which then ranks as the newest', () => {
    const engine = engineWith({ a: { text: 'river' }, b: { text: 'river' } });
    engine.add('a', { title: 'now', text: 'stone' });
    expect(engine.size).toBe(2);
    expect(ids(engine.search('river'))).toEqual(['b']);
    expect(ids(engine.search('stone'))).toEqual(['a']);
    engine.add('a', { title: '', text: 'river' });
    expect(ids(engine.search('river'))).toEqual(['b', 'a']);
  });

  it('forgets a removed document; removing an unknown id does nothing', () => {
    const engine = engineWith({ a: { text: 'quiet river' }, b: { text: 'quiet' } });
    engine.remove('nobody');
    engine.remove('a');
    expect(engine.has('a')).toBe(false);
    expect(engine.has('b')).toBe(true);
    expect(engine.size).toBe(1);
    expect(engine.search('river')).toEqual([]);
    expect(engine.search('riv')).toEqual([]);
    expect(engine.search('rivet')).toEqual([]);
    expect(ids(engine.search('quiet'))).toEqual(['b']);
    engine.remove('a');
    expect(engine.size).toBe(1);
  });

  it('never brings a removed document back, through compaction and renumbering', () => {
    const random = seededRandom(11);
    const vocabulary = randomVocabulary(random, 80);
    const engine = new SearchEngine();
    const brute = new BruteForceIndex();
    const live = new Set<string>();
    // Autosave replaces a note on every save: thousands of replacements leave gaps enough to
    // compact posting lists and renumber documents several times over.
    for (let step = 0; step < 6_000; step++) {
      const id = `note-${Math.floor(random() * 400)}`;
      if (live.has(id) && random() < 0.4) {
        engine.remove(id);
        brute.remove(id);
        live.delete(id);
      } else {
        const fields = {
          title: randomText(random, vocabulary, 3),
          text: randomText(random, vocabulary, 12),
        };
        engine.add(id, fields);
        brute.add(id, fields);
        live.add(id);
      }
    }
    expect(engine.size).toBe(live.size);
    for (const id of live) expect(engine.has(id)).toBe(true);
    for (const word of vocabulary.slice(0, 40)) {
      for (const hit of engine.search(word, 1_000)) expect(live.has(hit.id)).toBe(true);
      expectSameTop(engine, brute, word, 1_000);
      expectSameTop(engine, brute, word.slice(0, 2), 20);
    }
    for (const id of [...live]) {
      engine.remove(id);
      live.delete(id);
    }
    expect(engine.size).toBe(0);
    for (const word of vocabulary) expect(engine.search(word)).toEqual([]);
  });

  it('returns the same top results as scoring every document by brute force', () => {
    let queries = 0;
    let swapped = 0;
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const vocabulary = randomVocabulary(random, 250);
      const engine = new SearchEngine();
      const brute = new BruteForceIndex();
      for (let i = 0; i < 300; i++) {
        const fields = {
          title: randomText(random, vocabulary, 5),
          text: randomText(random, vocabulary, 60),
        };
        engine.add(`doc-${i}`, fields);
        brute.add(`doc-${i}`, fields);
      }
      // Some churn, so that removed and replaced documents are in the index too.
      for (let i = 0; i < 120; i++) {
        const id = `doc-${Math.floor(random() * 300)}`;
        if (random() < 0.5) {
          engine.remove(id);
          brute.remove(id);
        } else {
          const fields = {
            title: randomText(random, vocabulary, 5),
            text: randomText(random, vocabulary, 60),
          };
          engine.add(id, fields);
          brute.add(id, fields);
        }
      }
      for (let i = 0; i < 150; i++) {
        const query = randomQuery(random, vocabulary);
        const limit = [1, 5, 50][i % 3] ?? 50;
        swapped += expectSameTop(engine, brute, query, limit);
        queries++;
      }
    }
    expect(queries).toBe(450);
    expect(swapped).toBeLessThanOrEqual(2);
  });

  it('handles very long documents and queries, ignoring words past the 32nd', () => {
    const engine = new SearchEngine();
    const long = Array.from({ length: 100_000 }, (_, i) => `word${i % 5_000}`).join(' ');
    engine.add('long', { title: 'a long one', text: long });
    engine.add('short', { title: '', text: 'word1 word2' });
    const giantWord = 'x'.repeat(50_000);
    engine.add('giant', { title: '', text: `${giantWord} stone` });

    expect(ids(engine.search('word1 word2')).sort()).toEqual(['long', 'short']);
    const everyWord = Array.from({ length: 5_000 }, (_, i) => `word${i}`).join(' ');
    expect(ids(engine.search(everyWord))).toEqual(['long']);
    // The 33rd word onwards is ignored: this matches although 'absent' is in no document.
    const padded = `${Array.from({ length: 32 }, (_, i) => `word${i}`).join(' ')} absent`;
    expect(ids(engine.search(padded))).toEqual(['long']);
    // A 50,000-letter word with two typos: found in one pass along the diagonal.
    const mistyped = `y${giantWord.slice(2)}z`;
    expect(ids(engine.search(mistyped))).toEqual(['giant']);
    expect(engine.search(`${mistyped.slice(0, -3)}yyy`)).toEqual([]);
  });
});
