/**
 * Full-text search over the guide and everything written: a compact, incremental BM25 index.
 *
 * Stillwater has its own because neither library it measured fits (issue 15). FlexSearch 0.8
 * does not rank by relevance: it orders matches by where a word sits in a document (its
 * "resolution" slots), not by how often the word appears there or how rare it is. MiniSearch
 * ranks by BM25, but scores and sorts every matching document before taking the top N, which
 * put its p95 at 26 ms on 10,000 notes; this engine keeps only the top N while it scores.
 *
 * Matching, as the app has always searched: every query word must match (AND); only the last
 * word, the one being typed, also matches as a prefix; words of five letters or more forgive
 * one typo (two from fourteen letters). Documents are ranked by BM25 (k1 1.2, b 0.75, each
 * field normalised by its own average length, the title counted twice), and a word that
 * matched only as a prefix or with a typo counts for less than itself (weights below), so an
 * exact match ranks first. Ties go to the document added first.
 *
 * Pure TypeScript without Node's modules, so it could equally run in a worker.
 */
import { fold } from '../../shared/search/fold';

export interface EngineHit {
  id: string;
  score: number;
  /** The indexed words this document matched, folded, for marking snippets. */
  terms: string[];
}

const K1 = 1.2;
const B = 0.75;
const DEFAULT_TITLE_BOOST = 2;
const DEFAULT_LIMIT = 50;

/** How much a query word's match counts, by how it matched. */
const EXACT_WEIGHT = 1;
const PREFIX_WEIGHT = 0.5;
const FUZZY_WEIGHT = 0.3;

/** Typo forgiveness by the length of the query word: shorter words would match too much. */
const ONE_TYPO_FROM = 5;
const TWO_TYPOS_FROM = 14;

/**
 * A pasted page is not a query: words past this many are ignored, so one search stays a
 * bounded amount of work (each word walks its postings).
 */
const MAX_QUERY_WORDS = 32;

/** A term's frequencies in one document, packed into one posting word. */
const TITLE_SHIFT = 24;
const TEXT_TF_MAX = 0xffffff;
const TITLE_TF_MAX = 0xff;

/** Terms this long or longer are the only candidates for a two-typo match. */
const LONG_TERM = TWO_TYPOS_FROM - 2;

/**
 * Removed documents leave gaps in the per-document arrays; once there are more gaps than live
 * documents (and enough to be worth a pass over the index), documents are renumbered.
 */
const RENUMBER_AFTER_GAPS = 1024;

/** New terms inserted one by one into the sorted lists below this count, merged above it. */
const INSERT_ONE_BY_ONE_UNDER = 256;

const FUZZY_CACHE_SIZE = 512;

const WORD = /[\p{L}\p{N}]+/gu;
const NOTHING = /^/;

/**
 * V8 keeps the subject of the last successful regular-expression match (the legacy
 * RegExp.input), which after tokenizing or folding is the person's words. A match on an empty
 * string takes its place: called when the index is dropped, so no word outlives the lock there.
 */
export function forgetLastMatchedText(): void {
  NOTHING.exec('');
}

/**
 * The words of `text` as the index keeps them: runs of letters and digits, folded as search
 * compares them (lower-case, accents off: "Café" is "cafe").
 */
export function tokenize(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

function typoAllowance(wordLength: number): number {
  if (wordLength >= TWO_TYPOS_FROM) return 2;
  return wordLength >= ONE_TYPO_FROM ? 1 : 0;
}

/** Whether `a` becomes `b` by at most one insertion, deletion or substitution. */
function withinOneEdit(a: string, b: string): boolean {
  const shorter = a.length <= b.length ? a : b;
  const longer = a.length <= b.length ? b : a;
  if (longer.length - shorter.length > 1) return false;
  let i = 0;
  while (i < shorter.length && shorter.charCodeAt(i) === longer.charCodeAt(i)) i++;
  if (i === shorter.length) return true;
  // The first difference is the one edit: the rest must then agree.
  const skip = longer.length === shorter.length ? 1 : 0;
  for (let j = i + skip, k = i + 1; j < shorter.length; j++, k++) {
    if (shorter.charCodeAt(j) !== longer.charCodeAt(k)) return false;
  }
  return true;
}

/** Levenshtein distance ≤ `max`, computed only in the band of width 2·max around the diagonal. */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  const beyond = max + 1;
  let previous = new Int32Array(b.length + 2).fill(beyond);
  let current = new Int32Array(b.length + 2).fill(beyond);
  for (let j = 0; j <= Math.min(b.length, max); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    // Only the band's edges need resetting: the next row reads no further than one cell out.
    current[from - 1] = from === 1 && i <= max ? i : beyond;
    current[to + 1] = beyond;
    let rowBest = current[from - 1] ?? beyond;
    for (let j = from; j <= to; j++) {
      const substitution =
        (previous[j - 1] ?? beyond) + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(
        substitution,
        (previous[j] ?? beyond) + 1,
        (current[j - 1] ?? beyond) + 1,
        beyond,
      );
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > max) return false;
    [previous, current] = [current, previous];
  }
  return (previous[b.length] ?? beyond) <= max;
}

