import { STEP_NUMBERS, STEP_WORK_NAMES } from '../../../../shared/companion/model';
import {
  MAX_EXPORT_FILE_BYTES,
  MAX_EXPORT_FILES,
  MAX_NAME_LENGTH,
  safeName,
  utf8Length,
  type ExportFile,
} from '../../../../shared/export/model';
import type { NotebookItem } from '../../../../shared/notebook/model';
import {
  APP_DATE_WORDS,
  journalDays,
  sectionChapters,
  stepParts,
  stepTitle,
  weighingPart,
  type Block,
  type Chapter,
  type DateWords,
  type Names,
  type Part,
} from './notebook-outline';

/**
 * The notebook as a folder of Markdown files, composed here in the page, which holds it
 * open, and written by main into a new folder (main/export/export-writer.ts):
 *
 *   README.md                   what this is, and that it is not protected
 *   notes/01 Introduction.md    a section's note, numbered in the guide's order
 *   highlights/02 ….md          a section's highlights: quote, colour and note
 *   journal/2026-03-01.md       one day of the journal
 *   steps/step-1.md             a step's answers and its tool; steps/weighing-it-up.md
 *
 * The person's words are written exactly as typed, Markdown and all: they are theirs, and
 * escaping them would change them. Only the names of files are made safe. A file that
 * would be larger than main writes goes on in "… (part 2).md".
 */

export interface MarkdownExportOptions {
  names: Names;
  now: Date;
  dates?: DateWords;
  /** How large one file may grow before it goes on in another: main's limit, unless a test's. */
  maxFileBytes?: number;
}

const PART_SUFFIX_ROOM = ` (part ${MAX_EXPORT_FILES})`.length;
/** Room in a name for the ".md" and a " (part n)" after the words of the title. */
const STEM_LENGTH = MAX_NAME_LENGTH - '.md'.length - PART_SUFFIX_ROOM;

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** A heading's line: the person's words never reach one, only titles and labels. */
const heading = (level: number, text: string) => `${'#'.repeat(level)} ${text}\n\n`;

function quoted(text: string): string {
  return `${text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n')}\n\n`;
}

function blockMarkdown(block: Block, level: number): string {
  return [
    block.heading ? heading(level, block.heading) : '',
    block.facts.length > 0 ? `${block.facts.map((fact) => `- ${fact}`).join('\n')}\n\n` : '',
    ...block.passages.map(({ text, as }) => (as === 'quote' ? quoted(text) : `${text}\n\n`)),
  ].join('');
}

/** A chapter's Markdown in pieces that a file may be split between: one for each block. */
function pieces(parts: readonly Part[]): string[] {
  return parts.flatMap((part) =>
    part.blocks.map(
      (block, index) =>
        (index === 0 && part.heading ? heading(2, part.heading) : '') +
        blockMarkdown(block, part.heading ? 3 : 2),
    ),
  );
}

/** `pieces`, in order, packed into as few strings as keep each at most `limit` bytes. */
function packed(pieces: Iterable<string>, limit: number): string[] {
  const found = [''];
  let size = 0;
  for (const piece of pieces) {
    const bytes = utf8Length(piece);
    if (size + bytes > limit) {
      found.push('');
      size = 0;
    }
    found[found.length - 1] += piece;
    size += bytes;
  }
  return found;
}

/**
 * `text` in slices of at most `limit` bytes, cut between lines, so that a file ends where a
 * line does; only a line longer than a whole file is cut within it, and never through a
 * letter.
 */
function slices(text: string, limit: number): string[] {
  if (utf8Length(text) <= limit) return [text];
  const lines = text.split(/(?<=\n)/u).flatMap((line) => packed(line, limit));
  return packed(lines, limit);
}

/**
 * One chapter as one file, or as several when it would be too large: each goes on from the
 * last, under the same title marked "part 2", "part 3".
 */
