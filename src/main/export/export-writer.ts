import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { exportFilesProblem, type ExportFile } from '../../shared/export/model';
import { calendarDay } from '../backup/file-dialogs';
import { AppError, isAppError } from '../app-error';
import { syncDirectory, writeFileAtomic } from '../vault/atomic-file';
import { asDiskError } from '../vault/errors';

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

const refused = (why: string) => new AppError('export-refused', `The export was refused: ${why}`);

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
  return asDiskError(error);
}

/** The day on this computer's calendar, as the folder's name gives it: "2026-03-01". */
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
async function makeFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { mode: FOLDER_MODE });
  } catch (error) {
    // Already made for another file; on a disk that ignores case, under another case.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const info = await lstat(folder);
    if (!info.isDirectory()) throw refused('something is in the way of a folder');
  }
}

/** A new file, never one that is there already, nor a link: 'wx' is O_CREAT | O_EXCL. */
async function writeNewFile(file: string, text: string): Promise<void> {
  const handle = await open(file, 'wx', FILE_MODE);
  try {
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
  temporary: string,
  parentDir: string,
  now: Date,
  namesTried: number,
): Promise<string> {
  for (let attempt = 1; attempt <= namesTried; attempt += 1) {
    const target = path.join(parentDir, exportFolderName(now, attempt));
    if (await taken(target)) continue;
    try {
      await rename(temporary, target);
      return target;
    } catch (error) {
      if (!(await taken(target))) throw error;
    }
  }
  throw refused('every name for a new folder is taken');
}

export interface MarkdownExportOptions {
  /** How many numbered names to try for the folder; see NAMES_TRIED. */
  namesTried?: number;
}

/**
 * Writes `files` into a new folder in `parentDir`, named for the day, and never into or over
 * anything that is there. The folder is built under a hidden temporary name beside it, then
 * renamed into place whole: a crash or a full disk half-way leaves no half export under the
 * real name, and the temporary folder is removed on any failure. Every path is checked again
 * with the rule the page made them by (shared/export/model.ts), whatever checked it before.
 */
export async function writeMarkdownExport(
  parentDir: string,
  files: readonly ExportFile[],
  now: Date,
  { namesTried = NAMES_TRIED }: MarkdownExportOptions = {},
): Promise<{ folder: string; files: number }> {
  const problem = exportFilesProblem(files);
  if (problem) throw refused(problem);
  if (!path.isAbsolute(parentDir)) throw refused('the folder is not a full path');

  const temporary = path.join(parentDir, `.stillwater-export-${randomBytes(8).toString('hex')}`);
  try {
    await mkdir(temporary, { mode: FOLDER_MODE });
  } catch (error) {
    throw asExportError(error);
  }
  try {
    const folders = new Set<string>();
    for (const file of files) {
      const segments = file.path.split('/');
      for (let end = 1; end < segments.length; end += 1) {
        const folder = path.join(temporary, ...segments.slice(0, end));
        if (!folders.has(folder)) await makeFolder(folder);
        folders.add(folder);
      }
      await writeNewFile(path.join(temporary, ...segments), file.text);
    }
    // Every name inside made durable before the folder takes its own.
    for (const folder of folders) await syncDirectory(folder);
    await syncDirectory(temporary);
    const folder = await moveIntoPlace(temporary, parentDir, now, namesTried);
    await syncDirectory(parentDir);
    return { folder, files: files.length };
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
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
