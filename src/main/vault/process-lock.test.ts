import {
  execFileSync,
  spawn,
  spawnSync,
  type ChildProcessWithoutNullStreams,
} from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  lutimesSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import { isAppError } from '../app-error';
import { acquireProcessLock } from './process-lock';

const CHILD = path.resolve(import.meta.dirname, '../../../test/support/lock-child.ts');
const makeDir = tempDirs('stillwater-lock-');
const lockFile = () => path.join(makeDir(), 'vault.lock');
const LINUX = process.platform === 'linux';
const BOOT_ID = LINUX ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() : undefined;
const HOUR_AGO = Date.now() / 1000 - 3600;

/** A lock as another process on this host would write it. */
const lockBy = (owner: Record<string, unknown>) =>
  JSON.stringify({ host: hostname(), bootId: BOOT_ID, nonce: randomUUID(), ...owner });

/** The pid of a process that has exited. */
const DEAD_PID = spawnSync(process.execPath, ['-e', '']).pid;

/** Stale locks, each to be taken over at once, whatever pid it names. */
const staleLocks: Record<string, (file: string) => void> = {
  'whose owner has died': (file) => writeFileSync(file, lockBy({ pid: DEAD_PID })),
  ...(process.platform !== 'win32' && {
    'whose pid now belongs to a process that started at another time': (file) =>
      writeFileSync(file, lockBy({ pid: process.pid, startTime: '12345' })),
  }),
  ...(LINUX && {
    'written before the last boot': (file) =>
      writeFileSync(file, lockBy({ pid: process.pid, bootId: randomUUID() })),
  }),
  ...Object.fromEntries(
    [0, -1, 1.5, 'x', null, 2 ** 40].map((pid) => [
      `naming pid ${JSON.stringify(pid)}`,
      (file: string) => writeFileSync(file, lockBy({ pid })),
    ]),
  ),
  'of garbage, once it is too old to be a lock still being written': (file) => {
    writeFileSync(file, '{"pid": 12');
    utimesSync(file, HOUR_AGO, HOUR_AGO);
  },
};

async function expectTakenOver(file: string) {
  const lock = await acquireProcessLock(file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
  await lock.release();
  expect(existsSync(file)).toBe(false);
}

const isBusy = (error: unknown) => isAppError(error, 'vault-busy');

interface Child {
  child: ChildProcessWithoutNullStreams;
  exited: Promise<void>;
  send(line: string): void;
  /** The next line it prints. */
  next(): Promise<string>;
}

const running: Child[] = [];
afterEach(async () => {
  for (const { child, exited } of running.splice(0)) {
    child.kill('SIGKILL');
    await exited;
  }
});

async function startChild(file: string, name: string): Promise<Child> {
  const log = path.join(path.dirname(file), 'holders.log');
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, log, name]);
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete) (waiters.shift() ?? ((l) => lines.push(l)))(line);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: Child = {
    child,
    exited,
    send: (line) => child.stdin.write(`${line}\n`),
    next: () =>
      new Promise((resolve, reject) => {
        const line = lines.shift();
        if (line !== undefined) return resolve(line);
        waiters.push(resolve);
        void exited.then(() => reject(new Error(`${name} exited: ${stderr}`)));
      }),
  };
  running.push(handle);
  expect(await handle.next()).toBe('ready');
  return handle;
}

