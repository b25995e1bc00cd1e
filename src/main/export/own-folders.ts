import { lstat, readdir, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../app-error';

/**
 * The folders an export has made, known by what the disk calls them (device and inode)
 * rather than by their paths. The export is built in a folder inside one the person chose,
 * which others may be able to write: one of them could move Stillwater's folder away
 * mid-export and put a link to another folder, or a folder of their own, under its name, and
 * a path would then lead the plaintext there. Node opens files by path alone (there is no
 * openat), so before and after each step the path is checked to lead still to the very
 * folders made, by lstat, which never follows a link at the last part; the export stops the
 * moment it does not. The text of a file is written only once its file has been found, by
 * the same checks, in Stillwater's own folder.
 */

export const exportRefused = (why: string) =>
  new AppError('export-refused', `The export was refused: ${why}`);

const REPLACED = 'its folder was moved or replaced while it was written';

interface DiskIdentity {
  dev: bigint;
  ino: bigint;
}

const sameIdentity = (a: DiskIdentity, b: DiskIdentity) => a.dev === b.dev && a.ino === b.ino;

/** What is at `target` itself, never through a link; null when nothing is, or no folder. */
async function lookAt(target: string) {
  try {
    return await lstat(target, { bigint: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

export class OwnFolders {
  readonly #root: string;
  /**
   * The owner of the root as it was found: everything Stillwater creates in a folder it made
   * has the same owner, so a file of another owner's than its folder's means the folder is
   * one that was put in its place in the instant after it was made, before it was looked at.
   * (Compared with what was created rather than with this process's user, since some disks,
   * shares and memory sticks give every file one owner whoever writes it.)
   */
  readonly #owner: bigint;
  readonly #made = new Map<string, DiskIdentity>();
  /** Set once a folder is found to be someone else's: nothing in it is removed then. */
  #disowned = false;

  private constructor(root: string, identity: DiskIdentity, owner: bigint) {
    this.#root = root;
    this.#owner = owner;
    this.#made.set(root, identity);
  }

  /**
   * The folder just made at `root`, remembered as it is now. It must be empty, as a folder
   * just made is: one with anything in it was put there, perhaps one of this person's own
   * that was moved under this name, and it will not be written into, nor removed on failure.
   */
  static async madeAt(root: string): Promise<OwnFolders> {
    const info = await lookAt(root);
    if (!info?.isDirectory()) throw exportRefused(REPLACED);
    const own = new OwnFolders(root, { dev: info.dev, ino: info.ino }, info.uid);
    const empty = (await readdir(root)).length === 0;
    await own.confirm(root);
    if (!empty) throw exportRefused(REPLACED);
    return own;
  }

  /**
   * Remembers `folder`, just made inside one of these (or, on a disk that ignores case, the
   * one made already under another case), once it is found to be a folder of Stillwater's.
   */
  async adopt(folder: string, { madeAlready }: { madeAlready: boolean }): Promise<void> {
    const parent = path.dirname(folder);
    await this.confirm(parent);
    const info = await lookAt(folder);
    if (info?.isDirectory() && info.uid !== this.#owner) this.#disown();
    if (!info?.isDirectory()) throw exportRefused('something is in the way of a folder');
    const identity = { dev: info.dev, ino: info.ino };
    if (madeAlready && ![...this.#made.values()].some((made) => sameIdentity(made, identity))) {
      throw exportRefused('something is in the way of a folder');
    }
    await this.confirm(parent);
    this.#made.set(folder, identity);
  }

  /**
   * That the path of `folder`, and of every folder above it up to the root, leads to its own.
   * (Looked at together: each look is enough alone, and a file waits on them all.)
   */
  async confirm(folder: string): Promise<void> {
    const inside = path.relative(this.#root, folder);
    const segments = inside === '' ? [] : inside.split(path.sep);
    const chain = [this.#root];
    for (const segment of segments) chain.push(path.join(chain.at(-1) ?? '', segment));
    await Promise.all(chain.map((each) => this.#confirmOne(each)));
  }

  /**
   * That `handle`, just opened at `file` with O_CREAT | O_EXCL, is a file in one of these
   * folders: its name leads to the very file open, and its folder is still its own after
   * that name was looked up (so the look went through it). Nothing has been written to it yet.
   */
  async confirmFile(file: string, handle: FileHandle): Promise<void> {
    const [opened, found] = await Promise.all([handle.stat({ bigint: true }), lookAt(file)]);
    await this.confirm(path.dirname(file));
    if (opened.uid !== this.#owner) this.#disown();
    if (!found?.isFile() || !sameIdentity(found, opened)) throw exportRefused(REPLACED);
  }

  /** That the root, renamed to `target`, is the folder there, not a link or another folder. */
  async confirmMovedTo(target: string): Promise<void> {
    const info = await lookAt(target);
    const root = this.#made.get(this.#root);
    if (!root || !info?.isDirectory() || !sameIdentity(info, root)) {
      throw exportRefused(REPLACED);
    }
  }

  /**
   * Removes the root and all in it, if its path still leads to it. If it does not, whatever
   * is under its name is someone else's and stays; the folder itself is wherever it was
   * moved, its files readable by their owner alone.
   */
  async removeIfStillOwn(): Promise<void> {
    const info = await lookAt(this.#root);
    const root = this.#made.get(this.#root);
    if (this.#disowned || !root || !info?.isDirectory() || !sameIdentity(info, root)) return;
    await rm(this.#root, { recursive: true, force: true });
  }

  #disown(): never {
    this.#disowned = true;
    throw exportRefused(REPLACED);
  }

  async #confirmOne(folder: string): Promise<void> {
    const made = this.#made.get(folder);
    const info = await lookAt(folder);
    if (!made || !info?.isDirectory() || !sameIdentity(info, made)) {
      throw exportRefused(REPLACED);
    }
  }
}
