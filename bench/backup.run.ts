/**
 * Backup and restore at 10,000 notes: making a backup, opening it (every record verified),
 * installing it as a new vault and merging it into an open one, each set beside copying the vault folder (fs.cp), measured
 * in the same run. Also how long a save waits while a backup is being made.
 */
import { cp, readdir, rm, stat } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { openBackup } from '../src/main/backup/backup-reader';
import { writeBackup } from '../src/main/backup/backup-writer';
import { installBackup } from '../src/main/backup/install-backup';
import { calibrateKdf } from '../src/main/vault/kdf';
import { createVault, unlockVault } from '../src/main/vault/opening';
import { Vault, type KdfSettings } from '../src/main/vault/vault';
import { planMerge } from '../src/main/backup/merge-plan';
import { printTable, summarise } from './report';
import { seededNotes } from './seeded-notes';

/** How long each key derivation took, timed from outside: the reader keeps no timings. */
const kdfRuns = vi.hoisted(() => [] as number[]);
vi.mock('../src/main/vault/kdf', async (importOriginal) => {
  const kdf = await importOriginal<typeof import('../src/main/vault/kdf')>();
  return {
    ...kdf,
    deriveKey: async (...args: Parameters<typeof kdf.deriveKey>) => {
      const started = performance.now();
      try {
        return await kdf.deriveKey(...args);
      } finally {
        kdfRuns.push(performance.now() - started);
      }
    },
  };
});

const PASSPHRASE = 'benchmark passphrase';
const NOTES = 10_000;
const ROUNDS = 3;
const scratch = mkdtempSync(path.join(tmpdir(), 'stillwater-bench-backup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; elapsed: number }> {
  const started = performance.now();
  const result = await work();
  return { result, elapsed: performance.now() - started };
}

let kdf: KdfSettings;
const vaultDir = path.join(scratch, 'vault');

it(`backup, open and install at ${NOTES.toLocaleString('en-US')} notes, against fs.cp of the folder`, async () => {
  kdf = await calibrateKdf();
  const { vault: created } = await createVault(vaultDir, PASSPHRASE, { kdf });
  for (const note of seededNotes(NOTES)) await created.put('note', note);
  await created.lock();
  const vaultBytes = await folderBytes(vaultDir);

  const copy: number[] = [];
  const write: number[] = [];
  const open: number[] = [];
  const openKdf: number[] = [];
  const install: number[] = [];
  const merge: number[] = [];
  let backupBytes = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, so any slowdown of the shared disk falls on all alike.
    const copyDir = path.join(scratch, `copy-${round}`);
    copy.push((await timed(() => cp(vaultDir, copyDir, { recursive: true }))).elapsed);
    await rm(copyDir, { recursive: true });

    const vault = await unlockVault(vaultDir, PASSPHRASE);
    const file = path.join(scratch, `backup-${round}.stillwater-backup`);
    const written = await timed(() => writeBackup(vault, file));
    await vault.lock();
    expect(written.result).toMatchObject({ records: NOTES, leftOut: 0 });
    write.push(written.elapsed);
    backupBytes = written.result.bytes;

    kdfRuns.length = 0;
    const opened = await timed(() => openBackup(file, { passphrase: PASSPHRASE }));
    expect(opened.result.records).toHaveLength(NOTES);
    open.push(opened.elapsed);
    openKdf.push(kdfRuns[0] ?? NaN);

    const restoredDir = path.join(scratch, `restored-${round}`);
    install.push((await timed(() => installBackup(opened.result, restoredDir))).elapsed);
    if (round === 0) {
      expect(await folderBytes(restoredDir)).toBe(vaultBytes);
      const restored = await unlockVault(restoredDir, PASSPHRASE);
      expect((await restored.list()).records).toHaveLength(NOTES);
      await restored.lock();
    }
    await rm(restoredDir, { recursive: true });

    // Merging into an open vault (here an empty one): planned, then each record written.
    const mergeDir = path.join(scratch, `merge-${round}`);
    const { vault: target } = await createVault(mergeDir, PASSPHRASE, { kdf });
    const merged = await timed(async () => {
      const plan = planMerge(
        (await target.list()).records,
        opened.result.records,
        { idHere: (name) => target.singletonId(name) },
        { newRecordId: () => Vault.newRecordId() },
      );
      for (const record of plan.writes) await target.putRestored(record);
      return plan;
    });
    expect(merged.result.summary.added.notes).toBe(NOTES);
    merge.push(merged.elapsed);
    await target.lock();
    await rm(mergeDir, { recursive: true });
    await rm(file);
  }

  const median = (values: number[]) => summarise(values).median;
  const baseline = median(copy);
  const row = (what: string, values: number[], bytes: string) => [
    what,
    ms(median(values)),
    `${(median(values) / baseline).toFixed(1)}x`,
    bytes,
  ];
  printTable(
    `Backup and restore at ${NOTES.toLocaleString('en-US')} notes (~700 B each; KDF: Argon2id ` +
      `${kdf.memoryKiB / 1024} MiB, t=${kdf.iterations}, p=${kdf.parallelism}; medians of ${ROUNDS})`,
    ['operation', 'time', 'vs fs.cp', 'size'],
    [
      row('baseline: fs.cp of the vault folder (no fsync)', copy, mb(vaultBytes)),
      row('writeBackup: copy every record, seal, write atomically', write, mb(backupBytes)),
      row('openBackup: verify the seal, manifest and every record', open, '—'),
      [
        '  of which Argon2id (the passphrase)',
        ms(median(openKdf)),
        `${(median(openKdf) / baseline).toFixed(1)}x`,
        '—',
      ],
      row('installBackup: build the folder (fsync each file), rename in', install, mb(vaultBytes)),
      row('merge into an open vault: plan, then write each record', merge, mb(vaultBytes)),
    ],
  );
}, 1_800_000);

it('how long a save waits while a backup is being made', async () => {
  const vault: Vault = await unlockVault(vaultDir, PASSPHRASE);
  const { records } = await vault.list();
  const saveTimes = async (during: Promise<unknown> | null) => {
    const times: number[] = [];
    let done = during === null;
    void during?.then(() => (done = true));
    for (let index = 0; index < 200 && (during === null ? index < 50 : !done); index++) {
      const record = records[index % records.length];
      if (!record) break;
      const started = performance.now();
      await vault.put('note', { text: `saved ${index}` }, record.id, record.created);
      times.push(performance.now() - started);
    }
    return times;
  };
  const alone = await saveTimes(null);
  const file = path.join(scratch, 'during.stillwater-backup');
  const backup = writeBackup(vault, file);
  const during = await saveTimes(backup);
  await backup;
  await vault.lock();
  const show = (what: string, times: number[]) => {
    const { median: mid, p95 } = summarise(times);
    return [what, String(times.length), ms(mid), ms(p95), ms(Math.max(...times))];
  };
  printTable(
    'A save of one record while a backup of 10,000 is made',
    ['', 'saves', 'median', 'p95', 'longest'],
    [show('with no backup running', alone), show('while the backup runs', during)],
  );
  expect(during.length).toBeGreaterThan(0);
}, 600_000);