function reverse(text: string): string {
  let reversed = '';
  for (let i = text.length - 1; i >= 0; i--) reversed += text[i];
  return reversed;
}

function grownUint32(array: Uint32Array<ArrayBuffer>, needed: number): Uint32Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  const grown = new Uint32Array(Math.max(needed, array.length * 2, 16));
  grown.set(array);
  return grown;
}

function grownUint8(array: Uint8Array<ArrayBuffer>, needed: number): Uint8Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  const grown = new Uint8Array(Math.max(needed, array.length * 2, 16));
  grown.set(array);
  return grown;
}

/** First index in `sorted` (term ids ordered by `key`) whose key is not below `wanted`. */
function lowerBound(sorted: readonly number[], key: readonly string[], wanted: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((key[sorted[middle] ?? 0] ?? '') < wanted) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The terms one query word stands for, and how much each counts. */
interface WordExpansion {
  terms: number[];
  weights: number[];
  /** Postings to walk, to visit the cheapest word first. */
  postings: number;
}

const EMPTY_POSTINGS = new Uint32Array(0);

export class SearchEngine {
  readonly #titleBoost: number;

  // The term dictionary. A term keeps its id for the life of the engine, even once no live
  // document holds it (it is then skipped); the vocabulary of one person's writing is small.
  readonly #termIds = new Map<string, number>();
  readonly #terms: string[] = [];
  /** Per term: pairs of (document number, packed title and text frequencies), by document. */
  readonly #postings: Uint32Array[] = [];
  /** Per term: how many pairs are in use, live or not. */
  #postingCount = new Uint32Array(0);
  /** Per term: how many live documents hold it. */
  #documentFrequency = new Uint32Array(0);

  // Lookups for prefixes and typos, brought up to date lazily at the next search.
  #sortedTerms: number[] = [];
  #sortedTermsUpTo = 0;
  /** Terms long enough for a one-typo match (4 letters or more), ordered by their reverse. */
  #sortedReversed: number[] = [];
  readonly #reversed: string[] = [];
  /** Terms long enough for a two-typo match, by length. */
  readonly #longTermsByLength = new Map<number, number[]>();
  readonly #fuzzyCache = new Map<string, number[]>();
  #fuzzyCacheVocabulary = 0;

  // Documents, by number in the order they were added: the number breaks ties in ranking.
  readonly #documentNumbers = new Map<string, number>();
  #documentIds: (string | undefined)[] = [];
  #alive = new Uint8Array(0);
  #titleLength = new Uint32Array(0);
  #textLength = new Uint32Array(0);
  /** Each document's distinct terms, as a slice of one shared pool, for removal and marking. */
  #termPool = new Uint32Array(0);
  #termPoolUsed = 0;
  #termStart = new Uint32Array(0);
  #termCount = new Uint32Array(0);
  #documentCount = 0;
  #liveCount = 0;
  #titleLengthSum = 0;
  #textLengthSum = 0;

  // Scratch space, reused so that adding and searching allocate little.
  #seenTitle = new Uint32Array(0);
  #seenText = new Uint32Array(0);
  #termStamp = new Uint32Array(0);
  #stamp = 0;
  #scores = new Float64Array(0);
  #candidates = new Uint32Array(0);
  #candidateStamp = new Uint32Array(0);
  #hitThisWord = new Uint8Array(0);

  constructor(options: { titleBoost?: number } = {}) {
    this.#titleBoost = options.titleBoost ?? DEFAULT_TITLE_BOOST;
  }

  get size(): number {
    return this.#liveCount;
  }

  has(id: string): boolean {
    return this.#documentNumbers.has(id);
  }

  /** Adds a document, replacing the one with the same id: it then ranks as added last. */
  add(id: string, fields: { title: string; text: string }): void {
    this.remove(id);
    const titleWords = tokenize(fields.title);
    const textWords = tokenize(fields.text);
    const document = this.#documentCount++;
    this.#ensureDocumentCapacity(this.#documentCount);

    const stamp = this.#nextStamp();
    const distinct: number[] = [];
    // Counts each word in its field; a term seen first in this document starts at nothing.
    // The counts are looked up after #termFor, which may have grown them.
    const count = (words: readonly string[], field: () => Uint32Array) => {
      for (const word of words) {
        const term = this.#termFor(word);
        const seen = field();
        if (this.#termStamp[term] !== stamp) {
          this.#termStamp[term] = stamp;
          this.#seenTitle[term] = 0;
          this.#seenText[term] = 0;
          distinct.push(term);
        }
        seen[term] = (seen[term] ?? 0) + 1;
      }
    };
    count(titleWords, () => this.#seenTitle);
    count(textWords, () => this.#seenText);

    this.#termPool = grownUint32(this.#termPool, this.#termPoolUsed + distinct.length);
    this.#termStart[document] = this.#termPoolUsed;
    this.#termCount[document] = distinct.length;
    for (const term of distinct) {
      this.#termPool[this.#termPoolUsed++] = term;
      const title = Math.min(this.#seenTitle[term] ?? 0, TITLE_TF_MAX);
      const text = Math.min(this.#seenText[term] ?? 0, TEXT_TF_MAX);
      this.#appendPosting(term, document, ((title << TITLE_SHIFT) | text) >>> 0);
      this.#documentFrequency[term] = (this.#documentFrequency[term] ?? 0) + 1;
    }

    this.#documentIds[document] = id;
    this.#documentNumbers.set(id, document);
    this.#alive[document] = 1;
    this.#titleLength[document] = titleWords.length;
    this.#textLength[document] = textWords.length;
    this.#titleLengthSum += titleWords.length;
    this.#textLengthSum += textWords.length;
    this.#liveCount++;
  }

  remove(id: string): void {
    const document = this.#documentNumbers.get(id);
    if (document === undefined) return;
    this.#documentNumbers.delete(id);
    this.#documentIds[document] = undefined;
    this.#alive[document] = 0;
    this.#liveCount--;
    this.#titleLengthSum -= this.#titleLength[document] ?? 0;
    this.#textLengthSum -= this.#textLength[document] ?? 0;
    const start = this.#termStart[document] ?? 0;
    const end = start + (this.#termCount[document] ?? 0);
    for (let at = start; at < end; at++) {
      const term = this.#termPool[at] ?? 0;
      const live = (this.#documentFrequency[term] ?? 1) - 1;
      this.#documentFrequency[term] = live;
      // A posting list is compacted once most of it is dead, so that a search never walks
      // more than twice the live postings, and each compaction is paid for by the removals.
      if (((this.#postingCount[term] ?? 0) - live) * 2 > (this.#postingCount[term] ?? 0)) {
        this.#compactPostings(term);
      }
    }
    this.#termCount[document] = 0;
    const gaps = this.#documentCount - this.#liveCount;
    if (gaps > RENUMBER_AFTER_GAPS && gaps > this.#liveCount) this.#renumberDocuments();
  }

  /** The best `limit` documents for `query`, best first. */
  search(query: string, limit = DEFAULT_LIMIT): EngineHit[] {
    const wanted = Math.floor(limit);
    if (!(wanted > 0) || this.#liveCount === 0) return [];
    const words = tokenize(query).slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return [];
    this.#updateLookups();

    const expansions: WordExpansion[] = [];
    for (const [index, word] of words.entries()) {
      const expansion = this.#expand(word, index === words.length - 1);
      // Every word must match: one that matches nothing empties the result.
      if (expansion.terms.length === 0) return [];
      expansions.push(expansion);
    }
    // Starting from the rarest word keeps the candidates few, so the commoner words are
    // looked up per candidate instead of walked in full.
    expansions.sort((a, b) => a.postings - b.postings);

    const best = this.#topDocuments(this.#scoreCandidates(expansions), wanted);
    const stamp = this.#nextStamp();
    for (const expansion of expansions) {
      for (const term of expansion.terms) this.#termStamp[term] = stamp;
    }
    return best.map((document) => ({
      id: this.#documentIds[document] ?? '',
      score: this.#scores[document] ?? 0,
      terms: this.#matchedTerms(document, stamp),
    }));
  }

  // ---- Searching --------------------------------------------------------------------------

  /** The terms `word` stands for: itself, words it begins (if it is the last), near misses. */
  #expand(word: string, isLast: boolean): WordExpansion {
    const weights = new Map<number, number>();
    const exact = this.#termIds.get(word);
    if (exact !== undefined && this.#isLive(exact)) weights.set(exact, EXACT_WEIGHT);
    if (isLast) {
      const terms = this.#terms;
      for (let at = lowerBound(this.#sortedTerms, terms, word); ; at++) {
        const term = this.#sortedTerms[at];
        if (term === undefined || !(terms[term] ?? '').startsWith(word)) break;
        if (!weights.has(term) && this.#isLive(term)) weights.set(term, PREFIX_WEIGHT);
      }
    }
    const typos = typoAllowance(word.length);
    if (typos > 0) {
      for (const term of this.#nearMisses(word, typos)) {
        if (!weights.has(term) && this.#isLive(term)) weights.set(term, FUZZY_WEIGHT);
      }
    }
    let postings = 0;
    for (const term of weights.keys()) postings += this.#postingCount[term] ?? 0;
    return { terms: [...weights.keys()], weights: [...weights.values()], postings };
  }

  /**
   * Terms within `typos` edits of `word`, without walking the vocabulary for one typo: split
   * the word in two halves; one edit leaves one half untouched, so a near miss either begins
   * with the first half or ends with the second, and both are ranges of a sorted list. Two
   * typos (only for words of 14 letters or more) check the few terms of a similar length.
   */
  #nearMisses(word: string, typos: number): number[] {
    if (this.#fuzzyCacheVocabulary !== this.#terms.length) {
      this.#fuzzyCache.clear();
      this.#fuzzyCacheVocabulary = this.#terms.length;
    }
    const cached = this.#fuzzyCache.get(word);
    if (cached) return cached;

    const found: number[] = [];
    if (typos === 1) {
      const half = Math.ceil(word.length / 2);
      const head = word.slice(0, half);
      const reversedTail = reverse(word.slice(half));
      const consider = (term: number) => {
        const text = this.#terms[term] ?? '';
        if (text !== word && withinOneEdit(word, text) && !found.includes(term)) found.push(term);
      };
      for (let at = lowerBound(this.#sortedTerms, this.#terms, head); ; at++) {
        const term = this.#sortedTerms[at];
        if (term === undefined || !(this.#terms[term] ?? '').startsWith(head)) break;
        consider(term);
      }
      for (let at = lowerBound(this.#sortedReversed, this.#reversed, reversedTail); ; at++) {
        const term = this.#sortedReversed[at];
        if (term === undefined || !(this.#reversed[term] ?? '').startsWith(reversedTail)) break;
        consider(term);
      }
    } else {
      for (let length = word.length - typos; length <= word.length + typos; length++) {
        for (const term of this.#longTermsByLength.get(length) ?? []) {
          const text = this.#terms[term] ?? '';
          if (text !== word && withinEdits(word, text, typos)) found.push(term);
        }
      }
    }
    if (this.#fuzzyCache.size >= FUZZY_CACHE_SIZE) this.#fuzzyCache.clear();
    this.#fuzzyCache.set(word, found);
    return found;
  }

  /**
   * Scores every document that matches all the words, word by word (the rarest first), and
   * returns how many there are, their numbers at the start of `#candidates`. The first word's
   * postings make the candidates; each later word adds to the candidates it matches and drops
   * the rest.
   */
  #scoreCandidates(expansions: WordExpansion[]): number {
    const live = this.#liveCount;
    const averageTitle = this.#titleLengthSum / live;
    const averageText = this.#textLengthSum / live;
    const boost = this.#titleBoost;
    const titleLength = this.#titleLength;
    const textLength = this.#textLength;
    const scores = this.#scores;
    const alive = this.#alive;
    const candidates = this.#candidates;
    const candidateStamp = this.#candidateStamp;
    const stamp = this.#nextStamp();

    /** One term's BM25 in one document, both fields, from its packed frequencies. */
    const termScore = (document: number, packed: number): number => {
      const titleTf = packed >>> TITLE_SHIFT;
      const textTf = packed & TEXT_TF_MAX;
      let fields = 0;
      if (titleTf > 0) {
        const norm = K1 * (1 - B + (B * (titleLength[document] ?? 0)) / averageTitle);
        fields += (boost * (titleTf * (K1 + 1))) / (titleTf + norm);
      }
      if (textTf > 0) {
        const norm = K1 * (1 - B + (B * (textLength[document] ?? 0)) / averageText);
        fields += (textTf * (K1 + 1)) / (textTf + norm);
      }
      return fields;
    };
    const idf = (term: number): number => {
      const frequency = this.#documentFrequency[term] ?? 0;
      return Math.log(1 + (live - frequency + 0.5) / (frequency + 0.5));
    };

    let count = 0;
    const [first, ...rest] = expansions;
    if (!first) return count;
    for (const [index, term] of first.terms.entries()) {
      const weight = (first.weights[index] ?? 0) * idf(term);
      const postings = this.#postings[term] ?? EMPTY_POSTINGS;
      const end = (this.#postingCount[term] ?? 0) * 2;
      for (let at = 0; at < end; at += 2) {
        const document = postings[at] ?? 0;
        if (alive[document] === 0) continue;
        const score = weight * termScore(document, postings[at + 1] ?? 0);
        if (candidateStamp[document] === stamp) {
          scores[document] = (scores[document] ?? 0) + score;
        } else {
          candidateStamp[document] = stamp;
          scores[document] = score;
          candidates[count++] = document;
        }
      }
    }
    if (rest.length === 0) return count;
    // One term's postings are in document order already; several need sorting for lookups.
    if (first.terms.length > 1) candidates.subarray(0, count).sort();

    const hit = this.#hitThisWord;
    for (const expansion of rest) {
      for (let at = 0; at < count; at++) hit[candidates[at] ?? 0] = 0;
      for (const [index, term] of expansion.terms.entries()) {
        const weight = (expansion.weights[index] ?? 0) * idf(term);
        const postings = this.#postings[term] ?? EMPTY_POSTINGS;
        const pairs = this.#postingCount[term] ?? 0;
        if (count * Math.log2(pairs + 1) < pairs) {
          // Few candidates: look each up in the sorted postings instead of walking them.
          let low = 0;
          for (let at = 0; at < count; at++) {
            const document = candidates[at] ?? 0;
            let high = pairs;
            while (low < high) {
              const middle = (low + high) >> 1;
              if ((postings[middle * 2] ?? 0) < document) low = middle + 1;
              else high = middle;
            }
            if (low === pairs) break;
            if (postings[low * 2] === document) {
              scores[document] =
                (scores[document] ?? 0) + weight * termScore(document, postings[low * 2 + 1] ?? 0);
              hit[document] = 1;
            }
          }
        } else {
          const end = pairs * 2;
          for (let at = 0; at < end; at += 2) {
            const document = postings[at] ?? 0;
            if (candidateStamp[document] !== stamp) continue;
            scores[document] =
              (scores[document] ?? 0) + weight * termScore(document, postings[at + 1] ?? 0);
            hit[document] = 1;
          }
        }
      }
      let kept = 0;
      for (let at = 0; at < count; at++) {
        const document = candidates[at] ?? 0;
        if (hit[document] === 1) candidates[kept++] = document;
        else candidateStamp[document] = 0;
      }
      count = kept;
      if (count === 0) break;
    }
    return count;
  }

  /**
   * The best `limit` of the first `count` candidates, best first: a min-heap of `limit` keeps
   * the worst kept one on top, so each candidate costs one comparison unless it belongs in.
   */
  #topDocuments(count: number, limit: number): number[] {
    const scores = this.#scores;
    const candidates = this.#candidates;
    /** Whether `a` ranks below `b`: a lower score, or an equal one and added later. */
    const below = (a: number, b: number): boolean => {
      const difference = (scores[a] ?? 0) - (scores[b] ?? 0);
      return difference < 0 || (difference === 0 && a > b);
    };
    const heap: number[] = [];
    for (let index = 0; index < count; index++) {
      const document = candidates[index] ?? 0;
      if (heap.length < limit) {
        heap.push(document);
        let at = heap.length - 1;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          const above = heap[parent] ?? 0;
          if (!below(document, above)) break;
          heap[at] = above;
          at = parent;
        }
        heap[at] = document;
      } else if (below(heap[0] ?? 0, document)) {
        // Sift the newcomer down from the top.
        let at = 0;
        for (;;) {
          const left = at * 2 + 1;
          if (left >= heap.length) break;
          const right = left + 1;
          let child = left;
          if (right < heap.length && below(heap[right] ?? 0, heap[left] ?? 0)) child = right;
          const lower = heap[child] ?? 0;
          if (!below(lower, document)) break;
          heap[at] = lower;
          at = child;
        }
        heap[at] = document;
      }
    }
    return heap.sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0));
  }

  /** The document's terms that the query matched (stamped with `stamp`), in order. */
  #matchedTerms(document: number, stamp: number): string[] {
    const matched: string[] = [];
    const start = this.#termStart[document] ?? 0;
    const end = start + (this.#termCount[document] ?? 0);
    for (let at = start; at < end; at++) {
      const term = this.#termPool[at] ?? 0;
      if (this.#termStamp[term] === stamp) matched.push(this.#terms[term] ?? '');
    }
    return matched.sort();
  }

  #isLive(term: number): boolean {
    return (this.#documentFrequency[term] ?? 0) > 0;
  }

  /** Brings the sorted term lists up to date with the terms added since the last search. */
  #updateLookups(): void {
    const total = this.#terms.length;
    if (this.#sortedTermsUpTo === total) return;
    const added: number[] = [];
    for (let term = this.#sortedTermsUpTo; term < total; term++) added.push(term);
    this.#sortedTermsUpTo = total;
    this.#sortedTerms = insertSorted(this.#sortedTerms, added, this.#terms);
    const reversible = added.filter(
      (term) => (this.#terms[term] ?? '').length >= ONE_TYPO_FROM - 1,
    );
    for (const term of reversible) this.#reversed[term] = reverse(this.#terms[term] ?? '');
    this.#sortedReversed = insertSorted(this.#sortedReversed, reversible, this.#reversed);
  }

  // ---- Indexing ---------------------------------------------------------------------------

  #termFor(word: string): number {
    const known = this.#termIds.get(word);
    if (known !== undefined) return known;
    const term = this.#terms.length;
    this.#termIds.set(word, term);
    this.#terms.push(word);
    this.#postings.push(EMPTY_POSTINGS);
    const needed = term + 1;
    this.#postingCount = grownUint32(this.#postingCount, needed);
    this.#documentFrequency = grownUint32(this.#documentFrequency, needed);
    this.#seenTitle = grownUint32(this.#seenTitle, needed);
    this.#seenText = grownUint32(this.#seenText, needed);
    this.#termStamp = grownUint32(this.#termStamp, needed);
    if (word.length >= LONG_TERM) {
      const sameLength = this.#longTermsByLength.get(word.length);
      if (sameLength) sameLength.push(term);
      else this.#longTermsByLength.set(word.length, [term]);
    }
    return term;
  }

  #appendPosting(term: number, document: number, packed: number): void {
    const count = this.#postingCount[term] ?? 0;
    let postings = this.#postings[term] ?? EMPTY_POSTINGS;
    if (postings.length < (count + 1) * 2) {
      const grown = new Uint32Array(Math.max(2, postings.length * 2));
      grown.set(postings);
      postings = grown;
      this.#postings[term] = postings;
    }
    postings[count * 2] = document;
    postings[count * 2 + 1] = packed;
    this.#postingCount[term] = count + 1;
  }

  /** Drops the postings of removed documents from one term's list, keeping the order. */
  #compactPostings(term: number): void {
    const postings = this.#postings[term] ?? EMPTY_POSTINGS;
    const end = (this.#postingCount[term] ?? 0) * 2;
    let kept = 0;
    for (let at = 0; at < end; at += 2) {
      const document = postings[at] ?? 0;
      if (this.#alive[document] === 0) continue;
      postings[kept++] = document;
      postings[kept++] = postings[at + 1] ?? 0;
    }
    this.#postingCount[term] = kept / 2;
    if (kept === 0) this.#postings[term] = EMPTY_POSTINGS;
    else if (postings.length > kept * 4) this.#postings[term] = postings.slice(0, kept);
  }

  /**
   * Gives the live documents consecutive numbers again, in the same order (so ties still go
   * to the earlier one), and rewrites the postings to match: each replaced document (a note
   * saved while it is typed) otherwise leaves a gap in every per-document array.
   */
  #renumberDocuments(): void {
    const renumbered = new Int32Array(this.#documentCount).fill(-1);
    const ids: (string | undefined)[] = [];
    const titleLength = new Uint32Array(this.#liveCount);
    const textLength = new Uint32Array(this.#liveCount);
    const termStart = new Uint32Array(this.#liveCount);
    const termCount = new Uint32Array(this.#liveCount);
    let poolSize = 0;
    for (let document = 0; document < this.#documentCount; document++) {
      if (this.#alive[document] === 1) poolSize += this.#termCount[document] ?? 0;
    }
    const pool = new Uint32Array(poolSize);
    let next = 0;
    let poolUsed = 0;
    for (let document = 0; document < this.#documentCount; document++) {
      if (this.#alive[document] === 0) continue;
      renumbered[document] = next;
      const id = this.#documentIds[document] ?? '';
      ids[next] = id;
      this.#documentNumbers.set(id, next);
      titleLength[next] = this.#titleLength[document] ?? 0;
      textLength[next] = this.#textLength[document] ?? 0;
      const start = this.#termStart[document] ?? 0;
      const count = this.#termCount[document] ?? 0;
      pool.set(this.#termPool.subarray(start, start + count), poolUsed);
      termStart[next] = poolUsed;
      termCount[next] = count;
      poolUsed += count;
      next++;
    }
    for (let term = 0; term < this.#terms.length; term++) {
      this.#compactPostings(term);
      const postings = this.#postings[term] ?? EMPTY_POSTINGS;
      const end = (this.#postingCount[term] ?? 0) * 2;
      for (let at = 0; at < end; at += 2) postings[at] = renumbered[postings[at] ?? 0] ?? 0;
    }
    this.#documentIds = ids;
    this.#documentCount = next;
    this.#titleLength = titleLength;
    this.#textLength = textLength;
    this.#termStart = termStart;
    this.#termCount = termCount;
    this.#termPool = pool;
    this.#termPoolUsed = poolUsed;
    this.#alive = new Uint8Array(next).fill(1);
    this.#scores = new Float64Array(next);
    this.#candidates = new Uint32Array(next);
    this.#candidateStamp = new Uint32Array(next);
    this.#hitThisWord = new Uint8Array(next);
  }

  #ensureDocumentCapacity(needed: number): void {
    if (needed <= this.#alive.length) return;
    this.#alive = grownUint8(this.#alive, needed);
    this.#titleLength = grownUint32(this.#titleLength, needed);
    this.#textLength = grownUint32(this.#textLength, needed);
    this.#termStart = grownUint32(this.#termStart, needed);
    this.#termCount = grownUint32(this.#termCount, needed);
    this.#candidates = grownUint32(this.#candidates, needed);
    this.#candidateStamp = grownUint32(this.#candidateStamp, needed);
    this.#hitThisWord = grownUint8(this.#hitThisWord, needed);
    if (this.#scores.length < needed) {
      const scores = new Float64Array(this.#alive.length);
      scores.set(this.#scores);
      this.#scores = scores;
    }
  }

  /** A fresh value for the stamp arrays; on wrapping around, the old stamps are wiped. */
  #nextStamp(): number {
    this.#stamp = (this.#stamp + 1) >>> 0;
    if (this.#stamp === 0) {
      this.#termStamp.fill(0);
      this.#candidateStamp.fill(0);
      this.#stamp = 1;
    }
    return this.#stamp;
  }
}

/** `sorted` with `added` merged in, both ordered by `key`. */
function insertSorted(sorted: number[], added: number[], key: readonly string[]): number[] {
  const byKey = (a: number, b: number) => {
    const left = key[a] ?? '';
    const right = key[b] ?? '';
    return left < right ? -1 : left > right ? 1 : 0;
  };
  if (added.length < INSERT_ONE_BY_ONE_UNDER) {
    for (const term of added) sorted.splice(lowerBound(sorted, key, key[term] ?? ''), 0, term);
    return sorted;
  }
  const incoming = added.sort(byKey);
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < sorted.length && j < incoming.length) {
    if (byKey(sorted[i] ?? 0, incoming[j] ?? 0) <= 0) merged.push(sorted[i++] ?? 0);
    else merged.push(incoming[j++] ?? 0);
  }
  while (i < sorted.length) merged.push(sorted[i++] ?? 0);
  while (j < incoming.length) merged.push(incoming[j++] ?? 0);
  return merged;
}
