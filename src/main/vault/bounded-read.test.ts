import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import { FileRefusedError, readHostileFile, readHostileFileSync } from './bounded-read';

const newDir = tempDirs('stillwater-bounded-read-');

/** The two readers, as one shape: the sync one serves the vault's unlock, the other the rest. */
const READERS = {
  readHostileFile,
  readHostileFileSync: async (file: string, limit: number) => readHostileFileSync(file, limit),
};

async function refusal(read: Promise<Buffer>): Promise<string> {
  const error = await read.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FileRefusedError);
  return (error as FileRefusedError).reason;
}

describe.each(Object.entries(READERS))('%s', (_name, read) => {
  it('reads a regular file whole, whatever its size against the first chunk', async () => {
    const dir = newDir();
    const small = path.join(dir, 'small');
    const large = path.join(dir, 'large');
    writeFileSync(small, 'still');
    const bytes = Buffer.alloc(200_000, 7);
    writeFileSync(large, bytes);
    expect((await read(small, 100)).toString()).toBe('still');
    expect((await read(large, 300_000)).equals(bytes)).toBe(true);
    writeFileSync(small, '');
    expect(await read(small, 100)).toHaveLength(0);
  });

  it('refuses a missing file, a folder, a link, a FIFO and a file over the limit', async () => {
    const dir = newDir();
    const target = path.join(dir, 'target');
    writeFileSync(target, 'words');
    symlinkSync(target, path.join(dir, 'link'));
    mkdirSync(path.join(dir, 'folder'));
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);

    expect(await refusal(read(path.join(dir, 'none'), 100))).toBe('missing');
    expect(await refusal(read(path.join(dir, 'folder'), 100))).toBe('not-a-file');
    expect(await refusal(read(path.join(dir, 'link'), 100))).toBe('not-a-file');
    // Opened without blocking, and refused for what the open handle says it is.
    expect(await refusal(read(path.join(dir, 'fifo'), 100))).toBe('not-a-file');
    expect(await refusal(read(target, 4))).toBe('too-large');
  });
});
