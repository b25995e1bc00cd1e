import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { vaultBusy } from './errors';

interface LockOwner {
  pid: number;
  host: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host }
      : null;
  } catch {
    return null;
  }
}

/** A lock whose owner has died, or one left unwritten by a crash long enough ago. */
async function isStale(lockPath: string, host: string): Promise<boolean> {
  const owner = await readOwner(lockPath);
  if (owner) return owner.host === host && !isAlive(owner.pid);
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs > UNWRITTEN_LOCK_GRACE_MS;
  } catch {
    return true;
  }
}

const UNWRITTEN_LOCK_GRACE_MS = 10_000;

export interface ProcessLock {
  release(): Promise<void>;
}

/**
 * One writer per vault. The lock file names its owner's process; a lock left by a process
 * that has died (a crash, a kill) is taken over at once, so a crash never locks the user
 * out. Locks based on timestamps (such as proper-lockfile) would keep them out for seconds.
 */
export async function acquireProcessLock(lockPath: string): Promise<ProcessLock> {
  const me: LockOwner = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return {
        async release() {
          const owner = await readOwner(lockPath);
          if (owner?.pid === me.pid && owner.host === me.host) await rm(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!(await isStale(lockPath, me.host))) throw vaultBusy();
    await rm(lockPath, { force: true });
  }
  throw vaultBusy();
}
