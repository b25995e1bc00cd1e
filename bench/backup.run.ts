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

/** A backup of 10,000 journal entries, opened: what the merge is timed on. */
async function journalBackup(settings: KdfSettings) {
  const dir = path.join(scratch, 'journal');
  const { vault } = await createVault(dir, PASSPHRASE, { kdf: settings });
  for (const [index, { text, sectionId }] of seededNotes(NOTES, 'zipf', 9).entries()) {
    const date = new Date(Date.UTC(2024, 0, 1) + index * 3_600_000).toISOString().slice(0, 10);
    await vault.put('journal-entry', { v: 1, date, text, mood: null, tags: [], sectionId });
  }
  const file = path.join(scratch, 'journal.stillwater-backup');
  await writeBackup(vault, file);
  await vault.lock();
  const opened = await openBackup(file, { passphrase: PASSPHRASE });
  await rm(file);
  await rm(dir, { recursive: true });
  return opened;
}

let kdf: KdfSettings;
const vaultDir = path.join(scratch, 'vault');

it(`backup, open and install at ${NOTES.toLocaleString('en-US')} notes, against fs.cp of the folder`, async () => {
  kdf = await calibrateKdf();
  const { vault: created } = await createVault(vaultDir, PASSPHRASE, { kdf });
  for (const note of seededNotes(NOTES)) await created.put('note', note);
  await created.lock();
  const vaultBytes = await folderBytes(vaultDir);
  const journal = await journalBackup(kdf);

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

    await rm(file);

    // Merging a backup of as many journal entries (each its own item, unlike notes, of which
    // a section has one) into an open vault: planned, then every record written.
    const mergeDir = path.join(scratch, `merge-${round}`);
    const { vault: target } = await createVault(mergeDir, PASSPHRASE, { kdf });
    const merged = await timed(async () => {
      const plan = planMerge(
        (await target.list()).records,
        journal.records,
        { idHere: (name) => target.singletonId(name) },
        { newRecordId: () => Vault.newRecordId() },
      );
      for (const record of plan.writes) await target.putRestored(record);
      return plan;
    });
    expect(merged.result.summary.added.journalEntries).toBe(NOTES);
    merge.push(merged.elapsed);
    await target.lock();
    await rm(mergeDir, { recursive: true });
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
      row('merge 10,000 journal entries into an open vault: plan, write each', merge, '—'),
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
