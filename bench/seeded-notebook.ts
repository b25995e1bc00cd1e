/**
 * A notebook as a person who has used Stillwater for years would have it: one long note on
 * each section of the guide, a few hundred highlights of the guide's own words, a couple of
 * hundred entries of the seven-step companion, and everything else journal entries spread
 * over years. Written straight into the vault, in the bodies the notebook stores, so a tier
 * of 50,000 items is seeded in a minute or two rather than through one IPC save at a time.
 */
import { refuseUnreadable } from '../src/main/notebook/stored-records';
import type { Vault } from '../src/main/vault/vault';
import { createAnchor, sectionTextRuns } from '../src/shared/guide/anchoring';
import type { Guide } from '../src/shared/guide/model';
import { SECTION_IDS } from '../src/shared/guide/ids';
import {
  CAN_GIVE,
  CONTACT_FROM,
  REFLECTION_PROMPTS,
  SELF_CARE_SUGGESTIONS,
  STEP_NUMBERS,
  STEP_STATUSES,
} from '../src/shared/companion/model';
import type { StepWorkEntry } from '../src/shared/companion/schemas';
import { HIGHLIGHT_COLOURS, MOODS } from '../src/shared/notebook/model';
import guideContent from '../resources/guide/guide.json';
import { seededNotes, seededRandom } from './seeded-notes';

const guide = guideContent as Guide;

export const SECTION_NOTES = SECTION_IDS.length;
export const HIGHLIGHTS = 300;
export const STEP_WORK_ENTRIES = 200;
/** Items that are not journal entries; every other item of a tier is one. */
const FIXED_ITEMS = SECTION_NOTES + HIGHLIGHTS + STEP_WORK_ENTRIES;

/** How many puts run at once: each one is its own record, so they never wait on each other. */
const PUTS_AT_ONCE = 256;

/** The journal's last day; entries go back from it, about one every few hours over years. */
const LAST_DAY = Date.UTC(2025, 5, 1);
const DAY_MS = 86_400_000;
const JOURNAL_YEARS = 6;

const TAGS = ['work', 'family', 'sleep', 'walk', 'hope', 'calm', 'friends', 'therapy', 'him'];

export interface SeededRecord {
  kind: 'note' | 'highlight' | 'step-work' | 'journal-entry';
  body: { v: 1 } & Record<string, unknown>;
  created: string;
}

export interface NotebookMix {
  notes: number;
  highlights: number;
  stepWork: number;
  journal: number;
}

/** What a notebook of `items` items holds, by kind. */
export function notebookMix(items: number): NotebookMix {
  return {
    notes: Math.min(items, SECTION_NOTES),
    highlights: Math.min(Math.max(items - SECTION_NOTES, 0), HIGHLIGHTS),
    stepWork: Math.min(Math.max(items - SECTION_NOTES - HIGHLIGHTS, 0), STEP_WORK_ENTRIES),
    journal: Math.max(items - FIXED_ITEMS, 0),
  };
}

const pickFrom = <T>(values: readonly T[], random: () => number): T =>
  values[Math.floor(random() * values.length)] as T;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A stretch of the section's own words, from a word's start to a word's end. */
function quoteSpan(text: string, random: () => number): { start: number; end: number } {
  const starts = [...text.matchAll(/(?<=^|\s)\S/g)].map((match) => match.index);
  let start = pickFrom(starts, random);
  let end = Math.min(text.length, start + 20 + Math.floor(random() * 140));
  while (end < text.length && /\S/.test(text[end] ?? '')) end += 1;
  // A quote never starts or ends on the blank line between blocks.
  while (/\s/.test(text[end - 1] ?? '')) end -= 1;
  if (end <= start) start = Math.max(0, end - 1);
  return { start, end };
}

function highlightBody(index: number, random: () => number, notes: string[]) {
  const sectionId = SECTION_IDS[index % SECTION_IDS.length] ?? 'intro';
  const section = guide.parts.flatMap((part) => part.sections).find((s) => s.id === sectionId);
  if (!section) throw new Error(`the guide has no section ${sectionId}`);
  const { text } = sectionTextRuns(section);
  const { start, end } = quoteSpan(text, random);
  return {
    v: 1 as const,
    sectionId,
    anchor: createAnchor(text, start, end, guide.version),
    colour: pickFrom(HIGHLIGHT_COLOURS, random),
    // Most highlights carry no note; some carry a short one.
    note: random() < 0.4 ? (notes[index % notes.length] ?? '').slice(0, 200) : '',
  };
}

