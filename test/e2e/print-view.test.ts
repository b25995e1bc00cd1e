import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import type { MainServices } from '../../src/main/ipc/handlers';
import type { StepWorkEntry } from '../../src/shared/companion/model';
import type { SectionId } from '../../src/shared/guide/ids';
import { axeFindings } from '../support/axe';
import { useRendererHost } from '../support/e2e-host';
import { greyPixels } from '../support/png-pixels';
import { E2E_PASSPHRASE, type RendererHost } from '../support/renderer-host';
import { tempDirs } from '../support/temp-dir';

/**
 * The print view in Chromium, on the real main and a real vault: the notebook and the
 * journal laid out for paper, printed by Chromium's own PDF output (the engine of Electron's
 * printToPDF), then read back with poppler: pdftoppm draws the pages, pdftotext reads their
 * words. Every item must be on the pages, in the order the view promises, over more than one
 * page, and no page may be blank.
 */
const session = useRendererHost('stillwater-e2e-print-');
const scratch = tempDirs('stillwater-e2e-pdf-');

function hasTool(tool: string): boolean {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const POPPLER = hasTool('pdftoppm') && hasTool('pdftotext');
if (!POPPLER) {
  // Said loudly: a skipped check must never pass for a passed one.
  process.stderr.write('\nSKIPPED: pdftoppm not found (apt-get install poppler-utils)\n\n');
}

/** Words long enough, over enough items, to run to several pages. */
const sentence = (marker: string) =>
  `${marker} begins here, and goes on a while so that the page fills as a real notebook would. ` +
  `It says something calm about the day, the weather, and what was hard and what was kind.`;
const paragraphs = (marker: string) =>
  [1, 2, 3].map((part) => sentence(`${marker} paragraph ${part}`)).join('\n\n');

/** What is kept, in the order the notebook view lays it out: guide order, section by section. */
async function fillNotebook(services: MainServices): Promise<string[]> {
  const { notebook } = services;
  const shown: string[] = [];
  const note = async (sectionId: SectionId, marker: string) => {
    const text = paragraphs(marker);
    await notebook.saveNote({ sectionId, text });
    shown.push(...text.split('\n\n'));
  };
  const highlight = async (sectionId: SectionId, quote: string, start: number, note: string) => {
    const anchor = {
      quote,
      prefix: '',
      suffix: '',
      start,
      end: start + quote.length,
      guideVersion: 1,
    };
    await notebook.saveHighlight({ sectionId, anchor, colour: 'yellow', note });
  };
  const step = (entry: StepWorkEntry) => notebook.saveStepWork({ entry });

  await note('intro', 'Note on the introduction');
  await note('reason-1', 'Note on the first reason');
  // Saved out of order: the view lists them in the order of the text they mark.
  await highlight('reason-1', 'Quoted words further down', 300, sentence('Highlight note two'));
  await highlight('reason-1', 'Quoted words near the top', 20, sentence('Highlight note one'));
  shown.push(
    'Quoted words near the top',
    sentence('Highlight note one'),
    'Quoted words further down',
    sentence('Highlight note two'),
  );
  await note('reason-3', 'Note on the third reason');
  await note('avoid-1', 'Note on the ultimatum');
  await step({
    type: 'step',
    step: 1,
    status: 'trying',
    answers: { feel: sentence('Answer on feeling') },
  });
  await step({ type: 'message', text: sentence('Message kept'), waitUntil: null });
  shown.push('Status: Trying', sentence('Answer on feeling'), sentence('Message kept'));
  await note('step-2', 'Note on the second step');
  await step({ type: 'need', text: sentence('Need noted'), canGive: 'yes' });
  shown.push('Can you give him this? Yes', sentence('Need noted'));
  await step({ type: 'contact', date: '2026-02-03', from: 'me', note: sentence('Contact later') });
  await step({
    type: 'contact',
    date: '2026-02-01',
    from: 'him',
    note: sentence('Contact earlier'),
  });
  shown.push(sentence('Contact earlier'), sentence('Contact later'));
  await step({ type: 'self-care', text: sentence('Something for me'), doneOn: '2026-02-02' });
  await step({
    type: 'weighing',
    costs: sentence('Staying costs'),
    gives: sentence('Staying gives'),
  });
  shown.push(sentence('Something for me'), sentence('Staying costs'), sentence('Staying gives'));
  return shown;
}

/** Journal entries saved in no particular order of days; the view reads them day by day. */
async function fillJournal(services: MainServices): Promise<string[]> {
  const days = ['2026-01-05', '2026-01-02', '2026-01-09', '2026-01-02', '2026-01-07', '2026-01-03'];
  const saved: { date: string; text: string }[] = [];
  for (const [index, date] of days.entries()) {
    const text = paragraphs(`Journal entry ${index + 1}`);
    await services.notebook.saveJournalEntry({
      date,
      text,
      mood: 3,
      tags: [`tag${index + 1}`],
      sectionId: null,
    });
    saved.push({ date, text });
  }
  // Oldest day first; on one day, in the order written (a stable sort keeps that).
  return saved
    .sort((a, b) => a.date.localeCompare(b.date))
    .flatMap(({ text }) => text.split('\n\n'));
}

/** The vault made and opened, filled, then the app opened on it at the guide. */
async function openWith(host: RendererHost, fill: (services: MainServices) => Promise<string[]>) {
  await host.services.vault.create(E2E_PASSPHRASE);
  const shown = await fill(host.services);
  await host.open();
  return shown;
}

/**
 * Saves the PDF as a person does, with "Save as PDF…": main asks where (the dialog answers a
 * scratch folder), prints the page with Chromium's PDF output as the app's window would with
 * printToPDF, and writes it. Then poppler reads it back.
 */
async function printAndRead(host: RendererHost) {
  const folder = scratch();
  const pdf = path.join(folder, 'print.pdf');
  host.dialogs.answerNext(pdf);
  await host.page.getByRole('button', { name: 'Save as PDF…' }).click();
  await host.page.getByRole('status').filter({ hasText: 'Saved print.pdf.' }).waitFor();
  // Readable by its owner only: the export is plain, but not for other users of the computer.
  expect(statSync(pdf).mode & 0o777).toBe(0o600);
  execFileSync('pdftoppm', ['-r', '50', '-png', pdf, path.join(folder, 'page')]);
  const pages = readdirSync(folder)
    .filter((file) => file.startsWith('page') && file.endsWith('.png'))
    .sort()
    .map((file) => greyPixels(readFileSync(path.join(folder, file))));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  return { pages, text: plain(text) };
}

/** Words as they read, whatever lines and ligatures the page set them in. */
const plain = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

/** Share of a page's pixels that are not white: ink. */
const inked = ({ grey }: { grey: Uint8Array }) =>
  grey.reduce((count, level) => count + (level < 200 ? 1 : 0), 0) / grey.length;

function expectInOrder(text: string, expected: readonly string[]): void {
  let from = 0;
  for (const words of expected.map(plain)) {
    const at = text.indexOf(words, from);
    expect(at, `"${words.slice(0, 50)}…" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + words.length;
  }
}

function skipWithoutPdf(context: TestContext): void {
  if (session.browser().found.kind === 'electron') {
    process.stderr.write(
      '\nSKIPPED: page.pdf needs Chromium, Chrome or Edge (set CHROMIUM_PATH)\n\n',
    );
    context.skip();
  }
}

describe.skipIf(!POPPLER)('the print view, printed to PDF', () => {
  it('prints every item of the notebook, section by section, on pages with ink on each', async (context) => {
    skipWithoutPdf(context);
    const host = session.host();
    const shown = await openWith(host, fillNotebook);
    await host.sendMenuCommand('print-notebook');
    const title = host.page.locator('.print-view h1');
    await expect.poll(() => title.textContent()).toBe('Notebook');
    await expect
      .poll(() => host.page.evaluate(() => document.activeElement?.textContent))
      .toBe('Notebook');
    await expect(axeFindings(host.page)).resolves.toEqual([]);

    const { pages, text } = await printAndRead(host);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(inked(page)).toBeGreaterThan(0.001);
    expectInOrder(text, shown);
    // Only the sheet: nothing of the app around it, nor the view's own toolbar.
    expect(text).not.toContain('Skip to the guide');
    expect(text).not.toContain('not protected');
    expect(text).not.toContain('Guide contents');
    expect(text.startsWith('Notebook')).toBe(true);
  });

  it('prints every journal entry, the first day first, and goes back where it was opened', async (context) => {
    skipWithoutPdf(context);
    const host = session.host();
    const shown = await openWith(host, fillJournal);
    await host.page.getByRole('button', { name: 'Journal' }).click();
    await host.page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await host.sendMenuCommand('print-journal');
    await host.page.locator('.print-view h1', { hasText: 'Journal' }).waitFor();

    const { pages, text } = await printAndRead(host);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(inked(page)).toBeGreaterThan(0.001);
    expectInOrder(text, shown);
    expect(text).toContain('Mood: 3 · Steady');

    await host.page.getByRole('button', { name: 'Back', exact: true }).click();
    await host.page.locator('main h1', { hasText: 'Journal' }).waitFor();
    expect(await host.page.locator('.print-view').count()).toBe(0);
  });
});
