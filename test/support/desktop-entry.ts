import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The Linux launcher Stillwater installs, as resources/linux holds it. */
export const DESKTOP_ENTRY = path.resolve(
  import.meta.dirname,
  '../../resources/linux/stillwater.desktop',
);

/**
 * The keys of a desktop entry's [Desktop Entry] group, as written (no unescaping, no locale
 * variants folded together). Enough to compare the file with what a packager is told.
 */
export function readDesktopEntry(file = DESKTOP_ENTRY): Record<string, string> {
  const fields: Record<string, string> = {};
  let group = '';
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      group = header[1] ?? '';
      continue;
    }
    const split = line.indexOf('=');
    if (group === 'Desktop Entry' && split > 0)
      fields[line.slice(0, split).trim()] = line.slice(split + 1).trim();
  }
  return fields;
}
