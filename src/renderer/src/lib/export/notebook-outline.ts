import {
  CAN_GIVE_NAMES,
  CONTACT_FROM_NAMES,
  REFLECTION_PROMPTS,
  STEP_SECTIONS,
  STEP_STATUS_NAMES,
  STEP_WORK_NAMES,
  stepOfEntry,
  stepOfSection,
  type StepNumber,
  type StepWorkEntry,
  type StepWorkType,
} from '../../../../shared/companion/model';
import type { SectionId } from '../../../../shared/guide/ids';
import type {
  Highlight,
  JournalEntry,
  NotebookItem,
  SectionNote,
  StepWork,
} from '../../../../shared/notebook/model';
import { formatDate, formatDateTime } from '../dates';
import { COLOUR_NAMES } from '../highlight-text';
import { moodName } from '../moods';
import type { SectionNames } from '../sections';
import { timeLeft } from '../waiting';

/**
 * The person's writing arranged for reading away from the app: the one arrangement that the
 * Markdown export writes out and the print view lays out on paper, so the two never differ
 * in what they hold or in how they name it. Everything here is plain data; each of them
 * renders it in its own way. It runs a little over 300 lines because it names every kind
 * of item and every tool of the companion in one place: split, the labels would drift apart.
 */

/** Words, and what they are: the person's own, a note (which may use Markdown), or the guide's. */
export interface Passage {
  text: string;
  as: 'writing' | 'note' | 'quote';
}

/** One thing kept: what it is, short facts about it ("Mood: 2 · Low"), then its words. */
export interface Block {
  heading?: string;
  facts: string[];
  passages: Passage[];
}

/** The things of one kind under a chapter: a section's highlights, a step's messages. */
export interface Part {
  heading?: string;
  blocks: Block[];
}

/** A section, a step or a day. */
export interface Chapter {
  title: string;
  parts: Part[];
}

/** What the print view lays out: everything by section, or the journal by day. */
export type { PrintWhat } from '../../../../shared/export/schemas';

/** How dates are written: the app's own way (lib/dates), unless a test asks for another. */
export interface DateWords {
  date(iso: string): string;
  dateTime(iso: string): string;
}

export const APP_DATE_WORDS: DateWords = { date: formatDate, dateTime: formatDateTime };

/** The names of sections, as the app gives them: discreet ones when the person chose so. */
export type Names = Pick<SectionNames, 'list' | 'section' | 'discreet'>;

type EntryItem<T extends StepWorkType> = StepWork & {
  entry: Extract<StepWorkEntry, { type: T }>;
};

const isBlank = (text: string) => text.trim() === '';
const byCreated = (a: NotebookItem, b: NotebookItem) => a.created.localeCompare(b.created);
const passage = (text: string, as: Passage['as'] = 'writing'): Passage[] =>
  isBlank(text) ? [] : [{ text, as }];

function entriesOf<T extends StepWorkType>(items: readonly NotebookItem[], type: T) {
  return items
    .filter((item): item is EntryItem<T> => item.kind === 'step-work' && item.entry.type === type)
    .sort(byCreated);
}

/** A section's note (one, unless two were merged from elsewhere), unless it has no words. */
export function notePart(notes: readonly SectionNote[], dates: DateWords): Part[] {
  const blocks = [...notes]
    .sort(byCreated)
    .filter((note) => !isBlank(note.text))
    .map((note) => ({
      facts: [`Last changed ${dates.dateTime(note.updated)}`],
      passages: passage(note.text, 'note'),
    }));
  return blocks.length === 0 ? [] : [{ heading: 'Note', blocks }];
}

/** A section's highlights in the order of the text they mark, each quote and its note. */
export function highlightsPart(highlights: readonly Highlight[]): Part[] {
  if (highlights.length === 0) return [];
  const inTextOrder = [...highlights].sort(
    (a, b) => a.anchor.start - b.anchor.start || byCreated(a, b),
  );
  return [
    {
      heading: 'Highlights',
      blocks: inTextOrder.map((highlight, index) => ({
        heading: `${index + 1}. ${COLOUR_NAMES[highlight.colour]}`,
        facts: [],
        passages: [
          { text: highlight.anchor.quote, as: 'quote' as const },
          ...passage(highlight.note),
        ],
      })),
    },
  ];
}

