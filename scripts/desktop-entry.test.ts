import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP_ENTRY, readDesktopEntry } from '../test/support/desktop-entry';
import { tempDirs } from '../test/support/temp-dir';

const ROOT = path.resolve(import.meta.dirname, '..');
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  productName: string;
  desktopName?: string;
};
const makeDir = tempDirs('stillwater-desktop-entry-');

function validatorPresent(): boolean {
  return spawnSync('desktop-file-validate', ['--help'], { stdio: 'ignore' }).status === 0;
}

const VALIDATOR = validatorPresent();
if (!VALIDATOR) {
  // Said loudly: a skipped check must never pass for a passed one.
  process.stderr.write(
    '\nSKIPPED: the desktop entry check, because desktop-file-validate is not installed ' +
      '(apt-get install desktop-file-utils)\n\n',
  );
}

/** What desktop-file-validate says about a file: its exit status and its error and warning lines. */
function validate(file: string): { status: number | null; problems: string[]; output: string } {
  const run = spawnSync('desktop-file-validate', [file], { encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  const problems = output.split('\n').filter((line) => /: (error|warning): /.test(line));
  return { status: run.status, problems, output };
}

/** Every word of four letters or more in the guide's title and in its part and section names. */
function guideNameWords(): Set<string> {
  const guide: unknown = JSON.parse(
    readFileSync(path.join(ROOT, 'resources/guide/guide.json'), 'utf8'),
  );
  const names: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        if (['title', 'label', 'heading'].includes(key) && typeof inner === 'string')
          names.push(inner);
        else walk(inner);
      }
  };
  walk(guide);
  expect(names.length).toBeGreaterThan(10);
  return new Set(names.flatMap((name) => name.toLowerCase().match(/\p{L}{4,}/gu) ?? []));
}

describe('the Linux desktop entry', () => {
  const entry = readDesktopEntry();

  it('launches Stillwater by its executable, with its icon, as the window names itself', () => {
    const executable = packageJson.name;
    expect(path.basename(DESKTOP_ENTRY)).toBe(`${executable}.desktop`);
    expect(entry).toMatchObject({
      Type: 'Application',
      Name: packageJson.productName,
      Exec: `${executable} %U`,
      // The packager installs the icons under the executable's name in the hicolor theme.
      Icon: executable,
      Terminal: 'false',
      Categories: 'Office;Utility;',
    });
    // Electron names its windows after the app (WM_CLASS, and the Wayland app id), from
    // package.json's desktopName if it has one, otherwise from its productName; the desktop
    // matches a running window to this entry by that name.
    expect(entry['StartupWMClass']).toBe(
      packageJson.desktopName?.replace(/\.desktop$/, '') ?? packageJson.productName,
    );
  });

  it('says nothing in its names, description or keywords of what the guide is about', () => {
    const said = ['Name', 'GenericName', 'Comment', 'Keywords']
      .map((key) => entry[key] ?? '')
      .join(' ')
      .toLowerCase();
    expect(entry['GenericName']).toBeTruthy();
    expect(entry['Comment']).toBeTruthy();
    expect(entry['Keywords']).toBeTruthy();
    const words = said.match(/\p{L}{4,}/gu) ?? [];
    const guideWords = guideNameWords();
    expect(words.filter((word) => guideWords.has(word))).toEqual([]);
  });

  it.runIf(VALIDATOR)('passes desktop-file-validate with no error and no warning', () => {
    const { status, problems, output } = validate(DESKTOP_ENTRY);
    expect(problems, output).toEqual([]);
    expect(status, output).toBe(0);
  });

  it.runIf(VALIDATOR)('is checked by a validator that does refuse a broken entry', () => {
    // The same file without its required Type: the check above could not pass on it.
    const broken = path.join(makeDir(), 'stillwater.desktop');
    writeFileSync(broken, readFileSync(DESKTOP_ENTRY, 'utf8').replace(/^Type=.*\n/m, ''));
    const { status, problems } = validate(broken);
    expect(problems.some((line) => /error: required key "Type"/.test(line))).toBe(true);
    expect(status).not.toBe(0);
  });
});
