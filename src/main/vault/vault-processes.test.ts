import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import { slotId } from '../../../test/support/vault-child';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { isAppError } from '../app-error';
import { createVault, unlockVault } from './opening';

const CHILD = path.resolve(import.meta.dirname, '../../../test/support/vault-child.ts');
const PASSPHRASE = 'still water runs deep';
const SLOTS = 40;
/**
 * Where a rival writer would start counting: far beyond anything the first writer reaches
 * in a test. Under load the rival can take seconds to start, and the first writer saves on
 * meanwhile, past any small number.
 */
const RIVAL_FIRST = 1_000_000_000;
const makeDir = tempDirs('stillwater-crash-');
let dir: string;

beforeEach(async () => {
  dir = path.join(makeDir(), 'vault');
  await (await createVault(dir, PASSPHRASE, { kdf: FAST_KDF })).vault.lock();
});

interface Writer {
  child: ChildProcessWithoutNullStreams;
  /** Every save the writer acknowledged; complete once `exited` has resolved. */
  acked: number[];
  waitFor(line: RegExp): Promise<string>;
  /** Resolves once the writer has exited and all it printed has been read. */
  exited: Promise<number | null>;
}

function startWriter(first: number): Writer {
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    CHILD,
    dir,
    PASSPHRASE,
    String(first),
    String(SLOTS),
  ]);
  const acked: number[] = [];
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete) {
      lines.push(line);
      const ack = /^ack (\d+)$/.exec(line);
      if (ack) acked.push(Number(ack[1]));
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  // 'close', not 'exit': a process can exit before its last lines have been read from the
  // pipe, and those lines are the acknowledgements the tests check the disk against.
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  );
  return {
    child,
    acked,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((line) => pattern.test(line));
        if (seen) return resolve(seen);
        waiters.push({ pattern, resolve });
        void exited.then(() => reject(new Error(`writer exited before ${pattern}`)));
      }),
  };
}

/** The newest acknowledged save for each slot: what must be on disk, at least. */
function newestAcked(acked: number[]): Map<string, number> {
  const newest = new Map<string, number>();
  for (const n of acked)
    newest.set(slotId(n % SLOTS), Math.max(n, newest.get(slotId(n % SLOTS)) ?? -1));
  return newest;
}

describe('the vault across processes', () => {
  it('keeps every acknowledged save when the writer is killed at random moments', async () => {
    const acknowledged = new Map<string, number>();
    let next = 0;
    for (let round = 0; round < 12; round++) {
      const writer = startWriter(next);
      await writer.waitFor(/^ack /);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 60));
      writer.child.kill('SIGKILL');
      await writer.exited;
      for (const [id, n] of newestAcked(writer.acked)) acknowledged.set(id, n);
      next = Math.max(next, ...writer.acked) + 1;

      const vault = await unlockVault(dir, PASSPHRASE, { kdf: FAST_KDF });
      const { records, unreadable, integrity } = await vault.list('note');
      expect(unreadable).toEqual([]);
      expect(integrity, `round ${round}`).toEqual({
        missing: [],
        stale: [],
        replayed: [],
        unverified: false,
      });
      const onDisk = new Map(
        records.map((record) => [record.id, (record.body as { n: number }).n]),
      );
      for (const [id, n] of acknowledged) {
        // A save that finished after the last ack was read may be newer still; never older.
        expect(onDisk.get(id), `slot ${id} in round ${round}`).toBeGreaterThanOrEqual(n);
        acknowledged.set(id, onDisk.get(id) ?? n);
      }
      await vault.lock();
    }
    expect(acknowledged.size).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a second process with VaultBusy while the first keeps saving, and loses nothing', async () => {
    const writer = startWriter(0);
    await writer.waitFor(/^ack 5$/);
    const second = await unlockVault(dir, PASSPHRASE, { kdf: FAST_KDF }).then(
      () => 'opened',
      (error: unknown) => (isAppError(error) ? error.kind : String(error)),
    );
    expect(second).toBe('vault-busy');
    const rival = startWriter(RIVAL_FIRST);
    await expect(rival.waitFor(/^refused /)).resolves.toBe('refused vault-busy');
    await writer.waitFor(/^ack 20$/);
    writer.child.kill('SIGTERM');
    await writer.exited;

    const vault = await unlockVault(dir, PASSPHRASE, { kdf: FAST_KDF });
    const onDisk = new Map(
      (await vault.list()).records.map((r) => [r.id, (r.body as { n: number }).n]),
    );
    for (const [id, n] of newestAcked(writer.acked))
      expect(onDisk.get(id)).toBeGreaterThanOrEqual(n);
    // Only the first writer's saves are there: none of the rival's, and none beyond the one
    // the first writer may have finished without having acknowledged it yet.
    const lastStarted = Math.max(...writer.acked) + 1;
    expect([...onDisk.values()].filter((n) => n >= RIVAL_FIRST || n > lastStarted)).toEqual([]);
    await vault.lock();
  }, 60_000);
});
