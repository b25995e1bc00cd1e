import { describe, expect, it } from 'vitest';
import { openRealMain, type RealMain } from '../../../../../test/support/real-api';
import {
  MAX_NAME_LENGTH,
  exportFilesProblem,
  isSafeExportPath,
  type ExportFile,
} from '../../../../shared/export/model';
import type { Guide } from '../../../../shared/guide/model';
import { guide } from '../guide';
import { SectionNames } from '../sections';
import { markdownExport } from './markdown-export';
import type { DateWords } from './notebook-outline';

/** Dates as plain marks, so what a file says about one can be asserted whatever the locale. */
const DATES: DateWords = { date: (iso) => `[day ${iso}]`, dateTime: (iso) => `[moment ${iso}]` };
const NOW = new Date('2026-03-10T12:00:00Z');
const label = (id: string) =>
  guide.parts.flatMap((part) => part.sections).find((section) => section.id === id)?.label ?? '';

/** One of everything a person can keep, saved through the real main, and what must not go out. */
async function fillNotebook(app: RealMain) {
  const { api } = app;
  await api.saveNote({ sectionId: 'intro', text: 'A note on the *introduction*\nsecond line' });
  await api.saveNote({ sectionId: 'reason-2', text: 'Control # is not a heading of mine' });
  const anchor = (quote: string, start: number) => ({
    quote,
    prefix: '',
    suffix: '',
    start,
    end: start + quote.length,
    guideVersion: 1,
  });
  await api.saveHighlight({
    sectionId: 'reason-2',
    anchor: anchor('later words of the guide', 200),
    colour: 'pink',
    note: 'Why this one matters',
  });
  await api.saveHighlight({
    sectionId: 'reason-2',
    anchor: anchor('earlier words\nover two lines', 10),
    colour: 'green',
    note: '',
  });
  await api.saveJournalEntry({
    date: '2026-03-02',
    text: 'Second entry of the day',
    mood: 4,
    tags: ['walk'],
    sectionId: null,
  });
  await api.saveJournalEntry({
    date: '2026-03-01',
    text: 'Quiet day. | pipes and <angle> stay',
    mood: 2,
    tags: ['../../etc: *x*', 'sleep'],
    sectionId: 'reason-1',
  });
  await api.saveJournalEntry({
    date: '2026-03-02',
    text: 'Third entry, written last',
    mood: null,
    tags: [],
    sectionId: null,
  });
  const step = async (entry: Parameters<typeof api.saveStepWork>[0]['entry']) =>
    api.saveStepWork({ entry });
  await step({
    type: 'step',
    step: 1,
    status: 'trying',
    answers: { feel: 'Tired, and hopeful', calm: 'Softly, in the morning' },
  });
  await step({ type: 'message', text: 'When you are ready, I am here.', waitUntil: null });
  await step({
    type: 'message',
    text: 'A message that waits a day',
    waitUntil: new Date(Date.now() + 24 * 3_600_000).toISOString(),
  });
  await step({ type: 'need', text: 'Space at weekends', canGive: 'not-yet' });
  await step({ type: 'contact', date: '2026-03-04', from: 'me', note: 'I wrote first' });
  await step({ type: 'contact', date: '2026-03-03', from: 'him', note: 'A short reply' });
  await step({ type: 'self-care', text: 'Swim on Saturday', doneOn: '2026-03-07' });
  await step({ type: 'self-care', text: 'Call my sister', doneOn: null });
  await step({ type: 'weighing', costs: 'Sleepless nights', gives: 'Our Sunday walks' });
  // Neither a draft nor the trash goes out.
  const gone = await api.saveJournalEntry({
    date: '2026-03-05',
    text: 'Put in the trash',
    mood: null,
    tags: [],
    sectionId: null,
  });
  await api.trashItem({ id: gone.id });
  await api.saveDraft({ key: 'journal:new', fields: { text: 'An unsaved draft' } });
  return api.getNotebook();
}

const fileAt = (files: ExportFile[], path: string): string => {
  const found = files.find((file) => file.path === path);
  if (!found) throw new Error(`no file ${path}; there are ${files.map((f) => f.path).join(', ')}`);
  return found.text;
};

const names = (discreetTitles: boolean, of: Guide = guide) =>
  new SectionNames(of, { discreetTitles });