function reflectionsPart(items: readonly NotebookItem[], step: StepNumber): Part[] {
  const mine = entriesOf(items, 'step').filter(({ entry }) => entry.step === step);
  const blocks = mine.flatMap(({ entry }): Block[] => [
    ...(entry.status
      ? [{ facts: [`Status: ${STEP_STATUS_NAMES[entry.status]}`], passages: [] }]
      : []),
    ...REFLECTION_PROMPTS[step]
      .filter(({ id }) => !isBlank(entry.answers[id] ?? ''))
      .map(({ id, text }) => ({
        heading: text,
        facts: [],
        passages: passage(entry.answers[id] ?? ''),
      })),
  ]);
  return blocks.length === 0 ? [] : [{ heading: 'Your reflections', blocks }];
}

/** When a message's wait ends, as the page reads it: timeLeft from the epoch is that moment. */
const waitEnd = (item: EntryItem<'message'>) =>
  new Date(timeLeft(item.entry.waitUntil, 0, item.updated)).toISOString();

/** Each tool of the companion but the weighing: its part's heading, and each entry as a block. */
const TOOLS: {
  [T in Exclude<StepWorkType, 'step' | 'weighing'>]: {
    heading: string;
    block(item: EntryItem<T>, dates: DateWords): Block;
    order?(a: EntryItem<T>, b: EntryItem<T>): number;
  };
} = {
  message: {
    heading: 'Messages',
    block: (item, dates) => ({
      heading: `Written ${dates.dateTime(item.created)}`,
      facts: item.entry.waitUntil ? [`Set to wait until ${dates.dateTime(waitEnd(item))}`] : [],
      passages: passage(item.entry.text),
    }),
  },
  need: {
    heading: STEP_WORK_NAMES.need,
    block: ({ created, entry }, dates) => ({
      heading: `Noted ${dates.date(created)}`,
      facts: entry.canGive ? [`Can you give him this? ${CAN_GIVE_NAMES[entry.canGive]}`] : [],
      passages: passage(entry.text),
    }),
  },
  contact: {
    heading: STEP_WORK_NAMES.contact,
    // Day by day, as a log is read on paper: the first day first.
    order: (a, b) => a.entry.date.localeCompare(b.entry.date) || byCreated(a, b),
    block: ({ entry }, dates) => ({
      heading: `${dates.date(entry.date)} · ${CONTACT_FROM_NAMES[entry.from]}`,
      facts: [],
      passages: passage(entry.note),
    }),
  },
  'self-care': {
    heading: STEP_WORK_NAMES['self-care'],
    block: ({ created, entry }, dates) => ({
      heading: `Added ${dates.date(created)}`,
      facts: [entry.doneOn ? `Done on ${dates.date(entry.doneOn)}` : 'Not done yet'],
      passages: passage(entry.text),
    }),
  },
};

function toolPart<T extends keyof typeof TOOLS>(
  items: readonly NotebookItem[],
  type: T,
  dates: DateWords,
): Part[] {
  const tool = TOOLS[type] as (typeof TOOLS)[T];
  const entries = entriesOf(items, type).sort(tool.order ?? byCreated);
  if (entries.length === 0) return [];
  return [{ heading: tool.heading, blocks: entries.map((item) => tool.block(item, dates)) }];
}

/** Step 7's weighing: what staying costs, and what it gives. */
export function weighingPart(items: readonly NotebookItem[], dates: DateWords): Part[] {
  const blocks = entriesOf(items, 'weighing').flatMap(({ entry, updated }): Block[] => [
    { facts: [`Last changed ${dates.dateTime(updated)}`], passages: [] },
    ...(isBlank(entry.costs)
      ? []
      : [{ heading: 'What staying costs me', facts: [], passages: passage(entry.costs) }]),
    ...(isBlank(entry.gives)
      ? []
      : [{ heading: 'What staying gives me', facts: [], passages: passage(entry.gives) }]),
  ]);
  return blocks.length === 0 ? [] : [{ heading: STEP_WORK_NAMES.weighing, blocks }];
}

