/**
 * What ships: the built app packed by electron-builder with Stillwater's own configuration,
 * as `npm run dist` packs it, around a stand-in Electron (the real binary cannot be
 * downloaded here). electron-builder's every step runs for real and offline: the file
 * selection, the dependency collection, the asar and its unpacked part, and the fuses.
 * It needs the built app: `npm test` builds before Vitest runs.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPortUrl } from '../support/electron-release-stand-in';
import {
  EXPECTED_FUSES,
  fuseCarrierOf,
  packedAppIn,
  packWithElectronBuilder,
  PROJECT_ROOT,
  resourcesOf,
  STAND_IN_WIRE,
  ELECTRON_VERSION,
  writeStandInElectronDist,
} from '../support/packaging';

const BUILT_MAIN = path.join(PROJECT_ROOT, 'out/main');
interface PackageManifest {
  name: string;
  version: string;
  main?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

const VALIDATOR = spawnSync('desktop-file-validate', ['--help'], { stdio: 'ignore' }).status === 0;
if (!VALIDATOR) {
  process.stderr.write(
    '\nSKIPPED: desktop-file-validate on the packed menu entries, because it is not installed ' +
      '(apt-get install desktop-file-utils).\n\n',
  );
}

const readManifest = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;

let workDir = '';
let packedApp = '';
let archive = '';
/** Every path in app.asar, without its leading slash. */
let archived: string[] = [];
/** Where the hook writes the deb's and the AppImage's desktop entries. */
let desktopEntries = '';
const DESKTOP_ENTRIES_HOOK = path.join(PROJECT_ROOT, 'test/support/desktop-entries-hook.mjs');

beforeAll(async () => {
  if (!existsSync(path.join(BUILT_MAIN, 'index.js'))) {
    throw new Error('The app is not built: run `npm run build` (npm test does) before this test.');
  }
  workDir = mkdtempSync(path.join(tmpdir(), 'stillwater-pack-'));
  desktopEntries = path.join(workDir, 'desktop-entries');
  mkdirSync(desktopEntries);
  // Any download electron-builder tried would go to a closed port on this computer and fail
  // the pack, here and on a machine with internet alike.
  const nowhere = await closedPortUrl();
  const packed = await packWithElectronBuilder({
    electronDist: writeStandInElectronDist(path.join(workDir, 'electron'), ELECTRON_VERSION),
    outputDir: path.join(workDir, 'dist'),
    platformFlag: '--linux',
    // The configuration has no afterPack hook of its own; this one only writes out the
    // menu entries the deb and the AppImage would carry.
    overrides: [
      `-c.afterPack=${DESKTOP_ENTRIES_HOOK}`,
      // As a clone of the project's repository would say: none of it may reach the app.
      '-c.extraMetadata.repository=github:someone/stillwater',
    ],
    env: {
      ELECTRON_MIRROR: nowhere,
      ELECTRON_BUILDER_BINARIES_MIRROR: nowhere,
      STILLWATER_DESKTOP_ENTRIES: desktopEntries,
    },
  });
  if (packed.status !== 0) {
    throw new Error(`electron-builder failed (exit ${String(packed.status)}):\n${packed.output}`);
  }
  packedApp = packedAppIn(path.join(workDir, 'dist'));
  archive = path.join(resourcesOf(packedApp), 'app.asar');
  archived = listPackage(archive, { isPack: false }).map((entry) => entry.replace(/^[/\\]/, ''));
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** The packages the built main process imports by name (not Electron, not Node's own). */
function packagesMainImports(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(BUILT_MAIN).filter((name) => /\.[cm]?js$/.test(name))) {
    const code = readFileSync(path.join(BUILT_MAIN, file), 'utf8');
    for (const [, specifier] of code.matchAll(
      /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g,
    )) {
      if (!specifier || specifier.startsWith('node:') || specifier === 'electron') continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''));
    }
  }
  return [...names].sort();
}

/** Where Node would find `name` from a package in `fromDir`: its node_modules, then up. */
function installedPackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; dir.startsWith(PROJECT_ROOT); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === PROJECT_ROOT) break;
  }
  return undefined;
}

/**
 * `name@version` of every package the production dependencies need, as installed here: their
 * dependencies, and the optional ones npm installed for this system (Argon2's binary).
 */
function productionPackages(): string[] {
  const found = new Set<string>();
  const visit = (dir: string) => {
    const manifest = readManifest(path.join(dir, 'package.json'));
    const id = `${manifest.name}@${manifest.version}`;
    if (dir !== PROJECT_ROOT) {
      if (found.has(id)) return;
      found.add(id);
    }
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const installed = installedPackageDir(name, dir);
      if (!installed) throw new Error(`${manifest.name} needs ${name}, which is not installed`);
      visit(installed);
    }
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) {
      const installed = installedPackageDir(name, dir);
      if (installed) visit(installed);
    }
  };
  visit(PROJECT_ROOT);
  return [...found].sort();
}

/** `name@version` of every package in the asar, nested ones included. */
function archivedPackages(): string[] {
  const manifests = archived.filter((entry) =>
    /(?:^|[/\\])node_modules[/\\](?:@[^/\\]+[/\\])?[^/\\@]+[/\\]package\.json$/.test(entry),
  );
  return manifests
    .map((entry) => {
      const manifest = JSON.parse(extractFile(archive, entry).toString('utf8')) as PackageManifest;
      return `${manifest.name}@${manifest.version}`;
    })
    .sort();
}

const topLevelOf = (entry: string) => entry.split(/[/\\]/)[0] ?? '';
const inOut = (entry: string) => entry.split(/[/\\]/).join('/');