describe('markdownExport', () => {
  it('writes every item, once, in a file per section, day and step, and nothing else', async () => {
    const notebook = await fillNotebook(await openRealMain());
    const files = markdownExport(notebook, { names: names(false), now: NOW, dates: DATES });

    expect(files.map((file) => file.path)).toEqual([
      'README.md',
      `notes/01 ${label('intro')}.md`,
      `notes/03 ${label('reason-2')}.md`,
      `highlights/03 ${label('reason-2')}.md`,
      'journal/2026-03-01.md',
      'journal/2026-03-02.md',
      'steps/step-1.md',
      'steps/step-3.md',
      'steps/step-4.md',
      'steps/step-5.md',
      'steps/weighing-it-up.md',
    ]);
    expect(exportFilesProblem(files)).toBeNull();

    expect(fileAt(files, `notes/01 ${label('intro')}.md`)).toMatch(
      /^# Introduction\n\n## Note\n\n- Last changed \[moment .+\]\n\nA note on the \*introduction\*\nsecond line\n$/,
    );
    // As typed: a "#" of the person's stays where they put it, unescaped.
    expect(fileAt(files, `notes/03 ${label('reason-2')}.md`)).toContain(
      '\n\nControl # is not a heading of mine\n',
    );

    const highlights = fileAt(files, `highlights/03 ${label('reason-2')}.md`);
    expect(highlights).toContain(
      '### 1. Green\n\n> earlier words\n> over two lines\n\n### 2. Pink\n\n> later words of the guide\n\nWhy this one matters\n',
    );

    expect(fileAt(files, 'journal/2026-03-01.md')).toMatch(
      new RegExp(
        '^# \\[day 2026-03-01\\]\n\n## Written \\[moment .+\\]\n\n' +
          '- Mood: 2 · Low\n- Tags: \\.\\./\\.\\./etc: \\*x\\*, sleep\n' +
          `- About: ${label('reason-1')}\n\nQuiet day\\. \\| pipes and <angle> stay\n$`,
      ),
    );
    const secondDay = fileAt(files, 'journal/2026-03-02.md');
    expect(secondDay.indexOf('Second entry of the day')).toBeLessThan(
      secondDay.indexOf('Third entry, written last'),
    );
    expect(secondDay).toContain('- Mood: 4 · Good');

    const stepOne = fileAt(files, 'steps/step-1.md');
    expect(stepOne).toMatch(new RegExp(`^# Step 1 · ${label('step-1')}\n`));
    expect(stepOne).toContain('## Your reflections\n\n- Status: Trying\n\n');
    expect(stepOne).toContain(
      '### What do you feel about how things are between you right now?\n\nTired, and hopeful\n\n',
    );
    expect(stepOne).toContain('### How could you say it so that it does not sound like a fight?');
    // A question not answered is not listed.
    expect(stepOne).not.toContain('What would you like him to know');
    expect(stepOne).toContain('## Messages\n\n');
    expect(stepOne).toContain('When you are ready, I am here.');
    expect(stepOne).toMatch(
      /- Set to wait until \[moment \d{4}-\d\d-\d\dT[\d:.]+Z\]\n\nA message that waits a day/,
    );
    expect(fileAt(files, 'steps/step-3.md')).toMatch(
      /## What he needs\n\n### Noted \[day .+\]\n\n- Can you give him this\? Not yet\n\nSpace at weekends\n/,
    );
    // The log by its days, the first day first, whatever order it was written in.
    const log = fileAt(files, 'steps/step-4.md');
    expect(log).toContain(
      '## Contact log\n\n### [day 2026-03-03] · From him\n\nA short reply\n\n### [day 2026-03-04] · From me\n\nI wrote first\n',
    );
    const care = fileAt(files, 'steps/step-5.md');
    expect(care).toMatch(/- Done on \[day 2026-03-07\]\n\nSwim on Saturday\n/);
    expect(care).toMatch(/- Not done yet\n\nCall my sister\n/);
    expect(fileAt(files, 'steps/weighing-it-up.md')).toMatch(
      /^# Weighing it up\n\n- Last changed .+\n\n## What staying costs me\n\nSleepless nights\n\n## What staying gives me\n\nOur Sunday walks\n$/,
    );

    const everything = files.map((file) => file.text).join('\n');
    expect(everything).not.toContain('Put in the trash');
    expect(everything).not.toContain('An unsaved draft');
  });

  it('says in its README when it was made, what is in it, and that it is not protected', async () => {
    const notebook = await fillNotebook(await openRealMain());
    const readme = fileAt(
      markdownExport(notebook, { names: names(false), now: NOW, dates: DATES }),
      'README.md',
    );
    expect(readme).toContain('Exported on [moment 2026-03-10T12:00:00.000Z].');
    expect(readme).toContain('These files are not protected.');
    for (const folder of ['notes', 'highlights', 'journal', 'steps']) {
      expect(readme).toContain(`- ${folder}: `);
    }
    expect(readme).toContain(
      'Items in the trash, drafts you had not saved, the earlier versions of your notes, and where you were reading are not exported.',
    );
  });

  it('holds only its README for an empty notebook', () => {
    const files = markdownExport({ items: [] }, { names: names(false), now: NOW });
    expect(files.map((file) => file.path)).toEqual(['README.md']);
    expect(files[0]?.text).toContain('Nothing: the notebook was empty.');
  });

  it('names sections neutrally, in files and headings, with discreet titles', async () => {
    const notebook = await fillNotebook(await openRealMain());
    const files = markdownExport(notebook, { names: names(true), now: NOW, dates: DATES });
    expect(files.map((file) => file.path)).toContain('notes/03 Reason 2.md');
    expect(files.map((file) => file.path)).toContain('highlights/03 Reason 2.md');
    expect(fileAt(files, 'steps/step-1.md')).toMatch(/^# Step 1\n/);
    expect(fileAt(files, 'journal/2026-03-01.md')).toContain('- About: Reason 1\n');
    const everything = files.map((file) => `${file.path}\n${file.text}`).join('\n');
    for (const section of guide.parts.flatMap((part) => part.sections)) {
      if (section.label !== 'Introduction') expect(everything).not.toContain(section.label);
    }
    expect(everything).not.toContain(guide.title);
  });

  it('makes safe file names from any title', async () => {
    const hostile = [
      '../../etc/passwd',
      'CON',
      '.hidden',
      'a\u0000b\u202ec.exe',
      '<x>:"y"|?*\\z',
      'x'.repeat(300),
      '...',
    ];
    let index = 0;
    const strange: Guide = {
      ...guide,
      parts: guide.parts.map((part) => ({
        ...part,
        sections: part.sections.map((section) => ({
          ...section,
          label: hostile[index++ % hostile.length] ?? '',
        })),
      })),
    };
    const app = await openRealMain();
    for (const sectionId of [
      'intro',
      'reason-1',
      'reason-2',
      'reason-3',
      'reason-4',
      'reason-5',
      'avoid-1',
    ] as const) {
      await app.api.saveNote({ sectionId, text: `note in ${sectionId}` });
    }
    const files = markdownExport(await app.api.getNotebook(), {
      names: names(false, strange),
      now: NOW,
    });
    const notes = files.filter((file) => file.path.startsWith('notes/')).map((file) => file.path);
    expect(notes).toEqual([
      'notes/01 .. .. etc passwd.md',
      'notes/02 CON.md',
      'notes/03 .hidden.md',
      'notes/04 a b c.exe.md',
      'notes/05 x y z.md',
      `notes/06 ${'x'.repeat(80)}.md`,
      'notes/07.md',
    ]);
    for (const path of notes) {
      expect(isSafeExportPath(path)).toBe(true);
      expect(path.split('/').every((part) => part.length <= MAX_NAME_LENGTH)).toBe(true);
    }
    expect(exportFilesProblem(files)).toBeNull();
    // The heading inside keeps the title as it is: it is text, not a name on the disk.
    expect(files.find((file) => file.path === 'notes/01 .. .. etc passwd.md')?.text).toMatch(
      /^# \.\.\/\.\.\/etc\/passwd\n/,
    );
  });

  it('goes on in a second file where one would be larger than main writes', async () => {
    const app = await openRealMain();
    const long = Array.from({ length: 400 }, (_, line) => `line ${line} ✓ of a long note`).join(
      '\n',
    );
    await app.api.saveNote({ sectionId: 'intro', text: long });
    const limit = 4096;
    const files = markdownExport(await app.api.getNotebook(), {
      names: names(false),
      now: NOW,
      maxFileBytes: limit,
    });
    const notes = files.filter((file) => file.path.startsWith('notes/'));
    expect(notes.length).toBeGreaterThan(2);
    expect(notes.map((file) => file.path).slice(0, 3)).toEqual([
      'notes/01 Introduction.md',
      'notes/01 Introduction (part 2).md',
      'notes/01 Introduction (part 3).md',
    ]);
    expect(notes.every((file) => new TextEncoder().encode(file.text).length <= limit)).toBe(true);
    expect(notes[1]?.text).toMatch(/^# Introduction \(part 2\)\n\n/);
    // Every word is there, in order, once the titles of the later parts are taken out.
    const joined = notes
      .map((file, index) =>
        file.text.replace(index === 0 ? /^[^]*?Last changed .*\n\n/ : /^# .*\n\n/, ''),
      )
      .join('');
    expect(joined).toBe(`${long}\n`);
  });
});
