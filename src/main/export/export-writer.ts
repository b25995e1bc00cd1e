import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import { exportFilesProblem, type ExportFile } from '../../shared/export/model';
import { calendarDay } from '../backup/file-dialogs';
import { AppError, isAppError } from '../app-error';
import { syncDirectory, writeFileAtomic } from '../vault/atomic-file';
import { asDiskError } from '../vault/errors';
import { exportRefused as refused, OwnFolders } from './own-folders';

/**
 * Writes what the person asked to take out of Stillwater in plain text: a folder of Markdown
 * the page composed (renderer/lib/export/markdown-export.ts), or a PDF. These are the only
 * files Stillwater writes unencrypted, and only on an explicit request; even so, they are
 * readable by their owner alone (folders 0700, files 0600), so at least the computer's other
 * users cannot read them.
 */

export const EXPORT_FOLDER_NAME = 'Stillwater export';
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;
/** How many numbered names are tried before the export gives up: far more than a day needs. */
const NAMES_TRIED = 1000;

/** Something other than an empty name where the export goes: a file, a folder or a link. */
const IN_THE_WAY = new Set(['EEXIST', 'ENOTEMPTY', 'ENOTDIR', 'EISDIR', 'ELOOP']);

/** A failure in words a person can act on; no path is named, since one may say too much. */
function asExportError(error: unknown): unknown {
  if (isAppError(error)) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') {
    return new AppError('not-found', 'The folder chosen for the export is not there');
  }
  if (code && IN_THE_WAY.has(code)) return refused(`something is in the way (${code})`);
  return asDiskError(error, 'The export');
}

/** "Stillwater export 2026-03-01", then "… (2)", "… (3)" for further exports that day. */
export function exportFolderName(now: Date, attempt: number): string {
  const name = `${EXPORT_FOLDER_NAME} ${calendarDay(now)}`;
  return attempt === 1 ? name : `${name} (${attempt})`;
}

/** Whether anything at all, even a link that leads nowhere, has this name. */
async function taken(target: string): Promise<boolean> {
  try {
    await lstat(target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** A folder of the export, inside the export's own temporary folder. */
async function makeFolder(own: OwnFolders, folder: string): Promise<void> {
  await own.confirm(path.dirname(folder));
  let madeAlready = false;
  try {
    await mkdir(folder, { mode: FOLDER_MODE });
  } catch (error) {
    // Already made for another file; on a disk that ignores case, under another case.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    madeAlready = true;
  }
  await own.adopt(folder, { madeAlready });
}

/**
 * A new file, never one that is there already, nor a link: 'wx' is O_CREAT | O_EXCL. Its
 * text is written only once the file is found to be in the export's own folder.
 */
async function writeNewFile(own: OwnFolders, file: string, text: string): Promise<void> {
  await own.confirm(path.dirname(file));
  const handle = await open(file, 'wx', FILE_MODE);
  try {
    await own.confirmFile(file, handle);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Gives the finished folder its name, the first one free. A rename never replaces a file, a
 * link or a folder with anything in it; a name taken between the look and the rename is
 * passed over like one taken before. (An empty folder made in that instant would be
 * replaced, on the systems that allow it, and nothing would be lost with it.)
 */
async function moveIntoPlace(
  own: OwnFolders,
  temporary: string,
  parentDir: string,
  now: Date,
  namesTried: number,
): Promise<string> {
  for (let attempt = 1; attempt <= namesTried; attempt += 1) {
    const target = path.join(parentDir, exportFolderName(now, attempt));
    if (await taken(target)) continue;
    // A link put in its place would be renamed into place, and the export never be there.
    await own.confirm(temporary);
    try {
      await rename(temporary, target);
    } catch (error) {
      await own.confirm(temporary);
      if (!(await taken(target))) throw error;
      continue;
    }
    await own.confirmMovedTo(target);
    return target;
  }
  throw refused('every name for a new folder is taken');
}

export interface MarkdownExportOptions {
  /** How many numbered names to try for the folder; see NAMES_TRIED. */
  namesTried?: number;
  /**
   * For tests: runs when each file is whole, before the next is begun, so that a test can
   * move the export's folder at a known moment rather than race a thread against it.
   */
  afterEachFile?: (written: number) => Promise<void> | void;
}

/**
 * Writes `files` into a new folder in `parentDir`, named for the day, and never into or over
 * anything that is there. The folder is built under a hidden temporary name beside it, then
 * renamed into place whole: a crash or a full disk half-way leaves no half export under the
 * real name, and the temporary folder is removed on any failure. Every path is checked again
 * with the rule the page made them by (shared/export/model.ts), whatever checked it before.
 * Nothing is written but into the folders the export made (see OwnFolders): if one is
 * moved or replaced on the way, the export stops there and is refused, and only what is
 * still in its own folder is removed.
 */
export async function writeMarkdownExport(
  parentDir: string,
  files: readonly ExportFile[],
  now: Date,
  { namesTried = NAMES_TRIED, afterEachFile }: MarkdownExportOptions = {},
): Promise<{ folder: string; files: number }> {
  const problem = exportFilesProblem(files);
  if (problem) throw refused(problem);
  if (!path.isAbsolute(parentDir)) throw refused('the folder is not a full path');

  const temporary = path.join(parentDir, `.stillwater-export-${randomBytes(8).toString('hex')}`);
  let own: OwnFolders;
  try {
    await mkdir(temporary, { mode: FOLDER_MODE });
    own = await OwnFolders.madeAt(temporary);
  } catch (error) {
    throw asExportError(error);
  }
  try {
    const folders = new Set<string>();
    for (const [index, file] of files.entries()) {
      const segments = file.path.split('/');
      for (let end = 1; end < segments.length; end += 1) {
        const folder = path.join(temporary, ...segments.slice(0, end));
        if (!folders.has(folder)) await makeFolder(own, folder);
        folders.add(folder);
      }
      await writeNewFile(own, path.join(temporary, ...segments), file.text);
      await afterEachFile?.(index + 1);
    }
    // Every name inside made durable before the folder takes its own.
    for (const folder of [...folders, temporary]) {
      await own.confirm(folder);
      await syncDirectory(folder);
    }
    const folder = await moveIntoPlace(own, temporary, parentDir, now, namesTried);
    await syncDirectory(parentDir);
    return { folder, files: files.length };
  } catch (error) {
    await own.removeIfStillOwn();
    throw asExportError(error);
  }
}

/**
 * Writes a PDF the person chose to save, at the path they chose (so replacing a file there,
 * as they agreed to in the save dialog), atomically and readable by its owner alone.
 */
export async function writePdfFile(target: string, pdf: Uint8Array): Promise<void> {
  if (!path.isAbsolute(target)) throw refused('the file is not a full path');
  try {
    // writeFileAtomic creates the file 0600 and renames it over whatever is there, a link
    // included, rather than writing through it.
    await writeFileAtomic(target, pdf);
  } catch (error) {
    throw asExportError(error);
  }
}