describe('the app packed by electron-builder around a stand-in Electron', () => {
  it('holds the built app: out/main, out/preload, out/renderer, package.json', () => {
    const builtFiles = (dir: string): string[] =>
      readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })
        .map((name) => `${dir}/${name.split(path.sep).join('/')}`)
        .filter((name) => statSync(path.join(PROJECT_ROOT, name)).isFile());
    const archivedFiles = new Set(archived.map(inOut));
    for (const file of builtFiles('out')) expect(archivedFiles, file).toContain(file);
    expect(archivedFiles).toContain('out/main/index.js');
    expect(archivedFiles).toContain('out/preload/index.cjs');
    expect(archivedFiles).toContain('out/renderer/index.html');

    const manifest = JSON.parse(
      extractFile(archive, 'package.json').toString('utf8'),
    ) as PackageManifest;
    expect(manifest.name).toBe('stillwater');
    expect(archivedFiles).toContain(path.posix.normalize(manifest.main ?? ''));
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
  });

  it('holds the window icon where the built main process looks for it', () => {
    const code = readFileSync(path.join(BUILT_MAIN, 'index.js'), 'utf8');
    const iconPath = /["']([^"']*resources\/icon\.png)["']/.exec(code)?.[1];
    expect(iconPath, 'the built main names its icon').toBeDefined();
    const inArchive = path.posix.join('out/main', iconPath ?? '');
    expect(archived.map(inOut)).toContain(inArchive);
  });

  it('holds nothing else: no sources, tests, scripts, docs or benchmarks', () => {
    const topLevel = [...new Set(archived.map(topLevelOf))].sort();
    expect(topLevel).toEqual(['node_modules', 'out', 'package.json', 'resources']);
    const resources = archived.map(inOut).filter((entry) => entry.startsWith('resources/'));
    expect(resources).toEqual(['resources/icon.png']);
  });

  it('holds no source maps and no TypeScript, in the app or its dependencies', () => {
    expect(archived.filter((entry) => /\.(map|ts|mts|cts)$/.test(entry))).toEqual([]);
  });

  it('holds the runtime dependencies only: what the built main process imports, and theirs', () => {
    const root = readManifest(path.join(PROJECT_ROOT, 'package.json'));
    // `dependencies` is exactly what main loads at run time; the renderer's packages are
    // bundled by Vite, so they are devDependencies and would only be dead weight here.
    expect(Object.keys(root.dependencies ?? {}).sort()).toEqual(packagesMainImports());
    const shipped = archivedPackages();
    expect(shipped).toEqual(productionPackages());
    const shippedNames = new Set(shipped.map((id) => id.slice(0, id.lastIndexOf('@'))));
    for (const tool of ['electron', 'electron-vite', 'vitest', 'svelte', 'bits-ui', 'typescript']) {
      expect(shippedNames, tool).not.toContain(tool);
    }
  });

  it('unpacks the native Argon2 module beside the asar, and packs no native code inside it', () => {
    const nativeFiles = archived.filter((entry) => entry.endsWith('.node'));
    const argon2Binaries = nativeFiles.filter((entry) =>
      /node_modules[/\\]@node-rs[/\\]argon2-[^/\\]+[/\\][^/\\]+\.node$/.test(entry),
    );
    expect(argon2Binaries).toHaveLength(1);
    for (const entry of nativeFiles) {
      expect(statFile(archive, entry), entry).toMatchObject({ unpacked: true });
    }
    const binary = argon2Binaries[0] ?? '';
    const unpacked = path.join(`${archive}.unpacked`, binary);
    expect(readFileSync(unpacked).equals(readFileSync(path.join(PROJECT_ROOT, binary)))).toBe(true);
  });

  it('flips the fuses docs/SECURITY.md item 19 names, and leaves the others as they were', async () => {
    const wire = await getCurrentFuseWire(fuseCarrierOf(packedApp));
    for (const [fuse, expected] of EXPECTED_FUSES) {
      expect(wire[fuse], FuseV1Options[fuse]).toBe(expected);
    }
    // The stand-in's ninth fuse, which Stillwater does not set, is as it came.
    const ninth = 8 as FuseV1Options;
    expect(wire[ninth]).toBe(STAND_IN_WIRE[ninth]);
  });

  describe.each(['deb', 'AppImage'])("the %s's menu entry", (target) => {
    const entryFile = () => path.join(desktopEntries, `${target}.desktop`);
    const fields = () =>
      Object.fromEntries(
        readFileSync(entryFile(), 'utf8')
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );

    it('names Stillwater neutrally, once, in the Office menu', () => {
      expect(fields()).toMatchObject({
        Type: 'Application',
        Name: 'Stillwater',
        GenericName: 'Notes',
        Comment: 'A calm, private, offline notebook',
        Categories: 'Office;',
        Icon: 'stillwater',
        StartupWMClass: 'stillwater',
      });
    });

    it("starts the app with Chromium's sandbox on", () => {
      expect(fields()['Exec']).toMatch(/^\S*(stillwater|AppRun) %U$/);
      expect(readFileSync(entryFile(), 'utf8')).not.toContain('--no-sandbox');
    });

    it.runIf(VALIDATOR)('passes desktop-file-validate with no error and no warning', () => {
      const run = spawnSync('desktop-file-validate', [entryFile()], { encoding: 'utf8' });
      const output = `${run.stdout}${run.stderr}`;
      // Hints too: one of them is that two main categories list an app twice in some menus.
      expect(output.split('\n').filter((line) => /: (error|warning|hint): /.test(line))).toEqual(
        [],
      );
      expect(run.status, output).toBe(0);
    });
  });

  it('ships the app alone beside Electron: no update feed naming where the project lives', () => {
    expect(readdirSync(resourcesOf(packedApp)).sort()).toEqual(['app.asar', 'app.asar.unpacked']);
  });
});
