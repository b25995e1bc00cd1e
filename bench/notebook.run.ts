/**
 * `npm run bench`: the notebook at 10,000 notes of about 700 bytes, from a seeded generator.
 * Search runs in Node against the renderer's own index code; typing and heap are measured
 * in Chromium with the real main handlers behind the page.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NotebookItem } from '../src/shared/notebook/model';
import { guide } from '../src/renderer/src/lib/guide';
import { SearchIndex, guideDocuments, itemDocument } from '../src/renderer/src/lib/search';
import { snippet } from '../src/renderer/src/lib/snippet';
import { launchTestBrowser, type TestBrowser } from '../test/support/test-browser';
import { E2E_PASSPHRASE, serveAppFolder, startRendererHost } from '../test/support/renderer-host';
import { printTable, summarise } from './report';
import { seededNotes, seededQueries } from './seeded-notes';

const NOTES = 10_000;
const scratch = mkdtempSync(path.join(tmpdir(), 'stillwater-bench-notebook-'));
let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchTestBrowser();
});
afterAll(async () => {
  await browser.close();
  rmSync(scratch, { recursive: true, force: true });
});
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function measureSearch(corpus: 'zipf' | 'dense') {
  const stamp = new Date().toISOString();
  const items: NotebookItem[] = seededNotes(NOTES, corpus).map((note, index) => ({
    kind: 'note',
    id: index.toString(16).padStart(32, '0'),
    created: stamp,
    updated: stamp,
    ...note,
  }));
  const documents = [
    ...guideDocuments(guide),
    ...items.map((item) => itemDocument(item, (id) => id)),
  ];
  const index = new SearchIndex();
  const buildStart = performance.now();
  await index.addAll(documents);
  const build = performance.now() - buildStart;

  const indexed: number[] = [];
  const scanned: number[] = [];
  for (const query of seededQueries(200, corpus)) {
    const start = performance.now();
    const hits = index.search(query, 50);
    for (const hit of hits) snippet(hit.text, hit.terms);
    indexed.push(performance.now() - start);

    const scanStart = performance.now();
    const terms = query.toLowerCase().split(' ');
    const found = documents.filter((doc) =>
      terms.every((term) => doc.text.toLowerCase().includes(term)),
    );
    found.slice(0, 50).forEach((doc) => snippet(doc.text, terms));
    scanned.push(performance.now() - scanStart);
  }
  return { build, indexed: summarise(indexed), scanned: summarise(scanned) };
}

it('search over the guide and 10,000 notes, against a plain scan', async () => {
  const rows: string[][] = [];
  for (const corpus of ['zipf', 'dense'] as const) {
    const { build, indexed, scanned } = await measureSearch(corpus);
    const name =
      corpus === 'zipf'
        ? 'everyday writing (Zipf, 3,000 words)'
        : 'worst case (60 words, all in every note)';
    rows.push([name, 'index build, in chunks', ms(build), '—']);
    rows.push([name, 'query + top 50 + snippets', ms(indexed.median), ms(indexed.p95)]);
    rows.push([name, 'plain scan + top 50 (baseline)', ms(scanned.median), ms(scanned.p95)]);
  }
  printTable(
    `Search, ${NOTES.toLocaleString('en-US')} notes of ~700 bytes + the guide, 200 queries (goal: p95 ≤ 16 ms)`,
    ['corpus', 'operation', 'median', 'p95'],
    rows,
  );
  expect(rows).toHaveLength(6);
});

/** Milliseconds from each key press to the next frame after the textarea changed. */
async function typingLatencies(page: Page, selector: string, keys: string): Promise<number[]> {
  await page.evaluate((wanted) => {
    const field = document.querySelector<HTMLTextAreaElement>(wanted);
    if (!field) throw new Error('no field');
    const latencies: number[] = [];
    (window as unknown as { __latencies: number[] }).__latencies = latencies;
    let pressedAt = 0;
    field.addEventListener('keydown', () => (pressedAt = performance.now()), { capture: true });
    field.addEventListener('input', () => {
      const started = pressedAt;
      requestAnimationFrame(() => setTimeout(() => latencies.push(performance.now() - started)));
    });
    field.focus();
  }, selector);
  // Pauses long enough for autosave to run between bursts, so later keys land while it works.
  for (const [index, key] of [...keys].entries()) {
    await page.keyboard.type(key);
    if (index % 12 === 11) await page.waitForTimeout(650);
  }
  await page.waitForTimeout(100);
  return page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
}

it('typing in a note while autosave runs, and the renderer heap with 10,000 notes', async () => {
  const userData = path.join(scratch, 'user');
  mkdirSync(userData);
  const host = await startRendererHost({ browser, userData });
  await host.services.vault.create(E2E_PASSPHRASE);
  for (const note of seededNotes(NOTES)) await host.services.notebook.saveNote(note);

  const page = host.page;
  await page.goto(`${host.origin}/index.html`);
  await page.locator('main article h1').waitFor();
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('Getting search ready…').waitFor({ state: 'detached', timeout: 120_000 });
  await page.getByRole('button', { name: 'Close search' }).click();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const loaded = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };

  const keys = 'a calm sentence typed while the notes save themselves '.repeat(2);
  const app = await typingLatencies(page, '#section-note', keys);
  await host.close();

  const blankRoot = path.join(scratch, 'blank');
  mkdirSync(blankRoot);
  writeFileSync(
    path.join(blankRoot, 'index.html'),
    '<!doctype html><title>Blank</title><textarea id="plain"></textarea>',
  );
  const blank = await serveAppFolder(blankRoot);
  const blankPage = await browser.newPage();
  const context = blankPage.context();
  await blankPage.goto(`${blank.origin}/index.html`);
  const baseline = await typingLatencies(blankPage, '#plain', keys);
  const blankCdp = await context.newCDPSession(blankPage);
  const blankHeap = (await blankCdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await context.close();
  await new Promise((resolve) => blank.server.close(resolve));

  const appStats = summarise(app);
  const baseStats = summarise(baseline);
  printTable(
    'Typing in Chromium: key press to the next frame',
    ['field', 'keys', 'median', 'p95', 'note'],
    [
      [
        'plain textarea on a blank page (baseline)',
        String(baseline.length),
        ms(baseStats.median),
        ms(baseStats.p95),
        '',
      ],
      [
        'section note, 10,000 notes loaded, autosaving',
        String(app.length),
        ms(appStats.median),
        ms(appStats.p95),
        'goal ≤ 16 ms',
      ],
    ],
  );
  printTable(
    'Renderer heap',
    ['page', 'used JS heap'],
    [
      ['blank page', `${(blankHeap.usedSize / 1024 / 1024).toFixed(1)} MiB`],
      [
        'Stillwater, 10,000 notes loaded and indexed',
        `${(loaded.usedSize / 1024 / 1024).toFixed(1)} MiB`,
      ],
    ],
  );
  expect(app.length).toBeGreaterThan(50);
}, 600_000);