describe('the process lock', () => {
  it.each(Object.entries(staleLocks))('takes over a lock %s', async (_, write) => {
    const file = lockFile();
    write(file);
    await expectTakenOver(file);
  });

  it('waits out the grace for garbage that may be a lock still being written', async () => {
    const file = lockFile();
    writeFileSync(file, '');
    await expect(acquireProcessLock(file)).rejects.toSatisfy(isBusy);
  });

  it('refuses while a live process holds the lock, and takes over once it is killed', async () => {
    const file = lockFile();
    const holder = await startChild(file, 'holder');
    holder.send('take');
    expect(await holder.next()).toBe('won');
    await expect(acquireProcessLock(file)).rejects.toSatisfy(isBusy);
    holder.child.kill('SIGKILL');
    await holder.exited;
    await expectTakenOver(file);
  }, 60_000);

  it('refuses a folder planted as the lock as damage, however old, not as another process', async () => {
    for (const age of ['new', 'old']) {
      const file = lockFile();
      mkdirSync(file);
      if (age === 'old') utimesSync(file, HOUR_AGO, HOUR_AGO);
      const refused = await acquireProcessLock(file).catch((error: unknown) => error);
      expect(isAppError(refused, 'vault-corrupt'), `${age}: ${String(refused)}`).toBe(true);
      expect((refused as Error).message).toMatch(/lock file is not a file/);
      expect(statSync(file).isDirectory()).toBe(true);
    }
  });

  it.each([
    ['from another computer', { pid: 4242, host: 'another-computer' }],
    // No start time to tell the process apart: a pid reused since a crash, or a hand-made lock.
    ['naming a live pid with nothing to tell its process apart', { pid: process.pid }],
  ])('waits on a lock %s only while its holder keeps marking it', async (_, owner) => {
    const file = lockFile();
    writeFileSync(file, lockBy(owner));
    await expect(acquireProcessLock(file)).rejects.toSatisfy(isBusy);
    utimesSync(file, HOUR_AGO, HOUR_AGO);
    await expectTakenOver(file);
  });

  // Windows gives no start time, so there a live owner is known only by its marks.
  it.runIf(process.platform !== 'win32')(
    'keeps a lock whose owner is known to be live, however long since its last mark',
    async () => {
      const file = lockFile();
      const holder = await startChild(file, 'holder');
      holder.send('take');
      expect(await holder.next()).toBe('won');
      utimesSync(file, HOUR_AGO, HOUR_AGO);
      await expect(acquireProcessLock(file)).rejects.toSatisfy(isBusy);
    },
    60_000,
  );

  it('marks its own lock as still held, and stops once it is released', async () => {
    const file = lockFile();
    const lock = await acquireProcessLock(file, { heartbeatMs: 20 });
    utimesSync(file, HOUR_AGO, HOUR_AGO);
    await expect
      .poll(() => statSync(file).mtimeMs, { timeout: 20_000 })
      .toBeGreaterThan(Date.now() - 60_000);
    await lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a second opening from the same process', async () => {
    const file = lockFile();
    const lock = await acquireProcessLock(file);
    await expect(acquireProcessLock(file)).rejects.toSatisfy(isBusy);
    await lock.release();
  });

  it('releases the lock only while it is still its own', async () => {
    const file = lockFile();
    const lock = await acquireProcessLock(file);
    const successor = lockBy({ pid: process.pid });
    writeFileSync(file, successor);
    await lock.release();
    expect(readFileSync(file, 'utf8')).toBe(successor);
  });

  it.runIf(process.platform !== 'win32')(
    'takes over a FIFO, a link to one or a huge file without blocking on, following or reading it',
    async () => {
      const fifo = path.join(makeDir(), 'fifo');
      execFileSync('mkfifo', [fifo]);
      const hostile = [
        (file: string) => {
          execFileSync('mkfifo', [file]);
          utimesSync(file, HOUR_AGO, HOUR_AGO);
        },
        (file: string) => {
          symlinkSync(fifo, file);
          lutimesSync(file, HOUR_AGO, HOUR_AGO);
        },
        (file: string) => {
          writeFileSync(file, '');
          truncateSync(file, 6 * 1024 ** 3);
          utimesSync(file, HOUR_AGO, HOUR_AGO);
        },
      ];
      for (const make of hostile) {
        const file = lockFile();
        make(file);
        await expectTakenOver(file);
      }
      expect(existsSync(fifo)).toBe(true);
    },
  );

  it('is not locked out by take-overs that crashes cut short', async () => {
    // A take-over claims a stale file by creating `<lock>.<key>`; see docs/vault-format.md.
    const claimOf = (file: string, bytes: string) =>
      `${path.join(path.dirname(file), 'vault.lock')}.${createHash('sha256')
        .update(`${path.basename(file)}\0${bytes}`)
        .digest('hex')
        .slice(0, 16)}`;
    const file = lockFile();
    let stale = file;
    for (let depth = 0; depth < 3; depth++) {
      const bytes = lockBy({ pid: DEAD_PID });
      writeFileSync(stale, bytes);
      stale = claimOf(stale, bytes);
    }
    await expectTakenOver(file);
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('lets exactly one of six racing processes take over a stale lock, round after round', async () => {
    const file = lockFile();
    const racers = await Promise.all(
      Array.from({ length: 6 }, (_, n) => startChild(file, `racer-${n}`)),
    );
    const kinds = Object.entries(staleLocks);
    const rounds = 5 * kinds.length;
    const outcomes: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const [kind = '', write] = kinds[round % kinds.length] ?? [];
      write?.(file);
      for (const racer of racers) racer.send('take');
      const answers = await Promise.all(racers.map((racer) => racer.next()));
      expect(answers.filter((answer) => answer !== 'won' && answer !== 'busy')).toEqual([]);
      const won = racers.filter((_, n) => answers[n] === 'won');
      for (const racer of won) racer.send('release');
      for (const racer of won) expect(await racer.next()).toBe('released');
      outcomes.push(`${kind}: ${won.length} won${existsSync(file) ? ', lock left behind' : ''}`);
      rmSync(file, { force: true });
    }
    expect(outcomes.filter((outcome) => !outcome.endsWith(': 1 won'))).toEqual([]);

    const log = readFileSync(path.join(path.dirname(file), 'holders.log'), 'utf8');
    const holding = new Set<string>();
    const overlaps: string[] = [];
    for (const [event = '', name = ''] of log
      .trim()
      .split('\n')
      .map((line) => line.split(' '))) {
      if (event === 'hold' && holding.size > 0) overlaps.push(`${name} with ${[...holding]}`);
      if (event === 'hold') holding.add(name);
      else holding.delete(name);
    }
    expect(overlaps).toEqual([]);
  }, 180_000);
});
