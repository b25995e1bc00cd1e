import { describe, expect, it } from 'vitest';
import {
  EXPORT_LIMITS,
  MAX_EXPORT_FILE_BYTES,
  MAX_EXPORT_FILES,
  MAX_NAME_LENGTH,
  exportFilesProblem,
  isSafeExportPath,
  isSafeName,
  safeName,
  utf8Length,
} from './model';
import { ExportFilesSchema } from './schemas';

/** The same run every time: a failure can be replayed. */
let seed = 13;
const randomInt = (below: number) => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed % below;
};

/** Text of every awkward kind: separators, controls, dots, spaces, marks of direction, emoji. */
function awkwardText(): string {
  const pieces = [
    '/',
    '\\',
    ':',
    '*',
    '?',
    '"',
    '<',
    '>',
    '|',
    '.',
    ' ',
    '\u0000',
    '\u001f',
    '\u007f',
    '\u202e',
    '\u2066',
    '\n',
    '\t',
    'a',
    'Z',
    'é',
    'e\u0301',
    '✓',
    '😀',
    'con',
    'lpt1',
    '..',
    'x'.repeat(60),
    '語'.repeat(40),
  ];
  return Array.from({ length: randomInt(12) }, () => pieces[randomInt(pieces.length)]).join('');
}

describe('safeName', () => {
  it.each([
    ['Introduction', 'Introduction'],
    ['Step 1: Talk / listen', 'Step 1 Talk listen'],
    ['../../etc/passwd', 'etc passwd'],
    ['.hidden', 'hidden'],
    ['name. . ', 'name'],
    ['a\u0000b\u202ec.exe', 'a b c.exe'],
    ['CON', '_CON'],
    ['lpt1.md', '_lpt1.md'],
    ['', 'Untitled'],
    ['...', 'Untitled'],
    ['e\u0301t\u00e9', '\u00e9t\u00e9'],
  ])('makes %j into %j', (text, name) => {
    expect(safeName(text)).toBe(name);
  });

  it('keeps a name within 100 characters and 200 bytes, never cutting a letter in two', () => {
    expect(safeName('x'.repeat(300))).toHaveLength(MAX_NAME_LENGTH);
    const cjk = safeName('語'.repeat(300));
    expect(utf8Length(cjk)).toBeLessThanOrEqual(200);
    expect(cjk).toBe('語'.repeat(66));
    const emoji = safeName('😀'.repeat(300));
    expect(Array.from(emoji).every((letter) => letter === '😀')).toBe(true);
  });

  it('gives a name that is safe as it is, from any text', () => {
    for (let run = 0; run < 2000; run += 1) {
      const text = awkwardText();
      const name = safeName(text);
      expect(isSafeName(name), JSON.stringify(text)).toBe(true);
      expect(name).not.toMatch(/[/\\:*?"<>|\p{Cc}]|^\.|[.\s]$/u);
    }
  });
});

describe('isSafeExportPath', () => {
  it.each([
    ['README.md', true],
    ['notes/01 Introduction.md', true],
    ['steps/deeper/step-1.md', true],
    ['a/b/c/d.md', false],
    ['../notes.md', false],
    ['notes/../x.md', false],
    ['/etc/x.md', false],
    ['notes//x.md', false],
    ['notes/x.txt', false],
    ['.md', false],
    ['notes/.x.md', false],
    ['C:\\x.md', false],
    ['notes/CON.md', false],
    [`notes/${'x'.repeat(MAX_NAME_LENGTH)}.md`, false],
  ])('%j is safe: %s', (path, safe) => {
    expect(isSafeExportPath(path)).toBe(safe);
  });
});

describe('an export as a whole', () => {
  const file = (path: string, text = 'words') => ({ path, text });

  it('takes a sound export', () => {
    const files = [file('README.md'), file('notes/01 A.md'), file('journal/2026-03-01.md')];
    expect(exportFilesProblem(files)).toBeNull();
    expect(ExportFilesSchema.parse(files)).toEqual(files);
  });

  it.each([
    ['two files one disk takes for one', [file('notes/a.md'), file('Notes/A.md')]],
    ['a file where a folder goes', [file('a.md'), file('a.md/b.md')]],
    ['a path outside', [file('../a.md')]],
    ['a file too large', [file('a.md', 'é'.repeat(MAX_EXPORT_FILE_BYTES / 2 + 1))]],
  ])('refuses %s', (_what, files) => {
    expect(exportFilesProblem(files)).not.toBeNull();
    expect(ExportFilesSchema.safeParse(files).success).toBe(false);
  });

  it('refuses more files than an export may hold, and more bytes in all', () => {
    const limits = { files: 3, fileBytes: 10, totalBytes: 25 };
    const files = (count: number, text: string) =>
      Array.from({ length: count }, (_, index) => file(`${index}.md`, text));
    expect(exportFilesProblem(files(3, 'eight b.'), limits)).toBeNull();
    expect(exportFilesProblem(files(4, ''), limits)).toBe('too many files');
    // Six letters, twelve bytes.
    expect(exportFilesProblem(files(1, 'éééééé'), limits)).toBe('a file larger than a file may be');
    expect(exportFilesProblem(files(3, 'nine byte'), limits)).toBe('more than an export may hold');
    // The schema holds an export to the real limits.
    expect(EXPORT_LIMITS).toEqual({
      files: MAX_EXPORT_FILES,
      fileBytes: 4 * 1024 * 1024,
      totalBytes: 512 * 1024 * 1024,
    });
    expect(ExportFilesSchema.safeParse(files(MAX_EXPORT_FILES + 1, '')).success).toBe(false);
  });

  it('refuses fields it does not know', () => {
    expect(ExportFilesSchema.safeParse([{ ...file('a.md'), mode: 0o777 }]).success).toBe(false);
  });
});

describe('utf8Length', () => {
  it('counts as UTF-8 does, a lone surrogate as the replacement it is written as', () => {
    for (const text of ['', 'abc', 'é', '語', '😀', 'a😀é語', '\ud800', '\udc00x']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});