function chapterFiles(folder: string, stem: string, chapter: Chapter, limit: number): ExportFile[] {
  const titled = (part: number) =>
    heading(1, part === 1 ? chapter.title : `${chapter.title} (part ${part})`);
  const room = limit - utf8Length(titled(MAX_EXPORT_FILES));
  const texts = [titled(1)];
  for (const piece of pieces(chapter.parts).flatMap((piece) => slices(piece, room))) {
    const last = texts.length - 1;
    if (utf8Length(texts[last] ?? '') + utf8Length(piece) > limit) texts.push(titled(last + 2));
    texts[texts.length - 1] += piece;
  }
  return texts.map((text, index) => ({
    path: `${folder}/${stem}${index === 0 ? '' : ` (part ${index + 1})`}.md`,
    text: text.replace(/\n*$/, '\n'),
  }));
}

const FOLDERS = {
  notes: 'your notes, one file for each section of the guide, numbered in the guide’s order.',
  highlights:
    'the passages you highlighted, with their colour and your notes, one file for each section.',
  journal: 'your journal, one file for each day, named by its date (year, month, day).',
  steps: 'your work on the seven steps, one file for each step, and what you weighed up in step 7.',
} as const;

function readme(files: readonly ExportFile[], now: Date, dates: DateWords): ExportFile {
  const folders = (Object.keys(FOLDERS) as (keyof typeof FOLDERS)[]).filter((folder) =>
    files.some(({ path }) => path.startsWith(`${folder}/`)),
  );
  const text = [
    heading(1, 'Stillwater export'),
    `Exported on ${dates.dateTime(now.toISOString())}.\n\n`,
    'These files are not protected. What you wrote in Stillwater is in them as plain text, and ' +
      'anyone who can open this folder can read it. Keep it somewhere only you can reach, and ' +
      'delete it when you no longer need it.\n\n',
    heading(2, 'What is here'),
    folders.length === 0
      ? 'Nothing: the notebook was empty.\n\n'
      : `${folders.map((folder) => `- ${folder}: ${FOLDERS[folder]}`).join('\n')}\n\n`,
    'Each file is Markdown, plain text that any text editor opens. What you wrote is kept ' +
      'exactly as you typed it.\n\n',
    heading(2, 'What is not here'),
    'Items in the trash, drafts you had not saved, the earlier versions of your notes, and ' +
      'where you were reading are not exported.\n',
  ].join('');
  return { path: 'README.md', text };
}

export function markdownExport(
  notebook: { readonly items: readonly NotebookItem[] },
  options: MarkdownExportOptions,
): ExportFile[] {
  const { names, now, dates = APP_DATE_WORDS, maxFileBytes = MAX_EXPORT_FILE_BYTES } = options;
  const { items } = notebook;
  const files: ExportFile[] = [];
  const add = (folder: string, stem: string, chapter: Chapter) => {
    if (chapter.parts.length > 0) files.push(...chapterFiles(folder, stem, chapter, maxFileBytes));
  };

  const sections = sectionChapters(items, names, dates);
  const stem = (number: number, name: string) =>
    safeName(`${twoDigits(number)} ${name}`, STEM_LENGTH);
  for (const { number, name, title, note } of sections) {
    add('notes', stem(number, name), { title, parts: note });
  }
  for (const { number, name, title, highlights } of sections) {
    add('highlights', stem(number, name), { title, parts: highlights });
  }
  for (const { day, chapter } of journalDays(items, names, dates)) {
    add('journal', safeName(day), chapter);
  }
  for (const step of STEP_NUMBERS) {
    add('steps', `step-${step}`, {
      title: stepTitle(step, names),
      parts: stepParts(items, step, dates),
    });
  }
  // Its file is named for it already: the part needs no heading of its own.
  add('steps', 'weighing-it-up', {
    title: STEP_WORK_NAMES.weighing,
    parts: weighingPart(items, dates).map(({ blocks }) => ({ blocks })),
  });
  return [readme(files, now, dates), ...files];
}
