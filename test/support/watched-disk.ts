import type * as fsPromises from 'node:fs/promises';
import path from 'node:path';

/**
 * What a test watches of the disk: every rename, removal and folder sync, by the name it
 * touched, in order. `failWhen` makes one of them fail as a failing disk would (EIO), and
 * `before` runs just before each.
 */
export interface WatchedDisk {
  log: string[];
  failWhen: ((step: string) => boolean) | null;
  before?: ((step: string) => void) | null;
}

/**
 * `node:fs/promises` as the vault sees it in a test that watches the disk: real, with each
 * rename, unlink and folder sync written to `disk.log` first. For vi.mock's factory, which
 * vitest hoists, so it is imported there.
 */
export function watchedFileSystem(fs: typeof fsPromises, disk: WatchedDisk) {
  const base = (file: unknown) => path.basename(String(file));
  const step = (name: string) => {
    disk.before?.(name);
    if (disk.failWhen?.(name))
      throw Object.assign(new Error('input/output error'), { code: 'EIO' });
    disk.log.push(name);
  };
  const rename: typeof fs.rename = async (from, to) => {
    step(`rename ${base(to)}`);
    return fs.rename(from, to);
  };
  const unlink: typeof fs.unlink = async (file) => {
    step(`unlink ${base(file)}`);
    return fs.unlink(file);
  };
  const open = (async (file: string, flags?: string | number, mode?: number) => {
    const handle = await fs.open(file, flags, mode);
    // Only a folder is opened with 'r': to sync it.
    if (flags !== 'r') return handle;
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      step(`sync ${base(file)}`);
      return sync();
    };
    return handle;
  }) as typeof fs.open;
  return { ...fs, default: { ...fs, rename, unlink, open }, rename, unlink, open };
}
