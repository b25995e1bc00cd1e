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
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  executableInRelease,
  serveRelease,
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

/** One scratch folder for the whole file: the second run starts where the first one ended. */
const scratch = mkdtempSync(path.join(tmpdir(), 'stillwater-front-door-'));
function makeDir(name: string): string {
  const dir = path.join(scratch, name);
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

/** `npm start` in `project`, asynchronously, so this process can go on serving the mirror. */
function npmStart(project: string, env: Record<string, string>): Promise<Run> {
  // Anything that would point electron-vite or the installer elsewhere is left out.
  const { ELECTRON_EXEC_PATH, ELECTRON_OVERRIDE_DIST_PATH, ELECTRON_RUN_AS_NODE, ...inherited } =
    process.env;
  const childEnv = { ...inherited, ...env };
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start'], { cwd: project, env: childEnv });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe.runIf(supported)('npm start on a fresh computer', () => {
  let mirror: ReleaseMirror;
  let project: string;
  let launchLog: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    project = scratchProject('project');
    launchLog = path.join(scratch, 'launches.log');
    // The stand-in records how electron-vite launched it, then exits as the app would on quit.
    const executable = `#!/bin/sh\nprintf '%s|%s\\n' "$PWD" "$*" >> "$STILLWATER_STAND_IN_LOG"\n`;
    mirror = await serveRelease({
      version: ELECTRON_VERSION,
      platform: process.platform,
      arch: process.arch,
      zip: standInReleaseZip({ version: ELECTRON_VERSION, platform: process.platform, executable }),
    });
    env = {
      ELECTRON_MIRROR: mirror.url,
      electron_use_remote_checksums: '1',
      electron_config_cache: makeDir('electron-cache'),
      ELECTRON_GET_NO_PROGRESS: '1',
      STILLWATER_STAND_IN_LOG: launchLog,
    };
  });
  afterAll(async () => {
    await mirror.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('fetches the Electron binary, builds the app and launches it', async () => {
    const realPathFile = path.join(ROOT, 'node_modules/electron/path.txt');
    const checkoutHadBinary = existsSync(realPathFile);

    const run = await npmStart(project, env);

    expect(run.output).not.toContain('Electron uninstall');
    expect(run.status, run.output).toBe(0);
    const zipName = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;
    expect(mirror.requested).toContain(`/v${ELECTRON_VERSION}/${zipName}`);
    expect(mirror.requested).toContain(`/v${ELECTRON_VERSION}/SHASUMS256.txt`);

    const electronPackage = path.join(project, 'node_modules/electron');
    const executable = executableInRelease(process.platform);
    expect(readFileSync(path.join(electronPackage, 'path.txt'), 'utf8')).toBe(executable);
    const unpacked = statSync(path.join(electronPackage, 'dist', executable));
    expect(unpacked.mode & 0o111).not.toBe(0);

    expect(existsSync(path.join(project, 'out/main/index.js'))).toBe(true);
    // electron-vite found the fetched binary and started it on the project, as `electron .`.
    expect(readFileSync(launchLog, 'utf8').trim().split('\n')).toEqual([`${project}|.`]);
    expect(existsSync(realPathFile)).toBe(checkoutHadBinary);

    process.stderr.write(
      '\nThe start path was followed to the launch with a stand-in Electron. Opening the real ' +
        'window needs the real binary, which cannot be downloaded here; the electron test layer ' +
        'opens it wherever `npx electron --version` works.\n\n',
    );
  });

  it('stops with a plain message when Electron cannot be downloaded', async () => {
    const offline = scratchProject('offline-project');
    // A checksum list that does not match the zip stands for a download that went wrong.
    const brokenMirror = await serveRelease({
      version: ELECTRON_VERSION,
      platform: process.platform,
      arch: process.arch,
      zip: new TextEncoder().encode('not a zip'),
      checksumOf: new TextEncoder().encode('something else'),
    });
    try {
      const run = await npmStart(offline, { ...env, ELECTRON_MIRROR: brokenMirror.url });

      expect(run.status).not.toBe(0);
      expect(run.output).toContain('Stillwater could not download Electron');
      expect(run.output).not.toContain('Electron uninstall');
      expect(existsSync(path.join(offline, 'node_modules/electron/path.txt'))).toBe(false);
      expect(existsSync(path.join(offline, 'out'))).toBe(false);
    } finally {
      await brokenMirror.close();
    }
  });

  it('does not fetch Electron again once it is there', async () => {
    const asked = mirror.requested.length;

    const run = await npmStart(project, env);

    expect(run.status, run.output).toBe(0);
    expect(mirror.requested.length).toBe(asked);
    expect(readFileSync(launchLog, 'utf8').trim().split('\n')).toHaveLength(2);
  });
});
