/**
 * The Markdown export and the PDF written on real temporary folders. Only the disk's answer
 * to creating a file is replaced, in the test of a disk that fills half-way, the way a full
 * disk would answer; and the tests of a folder moved mid-export move it, for real, at a
 * known moment (between two files, or just before or after the disk is asked to create a
 * file, a folder or to rename), rather than race a thread against the export. (One file,
 * past the usual length, since every test here shares those replaced answers of the disk.)
 */
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import type { ExportFile } from '../../shared/export/model';
import { isAppError } from '../app-error';
import { exportFolderName, writeMarkdownExport, writePdfFile } from './export-writer';

type Moment =
  | 'before creating a file'
  | 'after creating a file'
  | 'making a folder'
  | 'after making a folder'
  | 'after opening the export folder to make it durable'
  | 'renaming';

const disk = vi.hoisted(() => ({
  newFilesBeforeFull: Infinity,
  /** Runs once, at the moment named, on the numbered time it comes (from 1). */
  meddle: null as null | { at: Moment; time: number; act: () => void },
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const at = (moment: Moment) => {
    if (disk.meddle?.at !== moment) return;
    disk.meddle.time -= 1;
    if (disk.meddle.time > 0) return;
    const { act } = disk.meddle;
    disk.meddle = null;
    act();
  };
  return {
    ...real,
    open: async (file: string, flags?: string | number, mode?: number) => {
      if (flags === 'wx' && disk.newFilesBeforeFull-- <= 0) {
        throw Object.assign(new Error('refused'), { code: 'ENOSPC' });
      }
      if (flags === 'wx') at('before creating a file');
      const handle = await real.open(file, flags, mode);
      if (flags === 'wx') at('after creating a file');
      if (flags === 'r' && path.basename(file).startsWith('.stillwater-export-')) {
        at('after opening the export folder to make it durable');
      }
      return handle;
    },
    mkdir: async (...args: Parameters<typeof real.mkdir>) => {
      at('making a folder');
      const made = await real.mkdir(...args);
      at('after making a folder');
      return made;
    },
    rename: (...args: Parameters<typeof real.rename>) => {
      at('renaming');
      return real.rename(...args);
    },
  };
});

afterEach(() => {
  disk.newFilesBeforeFull = Infinity;
  disk.meddle = null;
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
    const full = await writeMarkdownExport(parent, FILES, NOW).catch((error: unknown) => error);
    expect(isAppError(full) && [full.kind, full.message]).toEqual([
      'disk-full',
      'The export could not be written (ENOSPC)',
    ]);
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

/**
 * Someone who can write the chosen folder, mid-export: the export's temporary folder is
 * moved aside and something else is put under its name.
 */
describe('writeMarkdownExport, when its folder is moved away mid-export', () => {
  const MOVED = 'moved aside';

  /** A parent, another folder the export must never write into, and the swap itself. */
  function scene(put: 'a link' | 'a folder' = 'a link') {
    const parent = makeDir();
    const elsewhere = makeDir();
    const swap = () => {
      const [temporary] = readdirSync(parent).filter((name) => name.startsWith('.stillwater-'));
      if (!temporary) throw new Error('no temporary folder to move');
      renameSync(path.join(parent, temporary), path.join(parent, MOVED));
      if (put === 'a link') symlinkSync(elsewhere, path.join(parent, temporary), 'dir');
      else mkdirSync(path.join(parent, temporary));
      return temporary;
    };
    return { parent, elsewhere, swap };
  }

  it.runIf(isPosix)('refuses between two files, and writes nothing through the link', async () => {
    const { parent, elsewhere, swap } = scene();
    let temporary = '';
    // Side by side, so that the second file is begun without a folder made for it first.
    const files = [FILES[0] as ExportFile, { path: 'About.md', text: '# About\n' }];
    const exporting = writeMarkdownExport(parent, files, NOW, {
      afterEachFile: (written) => {
        if (written === 1) temporary = swap();
      },
    });
    expect(await failure(exporting)).toBe('export-refused');
    expect(readdirSync(elsewhere)).toEqual([]);
    // What it wrote stays in its own folder, where that was moved; the link is not its to remove.
    expect(contents(path.join(parent, MOVED))).toEqual({ 'README.md': '# Stillwater export\n' });
    expect(readdirSync(parent).sort()).toEqual([temporary, MOVED].sort());
    expect(lstatSync(path.join(parent, temporary)).isSymbolicLink()).toBe(true);
  });

  it('refuses a folder of the same name put in its place, and writes nothing into it', async () => {
    const { parent, swap } = scene('a folder');
    let temporary = '';
    const exporting = writeMarkdownExport(parent, FILES, NOW, {
      afterEachFile: (written) => {
        if (written === 2) temporary = swap();
      },
    });
    expect(await failure(exporting)).toBe('export-refused');
    expect(readdirSync(path.join(parent, temporary))).toEqual([]);
    expect(Object.keys(contents(path.join(parent, MOVED))).sort()).toEqual(
      [FILES[0]?.path, FILES[1]?.path].sort(),
    );
  });

  it.runIf(isPosix)(
    'finds the folder moved just after a file was created, before writing a word into it',
    async () => {
      const { parent, elsewhere, swap } = scene();
      disk.meddle = { at: 'after creating a file', time: 2, act: swap };
      expect(await failure(writeMarkdownExport(parent, FILES, NOW))).toBe('export-refused');
      expect(readdirSync(elsewhere)).toEqual([]);
      // The second file was created in its own folder, and left empty.
      expect(contents(path.join(parent, MOVED))).toEqual({
        'README.md': '# Stillwater export\n',
        'notes/01 Introduction.md': '',
      });
    },
  );

  it.runIf(isPosix)(
    'finds the folder moved in the instant before a file is created: an empty file is all that is made elsewhere',
    async () => {
      const { parent, elsewhere, swap } = scene();
      disk.meddle = { at: 'before creating a file', time: 1, act: swap };
      expect(await failure(writeMarkdownExport(parent, FILES, NOW))).toBe('export-refused');
      // Node opens by path alone: the file is created through the link, but it is found
      // there before its text is written, and nothing more is made.
      expect(contents(elsewhere)).toEqual({ 'README.md': '' });
      expect(readdirSync(path.join(parent, MOVED))).toEqual([]);
    },
  );

  it.runIf(isPosix)(
    'finds a file created through a link that was taken away at once, and writes nothing into it',
    async () => {
      const { parent, elsewhere, swap } = scene();
      disk.meddle = {
        at: 'before creating a file',
        time: 1,
        act: () => {
          const temporary = swap();
          // Put back as it was the moment the file is created: every folder is its own again.
          disk.meddle = {
            at: 'after creating a file',
            time: 1,
            act: () => {
              unlinkSync(path.join(parent, temporary));
              renameSync(path.join(parent, MOVED), path.join(parent, temporary));
            },
          };
        },
      };
      expect(await failure(writeMarkdownExport(parent, FILES, NOW))).toBe('export-refused');
      expect(contents(elsewhere)).toEqual({ 'README.md': '' });
      // Its own folder, back under its name, is removed with all it held.
      expect(readdirSync(parent)).toEqual([]);
    },
  );

  it.runIf(isPosix)(
    'finds the folder moved while a folder inside it is made, and makes nothing more',
    async () => {
      const { parent, elsewhere, swap } = scene();
      disk.meddle = { at: 'making a folder', time: 2, act: swap };
      expect(await failure(writeMarkdownExport(parent, FILES, NOW))).toBe('export-refused');
      expect(readdirSync(elsewhere)).toEqual(['notes']);
      expect(readdirSync(path.join(elsewhere, 'notes'))).toEqual([]);
      expect(contents(path.join(parent, MOVED))).toEqual({ 'README.md': '# Stillwater export\n' });
    },
  );

  it.runIf(isPosix)('refuses when its folder is moved after the last file is written', async () => {
    const { parent, elsewhere, swap } = scene();
    const exporting = writeMarkdownExport(parent, FILES, NOW, {
      afterEachFile: (written) => {
        if (written === FILES.length) swap();
      },
    });
    expect(await failure(exporting)).toBe('export-refused');
    expect(readdirSync(elsewhere)).toEqual([]);
    // Never given the day's name: the link was not renamed into place.
    expect(existsSync(path.join(parent, FIRST))).toBe(false);
    expect(Object.keys(contents(path.join(parent, MOVED)))).toHaveLength(FILES.length);
  });

  it.runIf(isPosix)(
    'refuses when its folder is moved at the last moment before its rename, and gives a link no name',
    async () => {
      const { parent, elsewhere, swap } = scene();
      disk.meddle = {
        at: 'after opening the export folder to make it durable',
        time: 1,
        act: swap,
      };
      expect(await failure(writeMarkdownExport(parent, FILES, NOW))).toBe('export-refused');
      expect(readdirSync(elsewhere)).toEqual([]);
      expect(existsSync(path.join(parent, FIRST))).toBe(false);
      expect(Object.keys(contents(path.join(parent, MOVED)))).toHaveLength(FILES.length);
    },
  );

  it.runIf(isPosix)(
    'refuses when a link is renamed into place instead of its folder, in the rename itself',
    async () => {
      const { parent, elsewhere, swap } = scene();
      disk.meddle = { at: 'renaming', time: 1, act: swap };
      expect(await failure(writeMarkdownExport(parent, FILES, NOW))).toBe('export-refused');
      expect(readdirSync(elsewhere)).toEqual([]);
      expect(lstatSync(path.join(parent, FIRST)).isSymbolicLink()).toBe(true);
      expect(Object.keys(contents(path.join(parent, MOVED)))).toHaveLength(FILES.length);
    },
  );

  // Only root can give a folder to another user, as whoever put it there would own it.
  it.runIf(isPosix && process.getuid?.() === 0)(
    'refuses a folder of another owner put in its place before it was first looked at',
    async () => {
      const { parent, swap } = scene('a folder');
      let temporary = '';
      disk.meddle = {
        at: 'after making a folder',
        time: 1,
        act: () => {
          temporary = swap();
          chownSync(path.join(parent, temporary), 4242, 4242);
        },
      };
      expect(await failure(writeMarkdownExport(parent, FILES, NOW))).toBe('export-refused');
      // Found at the first file, before its text: the folder is not its own, so not removed.
      expect(contents(path.join(parent, temporary))).toEqual({ 'README.md': '' });
      expect(readdirSync(path.join(parent, MOVED))).toEqual([]);
    },
  );

  it.runIf(isPosix)(
    'refuses a folder with anything in it put in its place before it was first looked at, and removes none of it',
    async () => {
      const { parent } = scene();
      const earlier = await writeMarkdownExport(parent, FILES, NOW);
      disk.meddle = {
        at: 'after making a folder',
        time: 1,
        act: () => {
          const [temporary] = readdirSync(parent).filter((name) => name.startsWith('.stillwater-'));
          renameSync(path.join(parent, temporary ?? ''), path.join(parent, MOVED));
          renameSync(earlier.folder, path.join(parent, temporary ?? ''));
        },
      };
      expect(await failure(writeMarkdownExport(parent, FILES, NOW))).toBe('export-refused');
      const [planted] = readdirSync(parent).filter((name) => name.startsWith('.stillwater-'));
      expect(contents(path.join(parent, planted ?? ''))).toEqual(
        Object.fromEntries(FILES.map((file) => [file.path, file.text])),
      );
    },
  );
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
