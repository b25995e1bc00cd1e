import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { lstat, open, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FileRefusedError, readHostileFile } from './bounded-read';
import { vaultBusy, vaultCorrupt } from './errors';

/** What a lock file records about the process that holds it. */
interface LockOwner {
  pid: number;
  host: string;
  /** Linux: a lock from before a reboot is stale whatever process its pid now names. */
  bootId?: string;
  /** As the OS tells it; a reused pid has a different one. None on Windows. */
  startTime?: string;
  /** Tells this holding apart from every other, even from an earlier one by the same process. */
  nonce?: string;
}

/** What is at a lock path now: the owner it names, if it names one, and when it was written. */
interface Found {
  owner: LockOwner | null;
  mtimeMs: number;
  /** Names exactly these bytes at this path; a take-over removes only what it judged. */
  key: string;
}

const READ_LIMIT = 4096;
/**
 * Between its exclusive creation and its first write, a lock is an empty file. A writer
 * stalled for longer than this between the two could lose its lock.
 */
const UNWRITTEN_LOCK_GRACE_MS = 10_000;

/** How often a holder marks its lock as still held, by setting its modification time. */
export const LOCK_HEARTBEAT_MS = 30_000;
/**
 * A lock whose owner cannot be checked from here (another computer's, or one naming a live
 * pid with nothing to tell that it is the process that wrote it) is stale once it has gone
 * this long without its holder's mark: several heartbeats missed, not one late.
 */
const SILENT_LOCK_STALE_MS = 4 * LOCK_HEARTBEAT_MS;

async function inspect(file: string): Promise<Found | undefined> {
  let bytes: Buffer = Buffer.alloc(0);
  try {
    bytes = await readHostileFile(file, READ_LIMIT);
  } catch (error) {
    if (!(error instanceof FileRefusedError)) throw error;
    if (error.reason === 'missing') return undefined;
    // A link, a FIFO, a folder, a huge file: judged by its age, like garbage.
  }
  const entry = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!entry) return undefined;
  // Stillwater never deletes a folder, so one here would refuse every opening: that is
  // damage to tell the person about, not another process to wait for.
  if (entry.isDirectory()) throw vaultCorrupt('the lock file is not a file, but a folder');
  const key = createHash('sha256')
    .update(`${path.basename(file)}\0`)
    .update(bytes)
    .digest('hex')
    .slice(0, 16);
  let owner: LockOwner | null = null;
  try {
    const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    if (typeof json.host === 'string')
      owner = {
        pid: json.pid as number,
        host: json.host,
        bootId: text(json.bootId),
        startTime: text(json.startTime),
        nonce: text(json.nonce),
      };
  } catch {
    // Garbage: judged by its age.
  }
  return { owner, mtimeMs: entry.mtimeMs, key };
}

const isPid = (pid: unknown): pid is number =>
  Number.isInteger(pid) && (pid as number) > 0 && (pid as number) <= 0x7fffffff;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Undefined where the OS will not say; then only the pid's liveness is checked. */
async function startTimeOf(pid: number): Promise<string | undefined> {
  try {
    if (process.platform === 'linux') {
      const stat = (await readHostileFile(`/proc/${pid}/stat`, READ_LIMIT)).toString('latin1');
      // Field 22, starttime. Field 2, the command name, may hold spaces and parentheses.
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    }
    if (process.platform === 'darwin') {
      const { stdout } = await promisify(execFile)('ps', ['-o', 'lstart=', '-p', String(pid)], {
        env: { ...process.env, LC_ALL: 'C' },
      });
      return stdout.trim() || undefined;
    }
  } catch {
    // No such process, or no ps: fall through.
  }
  return undefined;
}

async function bootId(): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    return (await readHostileFile('/proc/sys/kernel/random/boot_id', READ_LIMIT)).toString().trim();
  } catch {
    return undefined;
  }
}

let identity: Promise<Omit<LockOwner, 'nonce'>> | undefined;

function myIdentity(): Promise<Omit<LockOwner, 'nonce'>> {
  identity ??= (async () => ({
    pid: process.pid,
    host: hostname(),
    bootId: await bootId(),
    startTime: await startTimeOf(process.pid),
  }))();
  return identity;
}

