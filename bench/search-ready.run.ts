/**
 * `npm run bench`: how soon search answers after unlocking, timed in main itself, where the
 * index is built: the notebook of bench/seeded-notebook.ts at 10,000 and 50,000 items. The
 * page asks for the notebook and the person's first query together; both are timed from
 * the unlock's end. (bench/notebook-at-scale.run.ts times the same through a page, in a
 * harness whose own work competes with main's.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import guideContent from '../resources/guide/guide.json';
import { captureLogger } from '../test/support/capture-logger';
import { FAST_KDF } from '../test/support/vault-fixtures';
import type { Guide } from '../src/shared/guide/model';
import { NotebookService } from '../src/main/notebook/notebook-service';
import { SearchService } from '../src/main/search/search-service';
import { VaultSession } from '../src/main/vault/vault-session';
import { printTable } from './report';
import { seedVault } from './seeded-notebook';
import { zipfVocabulary } from './seeded-notes';

const PASSPHRASE = 'benchmark passphrase';
const TIERS = [10_000, 50_000] as const;
const GOALS = { 10_000: '≤ 1 s', 50_000: '≤ 3 s' } as const;
const ROUNDS = 3;
/** A word of the seeded journal's vocabulary, as the page bench searches for. */
const QUERY = zipfVocabulary()[400] ?? 'quiet';
const scratch = mkdtempSync(path.join(tmpdir(), 'stillwater-bench-search-ready-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ms = (value: number) => `${value.toFixed(0)} ms`;
const range = (values: number[]) =>
  `${ms(Math.min(...values))}–${ms(Math.max(...values))}`.replace(' ms–', '–');

it('search ready after unlock, at 10,000 and 50,000 items', async () => {
  const dir = path.join(scratch, 'vault');
  const session = new VaultSession({ dir, kdf: FAST_KDF });
  await session.create(PASSPHRASE);
  let seeded = 0;
  const rows: string[][] = [];
  for (const tier of TIERS) {
    await seedVault(session.current(), seeded, tier);
    seeded = tier;
    const read: number[] = [];
    const answered: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await session.lock();
      await session.unlock(PASSPHRASE);
      const notebook = new NotebookService(session, { logger: captureLogger() });
      const search = new SearchService({
        guide: guideContent as Guide,
        notebook,
        locale: () => 'en-GB',
      });
      const started = performance.now();
      const opened = notebook.notebook().then(() => performance.now() - started);
      const hits = await search.search(QUERY);
      answered.push(performance.now() - started);
      read.push(await opened);
      expect(hits.length).toBeGreaterThan(0);
    }
    rows.push([tier.toLocaleString('en-US'), range(read), range(answered), GOALS[tier]]);
  }
  await session.lock();
  printTable(
    `Search ready after unlock, in main (${ROUNDS} rounds; the test KDF; query "${QUERY}")`,
    ['items', 'notebook read', 'first answer', 'goal for the first answer'],
    rows,
  );
}, 900_000);