/**
 * A step's companion work, tool by tool in the order the Steps page shows them: the
 * person's status and answers, then the step's own tool. The weighing, step 7's tool, is
 * left to weighingPart, since the Markdown export keeps it in a file of its own.
 */
export function stepParts(
  items: readonly NotebookItem[],
  step: StepNumber,
  dates: DateWords,
): Part[] {
  const ofStep = items.filter(
    (item) => item.kind === 'step-work' && stepOfEntry(item.entry) === step,
  );
  return [
    ...reflectionsPart(ofStep, step),
    ...toolPart(ofStep, 'message', dates),
    ...toolPart(ofStep, 'need', dates),
    ...toolPart(ofStep, 'contact', dates),
    ...toolPart(ofStep, 'self-care', dates),
  ];
}

/** A journal entry: its mood, tags and section as facts, then what was written. */
function journalBlock(entry: JournalEntry, names: Names, dates: DateWords): Block {
  return {
    heading: `Written ${dates.dateTime(entry.created)}`,
    facts: [
      ...(entry.mood ? [`Mood: ${moodName(entry.mood)}`] : []),
      ...(entry.tags.length > 0 ? [`Tags: ${entry.tags.join(', ')}`] : []),
      ...(entry.sectionId ? [`About: ${names.section(entry.sectionId)}`] : []),
    ],
    passages: passage(entry.text),
  };
}

/**
 * The journal day by day, the first day first, as a diary is read on paper and as the
 * files of the export sort by name; on one day, in the order the entries were written.
 */
export function journalDays(
  items: readonly NotebookItem[],
  names: Names,
  dates: DateWords,
): { day: string; chapter: Chapter }[] {
  const byDay = new Map<string, JournalEntry[]>();
  for (const item of items) {
    if (item.kind !== 'journal-entry') continue;
    byDay.set(item.date, [...(byDay.get(item.date) ?? []), item]);
  }
  return [...byDay.keys()].sort().map((day) => ({
    day,
    chapter: {
      title: dates.date(day),
      parts: [
        {
          blocks: (byDay.get(day) ?? [])
            .sort(byCreated)
            .map((entry) => journalBlock(entry, names, dates)),
        },
      ],
    },
  }));
}

/** A step's title: "Step 3 · Ask Him What He Needs", or, discreet, the section's "Step 3" alone. */
export function stepTitle(step: StepNumber, names: Names): string {
  const name = names.section(STEP_SECTIONS[step]);
  return names.discreet ? name : `Step ${step} · ${name}`;
}

/** Everything kept about one section of the guide, in guide order, for every section that has any. */
export interface SectionChapter {
  id: SectionId;
  /** Its place in the guide, from 1: the same number whatever else has anything kept. */
  number: number;
  /** Its name, as the contents give it, for the names of files. */
  name: string;
  /** Its heading: the name, or for a step, "Step 3 · " and the name (stepTitle). */
  title: string;
  note: Part[];
  highlights: Part[];
  /** For a step: its companion work, and for step 7 the weighing. */
  companion: Part[];
}

export function sectionChapters(
  items: readonly NotebookItem[],
  names: Names,
  dates: DateWords,
): SectionChapter[] {
  return names.list().flatMap(({ id, name }, index): SectionChapter[] => {
    const step = stepOfSection(id);
    const chapter = {
      id,
      number: index + 1,
      name,
      title: step ? stepTitle(step, names) : name,
      note: notePart(
        items.filter((item): item is SectionNote => item.kind === 'note' && item.sectionId === id),
        dates,
      ),
      highlights: highlightsPart(
        items.filter(
          (item): item is Highlight => item.kind === 'highlight' && item.sectionId === id,
        ),
      ),
      companion: step
        ? [...stepParts(items, step, dates), ...(step === 7 ? weighingPart(items, dates) : [])]
        : [],
    };
    const parts = [chapter.note, chapter.highlights, chapter.companion];
    return parts.every((part) => part.length === 0) ? [] : [chapter];
  });
}