async function isStale({ owner, mtimeMs }: Found, me: LockOwner): Promise<boolean> {
  // A clock set back must not keep a lock fresh for good, hence the absolute age.
  const silentFor = Math.abs(Date.now() - mtimeMs);
  if (!owner) return silentFor > UNWRITTEN_LOCK_GRACE_MS;
  if (!isPid(owner.pid)) return true;
  // Another machine's processes cannot be seen from here: only the holder's mark can say.
  if (owner.host !== me.host) return silentFor > SILENT_LOCK_STALE_MS;
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return true;
  // Start time first: if the owner dies in between, the liveness check still sees it.
  if (owner.startTime) {
    const now = await startTimeOf(owner.pid);
    if (now) return now !== owner.startTime;
  }
  if (!isAlive(owner.pid)) return true;
  // A live pid, but nothing tells that it is the process that wrote the lock (a pid reused
  // since a crash, or a lock someone wrote by hand): a holder keeps its mark fresh.
  return silentFor > SILENT_LOCK_STALE_MS;
}

async function createExclusive(file: string, me: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(me));
  } catch (error) {
    await handle.close();
    await removeIfPresent(file);
    throw error;
  }
  await handle.close();
  return true;
}

async function removeIfPresent(file: string): Promise<void> {
  await unlink(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/**
 * Creates `file` for `me`, taking it over if it is stale; false if someone live has it.
 *
 * A stale file is removed only by whoever holds a claim on it: `<lock>.<key>`, created with
 * O_EXCL, the key naming the exact bytes judged stale. Without it, two processes could each
 * judge the same stale lock, and the slower one would remove the lock the faster one had
 * just created. While a claim is held, only its holder may remove the file it names (a lock
 * whose owner is live is never removed by anyone else), so reading the file again under the
 * claim and finding the same bytes proves it is still the stale one. A new file with other
 * bytes has another key, and the bytes of a lock, with its nonce, never come back once it is
 * removed. A claim is taken the same way as a lock, so one that a crash left behind is stale
 * in turn and is taken over: nothing a crash leaves can lock the user out for good.
 */
async function take(file: string, lockPath: string, me: LockOwner): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(file, me)) return true;
    const found = await inspect(file);
    if (!found) continue;
    if (!(await isStale(found, me))) return false;
    const claim = `${lockPath}.${found.key}`;
    if (!(await take(claim, lockPath, me))) return false;
    try {
      const now = await inspect(file);
      if (now?.key === found.key && (await isStale(now, me))) await removeIfPresent(file);
    } finally {
      await removeIfPresent(claim);
    }
  }
  return false;
}

export interface ProcessLock {
  release(): Promise<void>;
}

/**
 * One writer per vault. The lock file names its owner's process, with what tells a reused
 * pid apart; a lock whose owner is gone (a crash, a kill, a reboot) is taken over at once,
 * so a crash never locks the user out. Locks based on timestamps alone (such as
 * proper-lockfile) would keep them out for a while after every crash, and Node has no
 * flock(). A timestamp is the last word only where the owner cannot be checked: the holder
 * marks its lock every `heartbeatMs`, so a lock from another computer, or a hand-written one
 * naming a live pid, stops keeping the user out once the marks stop.
 */
export async function acquireProcessLock(
  lockPath: string,
  { heartbeatMs = LOCK_HEARTBEAT_MS }: { heartbeatMs?: number } = {},
): Promise<ProcessLock> {
  const me: LockOwner = { ...(await myIdentity()), nonce: randomUUID() };
  if (!(await take(lockPath, lockPath, me))) throw vaultBusy();
  const isMine = async () =>
    (await inspect(lockPath).catch(() => undefined))?.owner?.nonce === me.nonce;
  const heartbeat = setInterval(() => {
    void (async () => {
      const now = new Date();
      if (await isMine()) await utimes(lockPath, now, now);
    })().catch(() => {
      // A mark missed is made next time; several missed only let another opening in.
    });
  }, heartbeatMs);
  // The app quits when its windows close, whatever marks are still to come.
  heartbeat.unref();
  return {
    async release() {
      clearInterval(heartbeat);
      if (await isMine()) await removeIfPresent(lockPath);
    },
  };
}
