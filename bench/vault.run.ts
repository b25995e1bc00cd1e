/**
 * `npm run bench`: what the vault costs. Unlock is split into the KDF and the rest; a save is
 * set beside the plain atomic-write floor measured in the same run.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/main/vault/atomic-file';
import { MANIFEST_FILE } from '../src/main/vault/format';
import { calibrateKdf } from '../src/main/vault/kdf';
import { Vault, createVault, unlockVault, type KdfSettings } from '../src/main/vault/vault';
import { printTable, summarise } from './report';

const PASSPHRASE = 'benchmark passphrase';
const scratch = mkdtempSync(path.join(tmpdir(), 'stillwater-bench-vault-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ms = (value: number) => `${value.toFixed(2)} ms`;
const noteBody = (n: number) => ({
  text: `Note ${n}. ${'A calm sentence of about this length. '.repeat(18)}`,
});

/** Samples the resident set while `work` runs, and returns the highest value seen. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peak };
  } finally {
    clearInterval(sampler);
  }
}

let kdf: KdfSettings;

it('unlock, split into the KDF and the rest, at 0, 1,000 and 10,000 records', async () => {
  kdf = await calibrateKdf();
  const rows: string[][] = [];
  for (const count of [0, 1_000, 10_000]) {
    const dir = path.join(scratch, `vault-${count}`);
    const { vault } = await createVault(dir, PASSPHRASE, { kdf });
    for (let n = 0; n < count; n++) await vault.put('note', noteBody(n));
    await vault.lock();

    const kdfTimes: number[] = [];
    const restTimes: number[] = [];
    const listTimes: number[] = [];
    let peak = 0;
    const baseline = process.memoryUsage().rss;
    for (let run = 0; run < 5; run++) {
      const { result, peak: runPeak } = await peakRss(async () => {
        const opened = await unlockVault(dir, PASSPHRASE);
        const timings = opened.unlockTimings ?? { kdfMs: NaN, totalMs: NaN };
        const startList = performance.now();
        const { records } = await opened.list();
        const listed = performance.now() - startList;
        expect(records).toHaveLength(count);
        await opened.lock();
        return { ...timings, listed };
      });
      peak = Math.max(peak, runPeak);
      kdfTimes.push(result.kdfMs);
      restTimes.push(result.totalMs - result.kdfMs);
      listTimes.push(result.listed);
    }
    rows.push([
      count.toLocaleString('en-US'),
      ms(summarise(kdfTimes).median),
      ms(summarise(restTimes).median),
      ms(summarise(restTimes).p95),
      ms(summarise(listTimes).median),
      `${((peak - baseline) / 1024 / 1024).toFixed(0)} MiB`,
    ]);
  }
  printTable(
    `Unlock (KDF: Argon2id ${kdf.memoryKiB / 1024} MiB, t=${kdf.iterations}, p=${kdf.parallelism}; medians of 5)`,
    [
      'records',
      'KDF',
      'rest of unlock, median (goal ≤ 150 ms)',
      'rest, p95',
      'reading every record after unlock',
      'peak RSS growth',
    ],
    rows,
  );
}, 600_000);

it('saving one ~1 KB record in a 10,000-record vault, against the atomic-write floor', async () => {
  const dir = path.join(scratch, 'vault-10000');
  const vault = await unlockVault(dir, PASSPHRASE);
  const { records } = await vault.list();
  const targets = records.slice(0, 200);
  const bytes = Buffer.alloc(1100);

  const floor: number[] = [];
  const saves: number[] = [];
  // Interleaved, so any slowdown of the disk falls on both alike. The floor is one durable
  // file write as the vault makes it: write, fsync, rename, fsync the folder.
  for (const [index, record] of targets.entries()) {
    const startFloor = performance.now();
    await writeFileAtomic(path.join(scratch, `floor-${index % 8}.bin`), randomBytes(bytes.length));
    floor.push(performance.now() - startFloor);

    const startSave = performance.now();
    await vault.put('note', noteBody(index + 1), record.id, record.created);
    saves.push(performance.now() - startSave);
  }
  const manifestBytes = statSync(path.join(dir, MANIFEST_FILE)).size;
  await vault.lock();
  const floorStats = summarise(floor);
  const saveStats = summarise(saves);
  printTable(
    `Save of one record (200 saves; the manifest is ${(manifestBytes / 1024).toFixed(0)} kB)`,
    ['operation', 'median', 'p95 (goal ≤ 50 ms)', 'vs floor (median)'],
    [
      [
        'floor: write, fsync, rename, fsync folder of 1.1 kB',
        ms(floorStats.median),
        ms(floorStats.p95),
        '1.00x',
      ],
      [
        'vault put: pad, encrypt, write the record, then the manifest',
        ms(saveStats.median),
        ms(saveStats.p95),
        `${(saveStats.median / floorStats.median).toFixed(2)}x (goal ≤ 3x)`,
      ],
    ],
  );
  expect(Vault.newRecordId()).toMatch(/^[0-9a-f]{32}$/);
}, 600_000);

it('re-keying a 10,000-record vault: a new key, and every record sealed again', async () => {
  const dir = path.join(scratch, 'vault-10000');
  const vault = await unlockVault(dir, PASSPHRASE);
  const started = performance.now();
  await vault.rekey(PASSPHRASE, `${PASSPHRASE} renewed`, kdf);
  const elapsed = performance.now() - started;
  await vault.lock();
  printTable(
    'Re-key (someone may know my passphrase)',
    ['records', 'time', 'per record'],
    [['10,000', `${(elapsed / 1000).toFixed(1)} s`, ms(elapsed / 10_000)]],
  );
  expect(vault.isRetiringKey).toBe(false);
}, 600_000);
