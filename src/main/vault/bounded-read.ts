import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** Why a file was not read; the caller turns it into a typed vault error. */
export type RefusedFile = 'missing' | 'not-a-file' | 'too-large' | 'unreadable';

export class FileRefusedError extends Error {
  readonly reason: RefusedFile;
  readonly code: string | undefined;
  constructor(reason: RefusedFile, code?: string) {
    super(`file refused: ${reason}${code ? ` (${code})` : ''}`);
    this.name = 'FileRefusedError';
    this.reason = reason;
    this.code = code;
  }
}

// Windows has neither flag; there a planted FIFO or link is not a way in.
const HOSTILE_OPEN_FLAGS =
  constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Why opening failed, in the reader's terms. */
function openRefusal(error: unknown): FileRefusedError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileRefusedError('missing', code);
  // ELOOP is a link refused by O_NOFOLLOW; EISDIR, ENXIO and the like are not files.
  return new FileRefusedError(code === 'EACCES' ? 'unreadable' : 'not-a-file', code);
}

/** Refuses what the open handle says is not a regular file, or is larger than `limit`. */
function checkOpened(info: Pick<Stats, 'isFile' | 'size'>, limit: number): void {
  if (!info.isFile()) throw new FileRefusedError('not-a-file');
  if (info.size > limit) throw new FileRefusedError('too-large');
}

function readRefusal(error: unknown): FileRefusedError {
  if (error instanceof FileRefusedError) return error;
  return new FileRefusedError('unreadable', (error as NodeJS.ErrnoException).code);
}

/**
 * Reads from `read` until it gives nothing, never keeping more than `limit` bytes: the size
 * can change under us, so reading stops at the limit, not at what stat said.
 */
function boundedChunks(size: number, limit: number) {
  const chunk = Buffer.alloc(Math.min(limit, Math.max(size, 4096)) + 1);
  const chunks: Buffer[] = [];
  let total = 0;
  return {
    chunk,
    position: () => total,
    /** Takes what a read gave; the whole file when the read gave nothing. */
    take(bytesRead: number): Buffer | null {
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      total += bytesRead;
      if (total > limit) throw new FileRefusedError('too-large');
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
      return null;
    },
  };
}

/**
 * Reads a file that anyone with the folder may have replaced: a link is not followed, a FIFO
 * or device does not block, only a regular file (checked on the open handle, not the path)
 * is read, and never more than `limit` bytes, whatever its size claims.
 */
export async function readHostileFile(file: string, limit: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, HOSTILE_OPEN_FLAGS);
  } catch (error) {
    throw openRefusal(error);
  }
  try {
    const info = await handle.stat();
    checkOpened(info, limit);
    const reading = boundedChunks(info.size, limit);
    for (;;) {
      const { chunk } = reading;
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, reading.position());
      const whole = reading.take(bytesRead);
      if (whole) return whole;
    }
  } catch (error) {
    throw readRefusal(error);
  } finally {
    await handle.close();
  }
}

/**
 * readHostileFile, without leaving the thread: for many small files read in a row (a vault's
 * records at unlock), where each of the five steps of an asynchronous read waiting its turn
 * in the thread pool costs more than the read itself (about 4x here). The same refusals.
 */
export function readHostileFileSync(file: string, limit: number): Buffer {
  let descriptor;
  try {
    descriptor = openSync(file, HOSTILE_OPEN_FLAGS);
  } catch (error) {
    throw openRefusal(error);
  }
  try {
    const info = fstatSync(descriptor);
    checkOpened(info, limit);
    const reading = boundedChunks(info.size, limit);
    for (;;) {
      const { chunk } = reading;
      const whole = reading.take(readSync(descriptor, chunk, 0, chunk.length, reading.position()));
      if (whole) return whole;
    }
  } catch (error) {
    throw readRefusal(error);
  } finally {
    closeSync(descriptor);
  }
}
