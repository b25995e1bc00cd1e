/**
 * The README's first command, `npm start`, on a computer that has never run Stillwater:
 * npm has installed the electron package, but not its binary, which Electron fetches on first
 * use. The real start path runs in a scratch copy of the project, against a stand-in Electron
 * release served from 127.0.0.1, so it needs no network and leaves this checkout untouched.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPortUrl,
  executableInRelease,
  serveRelease,
  sha256,
  standInReleaseZip,
  type ReleaseMirror,
} from '../support/electron-release-stand-in';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;
/** Files the build reads; shared with this checkout, since the test never writes to them. */
const PROJECT_FILES = [
  'src',
  'resources',
  'electron.vite.config.ts',
  'svelte.config.js',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
];
/**
 * Packages that must be real copies in the scratch project: both look for Electron beside
 * themselves, so a link would send them back to this checkout's node_modules.
 */
const COPIED_PACKAGES = new Set(['electron', 'electron-vite']);

const supported = process.platform === 'linux' || process.platform === 'darwin';
if (!supported) {
  process.stderr.write(
    `\nSKIPPED: the npm start path test, because its stand-in Electron is a shell script, ` +
      `which ${process.platform} cannot run. It runs on Linux and macOS, and in CI.\n\n`,
  );
}

/**
 * One scratch folder for the file, made on first use. Its real path, since macOS's temp
 * folder is a link and the stand-in reports where it really ran.
 */
let scratchDir: string | undefined;
function scratch(): string {
  scratchDir ??= realpathSync(mkdtempSync(path.join(tmpdir(), 'stillwater-front-door-')));
  return scratchDir;
}
function makeDir(name: string): string {
  const dir = path.join(scratch(), name);
  mkdirSync(dir);
  return dir;
}

/**
 * A project folder with this checkout's package.json and sources, and a node_modules in
 * which Electron is installed the way npm leaves it: the package, without its binary.
 */
function scratchProject(name: string): string {
  const project = makeDir(name);
  copyFileSync(path.join(ROOT, 'package.json'), path.join(project, 'package.json'));
  // Copied, not linked: a script finds Electron from where it really lies.
  cpSync(path.join(ROOT, 'scripts'), path.join(project, 'scripts'), { recursive: true });
  for (const name of PROJECT_FILES) symlinkSync(path.join(ROOT, name), path.join(project, name));

  const realModules = path.join(ROOT, 'node_modules');
  const modules = path.join(project, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(realModules)) {
    const from = path.join(realModules, name);
    const to = path.join(modules, name);
    if (COPIED_PACKAGES.has(name)) {
      cpSync(from, to, {
        recursive: true,
        // A binary this checkout may already have downloaded is left behind.
        filter: (source) =>
          name !== 'electron' || !['dist', 'path.txt'].includes(path.relative(from, source)),
      });
    } else if (name === '.bin') {
      // The command shims point at ../<package>/…, so they must resolve inside the copy.
      mkdirSync(to);
      for (const shim of readdirSync(from)) {
        symlinkSync(readlinkSync(path.join(from, shim)), path.join(to, shim));
      }
    } else {
      symlinkSync(from, to);
    }
  }
  return project;
}

interface Run {
  status: number | null;
  output: string;
}

const STRAY_SETTING = /^(electron_|npm_config_electron_|npm_package_config_electron_)/i;

/**
 * `npm <args>` in `project`, asynchronously, so this process can go on serving the mirror.
 * Nothing from this machine's own settings may point the installer or electron-vite
 * elsewhere: no ELECTRON_* or electron_* variable, no .npmrc, and no proxy for 127.0.0.1.
 */
