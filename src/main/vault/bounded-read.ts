import { constants } from 'node:fs';
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
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FileRefusedError('missing', code);
    // ELOOP is a link refused by O_NOFOLLOW; EISDIR, ENXIO and the like are not files.
    throw new FileRefusedError(code === 'EACCES' ? 'unreadable' : 'not-a-file', code);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new FileRefusedError('not-a-file');
    if (info.size > limit) throw new FileRefusedError('too-large');
    // The size can change under us, so reading stops at the limit, not at what stat said.
    const chunk = Buffer.alloc(Math.min(limit, Math.max(info.size, 4096)) + 1);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      total += bytesRead;
      if (total > limit) throw new FileRefusedError('too-large');
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
    }
  } catch (error) {
    if (error instanceof FileRefusedError) throw error;
    throw new FileRefusedError('unreadable', (error as NodeJS.ErrnoException).code);
  } finally {
    await handle.close();
  }
}
