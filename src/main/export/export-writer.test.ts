/**
 * The Markdown export and the PDF written on real temporary folders. Only the disk's answer
 * to creating a file is replaced, in the test of a disk that fills half-way, the way a full
 * disk would answer.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import type { ExportFile } from '../../shared/export/model';
import { isAppError } from '../app-error';
import { exportFolderName, writeMarkdownExport, writePdfFile } from './export-writer';

const disk = vi.hoisted(() => ({ newFilesBeforeFull: Infinity }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: (file: string, flags?: string | number, mode?: number) => {
      if (flags === 'wx' && disk.newFilesBeforeFull-- <= 0) {
        return Promise.reject(Object.assign(new Error('refused'), { code: 'ENOSPC' }));
      }
      return real.open(file, flags, mode);
    },
  };
});

afterEach(() => {
  disk.newFilesBeforeFull = Infinity;
});

const makeDir = tempDirs('stillwater-export-');
const NOW = new Date(2026, 2, 1, 9, 30);
const FIRST = 'Stillwater export 2026-03-01';
const FILES: ExportFile[] = [
  { path: 'README.md', text: '# Stillwater export\n' },
  { path: 'notes/01 Introduction.md', text: '# Introduction\n\nMy words, ünïcode ✓\n' },
  { path: 'journal/2026-02-27.md', text: '# A day\n\nWritten that day\n' },
  { path: 'steps/deeper/step-1.md', text: '# Step 1\n' },
];
const isPosix = process.platform !== 'win32';

async function failure(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'succeeded',
    (error: unknown) => (isAppError(error) ? error.kind : `untyped: ${String(error)}`),
  );
}

/** Every file under `folder`, as paths with "/", and their text. */
function contents(folder: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found[path.relative(folder, file).split(path.sep).join('/')] = readFileSync(file, 'utf8');
  }
  return found;
}

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('writeMarkdownExport', () => {
  it('writes every file into a new folder named for the day, and nothing beside it', async () => {
    const parent = makeDir();
    const result = await writeMarkdownExport(parent, FILES, NOW);
    expect(result).toEqual({ folder: path.join(parent, FIRST), files: FILES.length });
    expect(contents(result.folder)).toEqual(
      Object.fromEntries(FILES.map((file) => [file.path, file.text])),
    );
    // The temporary folder it was built in is gone.
    expect(readdirSync(parent)).toEqual([FIRST]);
  });

  it.runIf(isPosix)('lets only its owner read it: folders 0700, files 0600', async () => {
    const { folder } = await writeMarkdownExport(makeDir(), FILES, NOW);
    expect(modeOf(folder)).toBe(0o700);
    for (const inner of ['notes', 'steps', 'steps/deeper']) {
      expect(modeOf(path.join(folder, inner))).toBe(0o700);
    }
    for (const file of FILES) expect(modeOf(path.join(folder, file.path))).toBe(0o600);
  });

  it('makes a new folder each time, and never writes into or over one that is there', async () => {
    const parent = makeDir();
    const first = await writeMarkdownExport(parent, FILES, NOW);
    writeFileSync(path.join(first.folder, 'kept.txt'), 'mine');
    const second = await writeMarkdownExport(parent, [FILES[0] as ExportFile], NOW);
    const third = await writeMarkdownExport(parent, [FILES[1] as ExportFile], NOW);
    expect([first, second, third].map(({ folder }) => path.basename(folder))).toEqual([
      FIRST,
      `${FIRST} (2)`,
      `${FIRST} (3)`,
    ]);
    expect(Object.keys(contents(first.folder)).sort()).toEqual(
      [...FILES.map((file) => file.path), 'kept.txt'].sort(),
    );
    expect(Object.keys(contents(third.folder))).toEqual([FILES[1]?.path]);
  });

  it('passes over a file, an empty folder or a link that has the name, and writes through none', async () => {
    const parent = makeDir();
    const elsewhere = makeDir();
    writeFileSync(path.join(parent, FIRST), 'a file');
    mkdirSync(path.join(parent, `${FIRST} (2)`));
    if (isPosix) symlinkSync(elsewhere, path.join(parent, `${FIRST} (3)`));
    const { folder } = await writeMarkdownExport(parent, FILES, NOW);
    expect(path.basename(folder)).toBe(`${FIRST} (${isPosix ? 4 : 3})`);
    expect(readFileSync(path.join(parent, FIRST), 'utf8')).toBe('a file');
    expect(readdirSync(path.join(parent, `${FIRST} (2)`))).toEqual([]);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('leaves nothing under any name when every name is taken, and says so', async () => {
    const parent = makeDir();
    mkdirSync(path.join(parent, FIRST));
    writeFileSync(path.join(parent, FIRST, 'kept.txt'), 'mine');
    expect(await failure(writeMarkdownExport(parent, FILES, NOW, { namesTried: 1 }))).toBe(
      'export-refused',
    );
    expect(readdirSync(parent)).toEqual([FIRST]);
    expect(readdirSync(path.join(parent, FIRST))).toEqual(['kept.txt']);
  });

  it('leaves no half export when the disk fills half-way, and removes what it began', async () => {
    const parent = makeDir();
    disk.newFilesBeforeFull = 2;
    expect(await failure(writeMarkdownExport(parent, FILES, NOW))).toBe('disk-full');
    expect(readdirSync(parent)).toEqual([]);
    disk.newFilesBeforeFull = Infinity;
    // With room again, the same export is whole, under the day's first name.
    const { folder } = await writeMarkdownExport(parent, FILES, NOW);
    expect(path.basename(folder)).toBe(FIRST);
    expect(Object.keys(contents(folder))).toHaveLength(FILES.length);
  });

  it.each([
    ['a path out of the folder', '../outside.md'],
    ['an absolute path', '/etc/outside.md'],
    ['a hidden name', 'notes/.hidden.md'],
    ['a file that is not Markdown', 'notes/run.sh'],
    ['a name with a separator of another system', 'notes\\..\\outside.md'],
    ['too many folders', 'a/b/c/d.md'],
  ])('refuses %s before it writes anything', async (_what, badPath) => {
    const parent = makeDir();
    expect(
      await failure(writeMarkdownExport(parent, [...FILES, { path: badPath, text: 'x' }], NOW)),
    ).toBe('export-refused');
    expect(readdirSync(parent)).toEqual([]);
    expect(existsSync(path.join(parent, '..', 'outside.md'))).toBe(false);
  });

  it('refuses two files that one disk would take for one', async () => {
    const parent = makeDir();
    const twice = [FILES[1] as ExportFile, { path: 'Notes/01 introduction.md', text: 'other' }];
    expect(await failure(writeMarkdownExport(parent, twice, NOW))).toBe('export-refused');
    expect(readdirSync(parent)).toEqual([]);
  });

  it('says the folder is not there, or that a file is in its place', async () => {
    const parent = makeDir();
    expect(await failure(writeMarkdownExport(path.join(parent, 'gone'), FILES, NOW))).toBe(
      'not-found',
    );
    writeFileSync(path.join(parent, 'a file'), '');
    expect(await failure(writeMarkdownExport(path.join(parent, 'a file'), FILES, NOW))).toBe(
      'export-refused',
    );
    expect(readdirSync(parent)).toEqual(['a file']);
  });

  it('names the folder by the day on this computer’s calendar', () => {
    expect(exportFolderName(new Date(2026, 11, 31, 23, 59), 1)).toBe(
      'Stillwater export 2026-12-31',
    );
    expect(exportFolderName(new Date(2026, 0, 2), 12)).toBe('Stillwater export 2026-01-02 (12)');
  });
});

describe('writePdfFile', () => {
  const PDF = new TextEncoder().encode('%PDF-1.7 a few pages\n%%EOF\n');

  it('writes the PDF where the person chose, replacing what they agreed to replace', async () => {
    const target = path.join(makeDir(), 'Notebook.pdf');
    writeFileSync(target, 'an older file');
    await writePdfFile(target, PDF);
    expect(new Uint8Array(readFileSync(target))).toEqual(PDF);
    if (isPosix) expect(modeOf(target)).toBe(0o600);
    expect(readdirSync(path.dirname(target))).toEqual(['Notebook.pdf']);
  });

  it.runIf(isPosix)('replaces a link at the path rather than writing through it', async () => {
    const folder = makeDir();
    const elsewhere = path.join(makeDir(), 'target.txt');
    writeFileSync(elsewhere, 'not to be touched');
    symlinkSync(elsewhere, path.join(folder, 'Journal.pdf'));
    await writePdfFile(path.join(folder, 'Journal.pdf'), PDF);
    expect(readFileSync(elsewhere, 'utf8')).toBe('not to be touched');
    expect(statSync(path.join(folder, 'Journal.pdf')).isFile()).toBe(true);
  });

  it('refuses a folder in the way, or a path that is not a full one', async () => {
    const folder = makeDir();
    mkdirSync(path.join(folder, 'Notebook.pdf'));
    expect(await failure(writePdfFile(path.join(folder, 'Notebook.pdf'), PDF))).toBe(
      'export-refused',
    );
    expect(await failure(writePdfFile('Notebook.pdf', PDF))).toBe('export-refused');
    expect(readdirSync(folder)).toEqual(['Notebook.pdf']);
  });
});