function stepWorkEntry(index: number, random: () => number, text: string): StepWorkEntry {
  // One of each step's answers and one weighing: the companion keeps only one of those.
  const step = STEP_NUMBERS[index];
  if (step !== undefined) {
    return {
      type: 'step',
      step,
      status: pickFrom(STEP_STATUSES, random),
      answers: Object.fromEntries(
        REFLECTION_PROMPTS[step].map((prompt, at) => [
          prompt.id,
          text.slice(at * 200, at * 200 + 200),
        ]),
      ),
    };
  }
  if (index === STEP_NUMBERS.length) {
    return { type: 'weighing', costs: text.slice(0, 350), gives: text.slice(350) };
  }
  const day = isoDay(LAST_DAY - Math.floor(random() * JOURNAL_YEARS * 365) * DAY_MS);
  switch (index % 4) {
    case 0:
      return { type: 'message', text, waitUntil: null };
    case 1:
      return { type: 'need', text: text.slice(0, 240), canGive: pickFrom(CAN_GIVE, random) };
    case 2:
      return { type: 'contact', date: day, from: pickFrom(CONTACT_FROM, random), note: text };
    default:
      return {
        type: 'self-care',
        text: pickFrom(SELF_CARE_SUGGESTIONS, random),
        doneOn: random() < 0.5 ? day : null,
      };
  }
}

/**
 * The items numbered `from` up to `to` of a seeded notebook: the same every run, and the
 * same whether a tier is seeded at once or grown from a smaller one.
 */
export function seededNotebookRecords(from: number, to: number): SeededRecord[] {
  const random = seededRandom(1_000 + from);
  // Everyday writing of about 700 bytes, the corpus the search benchmarks use.
  const texts = seededNotes(to - from, 'zipf', 42 + from).map((note) => note.text);
  const records: SeededRecord[] = [];
  for (let index = from; index < to; index++) {
    const text = texts[index - from] ?? '';
    const stamp = LAST_DAY - Math.floor(random() * JOURNAL_YEARS * 365 * DAY_MS);
    const created = new Date(stamp).toISOString();
    if (index < SECTION_NOTES) {
      const sectionId = SECTION_IDS[index] ?? 'intro';
      // About 2 kB: a note kept up over months.
      const long = [text, ...texts.slice(index - from + 1, index - from + 3)].join('\n\n');
      records.push({ kind: 'note', body: { v: 1, sectionId, text: long }, created });
    } else if (index < SECTION_NOTES + HIGHLIGHTS) {
      const body = highlightBody(index - SECTION_NOTES, random, texts);
      records.push({ kind: 'highlight', body, created });
    } else if (index < FIXED_ITEMS) {
      const entry = stepWorkEntry(index - SECTION_NOTES - HIGHLIGHTS, random, text);
      records.push({ kind: 'step-work', body: { v: 1, entry }, created });
    } else {
      const tags = TAGS.filter(() => random() < 0.12).slice(0, 3);
      records.push({
        kind: 'journal-entry',
        body: {
          v: 1,
          date: isoDay(stamp),
          text,
          mood: random() < 0.8 ? pickFrom(MOODS, random) : null,
          tags,
          sectionId: random() < 0.1 ? pickFrom(SECTION_IDS, random) : null,
        },
        created,
      });
    }
  }
  return records;
}

/** Writes items `from` up to `to` into an open vault, many at once; answers how long it took. */
export async function seedVault(vault: Vault, from: number, to: number): Promise<number> {
  const started = performance.now();
  const records = seededNotebookRecords(from, to);
  // Refused here, as the notebook would refuse it, rather than counted unreadable later.
  for (const { kind, body } of records) {
    refuseUnreadable({ kind, id: '0'.repeat(32), body }, () => '');
  }
  for (let at = 0; at < records.length; at += PUTS_AT_ONCE) {
    await Promise.all(
      records
        .slice(at, at + PUTS_AT_ONCE)
        .map(({ kind, body, created }) => vault.put(kind, body, undefined, created)),
    );
  }
  return performance.now() - started;
}
