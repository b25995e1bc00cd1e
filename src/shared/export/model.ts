/**
 * The plain export: files of Markdown that the page composes from the open notebook and main
 * writes into a new folder. The one rule for a safe file name lives here, so the page that
 * makes the names and main that checks them again before writing cannot disagree. Plain
 * values only, so the renderer uses them without bundling a validator; the schemas that
 * check an export at the IPC boundary are in ./schemas.
 */

/** One file of an export: where it goes inside the export's folder, and its Markdown. */
export interface ExportFile {
  /** Relative, with "/" between its parts: "notes/01 Introduction.md". */
  path: string;
  text: string;
}

/** A file or folder name's longest length, in characters: short enough for every system. */
export const MAX_NAME_LENGTH = 100;
/**
 * And in UTF-8 bytes: Linux and macOS allow 255 bytes for one name, so 100 characters of a
 * script written in three or four bytes each would not fit. The margin is for a name's
 * " (part 2)" and ".md".
 */
const MAX_NAME_BYTES = 200;
/** A file's path has at most this many parts: a folder, one more inside it, and the file. */
export const MAX_PATH_SEGMENTS = 3;
export const MAX_EXPORT_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_EXPORT_FILES = 100_000;
export const MAX_EXPORT_TOTAL_BYTES = 512 * 1024 * 1024;
export const EXPORT_LIMITS = {
  files: MAX_EXPORT_FILES,
  fileBytes: MAX_EXPORT_FILE_BYTES,
  totalBytes: MAX_EXPORT_TOTAL_BYTES,
};

/**
 * Characters no name may hold: those Windows forbids (which include the path separators of
 * every system), control characters, and the marks that reverse the direction of text, with
 * which a name can show one extension and have another.
 */
const UNSAFE_CHARACTERS = /[/\\:*?"<>|\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** Names Windows keeps for its devices, whatever follows them after a dot. */
const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])\s*(\..*)?$/iu;
/** What a name that has nothing left once made safe is called. */
const NO_NAME = 'Untitled';

/** The length of `text` in UTF-8, counted without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** At most `characters` characters and MAX_NAME_BYTES bytes of `text`, never half a letter. */
function shortened(text: string, characters: number): string {
  const letters = Array.from(text).slice(0, characters);
  while (utf8Length(letters.join('')) > MAX_NAME_BYTES) letters.pop();
  return letters.join('');
}

/**
 * A name for a file or folder made from any text (a section's title, a date), which every
 * system accepts and which names nothing but itself: no separator or forbidden character
 * (each becomes a space), no leading dot (hidden, or "..") and no trailing dot or space
 * (Windows drops them), no device name, and at most `maxLength` characters. The words are
 * otherwise kept, so the name still reads as the title it came from.
 */
export function safeName(text: string, maxLength = MAX_NAME_LENGTH): string {
  const cleaned = text
    .normalize('NFC')
    .replace(UNSAFE_CHARACTERS, ' ')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+/u, '');
  const fitted = (name: string) => shortened(name, maxLength).replace(/[\s.]+$/u, '');
  const name = fitted(cleaned) || NO_NAME;
  return DEVICE_NAMES.test(name) ? fitted(`_${name}`) : name;
}

/** Whether `name` is safe as it is: the rule above would leave it unchanged. */
export function isSafeName(name: string): boolean {
  return name.length > 0 && safeName(name) === name;
}

/**
 * Whether `path` may be a file of an export: relative, in one to three parts each of them
 * a safe name, and a Markdown file. ".." and an absolute path are not safe names.
 */
export function isSafeExportPath(path: string): boolean {
  const segments = path.split('/');
  return segments.length <= MAX_PATH_SEGMENTS && segments.every(isSafeName) && path.endsWith('.md');
}

/**
 * How two paths compare on a disk that ignores case (Windows, macOS by default): two files
 * that differ only in case would be one there, and the second would fail to be written.
 */
export const pathKey = (path: string): string => path.normalize('NFC').toLowerCase();

/**
 * Why a set of files cannot be an export, or null if it can: a path that is not safe, two
 * paths that would be one file, a file where another needs a folder, or too much.
 */
export function exportFilesProblem(
  files: readonly ExportFile[],
  limits = EXPORT_LIMITS,
): string | null {
  if (files.length > limits.files) return 'too many files';
  const paths = new Set<string>();
  const folders = new Set<string>();
  let total = 0;
  for (const { path, text } of files) {
    if (!isSafeExportPath(path)) return 'a path that is not a safe name';
    const key = pathKey(path);
    if (paths.has(key)) return 'two files with one path';
    paths.add(key);
    const segments = key.split('/');
    for (let end = 1; end < segments.length; end += 1)
      folders.add(segments.slice(0, end).join('/'));
    const bytes = utf8Length(text);
    if (bytes > limits.fileBytes) return 'a file larger than a file may be';
    total += bytes;
    if (total > limits.totalBytes) return 'more than an export may hold';
  }
  for (const folder of folders) if (paths.has(folder)) return 'a file where a folder goes';
  return null;
}