function npm(project: string, args: string[], env: Record<string, string>): Promise<Run> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !STRAY_SETTING.test(name) && !/^npm_config_(arch|platform)$/i.test(name),
    ),
  );
  const [userConfig, globalConfig] = ['user-npmrc', 'global-npmrc'].map((name) => {
    const file = path.join(scratch(), name);
    writeFileSync(file, '');
    return file;
  });
  const childEnv = {
    ...inherited,
    npm_config_userconfig: userConfig,
    npm_config_globalconfig: globalConfig,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    ...env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd: project, env: childEnv });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe.runIf(supported)('npm start on a fresh computer', () => {
  let mirror: ReleaseMirror | undefined;
  let launchLog: string;
  let zip: Uint8Array;

  beforeAll(async () => {
    launchLog = path.join(scratch(), 'launches.log');
    // The stand-in records how electron-vite launched it, then exits as the app would on quit.
    const executable = `#!/bin/sh\nprintf '%s|%s\\n' "$PWD" "$*" >> "$STILLWATER_STAND_IN_LOG"\n`;
    zip = standInReleaseZip({ version: ELECTRON_VERSION, platform: process.platform, executable });
    mirror = await serveRelease({ version: ELECTRON_VERSION, platform: process.platform, zip });
  });
  afterAll(async () => {
    await mirror?.close();
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  });

  /**
   * A fresh project whose electron package trusts the stand-in, as it trusts a real release:
   * by the checksums it ships with, the way a new user's install checks the download.
   */
  function freshProject(name: string): { project: string; env: Record<string, string> } {
    const project = scratchProject(name);
    const checksums = path.join(project, 'node_modules/electron/checksums.json');
    const known = JSON.parse(readFileSync(checksums, 'utf8')) as Record<string, string>;
    for (const file of Object.keys(known)) {
      if (file.startsWith(`electron-v${ELECTRON_VERSION}-${process.platform}-`)) {
        known[file] = sha256(zip);
      }
    }
    writeFileSync(checksums, JSON.stringify(known));
    return {
      project,
      env: {
        ELECTRON_MIRROR: mirror?.url ?? '',
        electron_config_cache: makeDir(`${name}-cache`),
        ELECTRON_GET_NO_PROGRESS: '1',
        STILLWATER_STAND_IN_LOG: launchLog,
      },
    };
  }

  const launches = () =>
    existsSync(launchLog) ? readFileSync(launchLog, 'utf8').trim().split('\n') : [];

  it('fetches the Electron binary, builds the app and launches it, and fetches it only once', async () => {
    const { project, env } = freshProject('start');
    const realPathFile = path.join(ROOT, 'node_modules/electron/path.txt');
    const checkoutHadBinary = existsSync(realPathFile);
    const before = launches().length;

    const run = await npm(project, ['start'], env);

    expect(run.output).not.toContain('Electron uninstall');
    expect(run.status, run.output).toBe(0);
    const downloads = () =>
      (mirror?.requested ?? []).filter(
        (asked) => asked.endsWith('.zip') && asked.includes(`-${process.platform}-`),
      );
    expect(downloads()).toHaveLength(1);

    const electronPackage = path.join(project, 'node_modules/electron');
    const executable = executableInRelease(process.platform);
    expect(readFileSync(path.join(electronPackage, 'path.txt'), 'utf8')).toBe(executable);
    const unpacked = statSync(path.join(electronPackage, 'dist', executable));
    expect(unpacked.mode & 0o111).not.toBe(0);

    expect(existsSync(path.join(project, 'out/main/index.js'))).toBe(true);
    // electron-vite found the fetched binary and started it on the project, as `electron .`.
    expect(launches().slice(before)).toEqual([`${project}|.`]);
    expect(existsSync(realPathFile)).toBe(checkoutHadBinary);

    const again = await npm(project, ['start'], env);
    expect(again.status, again.output).toBe(0);
    expect(downloads()).toHaveLength(1);
    expect(launches().slice(before)).toHaveLength(2);

    process.stderr.write(
      '\nThe start path was followed to the launch with a stand-in Electron. Opening the real ' +
        'window needs the real binary, which cannot be downloaded here; the electron test layer ' +
        'opens it wherever `npx electron --version` works.\n\n',
    );
  });

  it('fetches it before `npm run dev` too', async () => {
    const { project, env } = freshProject('dev');
    const before = launches().length;

    const run = await npm(project, ['run', 'dev'], env);

    expect(run.status, run.output).toBe(0);
    expect(existsSync(path.join(project, 'node_modules/electron/path.txt'))).toBe(true);
    expect(launches().slice(before)).toEqual([`${project}|.`]);
  });

  it('stops with a plain message, naming the command, when Electron cannot be downloaded', async () => {
    const { project, env } = freshProject('offline');

    const run = await npm(project, ['start'], { ...env, ELECTRON_MIRROR: await closedPortUrl() });

    expect(run.status).not.toBe(0);
    expect(run.output).toContain('Stillwater could not fetch Electron');
    expect(run.output).toMatch(/then run\s+npm start again/);
    expect(run.output).not.toContain('Electron uninstall');
    expect(existsSync(path.join(project, 'node_modules/electron/path.txt'))).toBe(false);
    expect(existsSync(path.join(project, 'out'))).toBe(false);
  });
});
