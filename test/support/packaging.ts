/**
 * Packing Stillwater with electron-builder, the way `npm run dist` does, into a temporary
 * folder: for the packaging tests (with a stand-in Electron, offline), the real-binary fuse
 * test, and the app-size benchmark.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const BUILDER_CONFIG = path.join(PROJECT_ROOT, 'electron-builder.config.ts');

const builderCli = createRequire(import.meta.url).resolve('electron-builder/cli.js');

const { ENABLE: ON, DISABLE: OFF } = FuseState;

/**
 * The fuses docs/SECURITY.md item 19 lists, as the packed binary must hold them, in
 * @electron/fuses' names. LoadBrowserProcessSpecificV8Snapshot stays off, as Electron ships it.
 */
export const EXPECTED_FUSES: ReadonlyArray<readonly [FuseV1Options, FuseState]> = [
  [FuseV1Options.RunAsNode, OFF],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, OFF],
  [FuseV1Options.EnableNodeCliInspectArguments, OFF],
  [FuseV1Options.OnlyLoadAppFromAsar, ON],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, ON],
  [FuseV1Options.EnableCookieEncryption, ON],
  [FuseV1Options.GrantFileProtocolExtraPrivileges, OFF],
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot, OFF],
];

/**
 * The fuse wire of the stand-in executable, in @electron/fuses' V1 order: as Electron 45
 * ships it, so every fuse Stillwater sets starts in the other state. The ninth fuse
 * (WebAssembly trap handlers, newer than the @electron/fuses electron-builder uses) stands
 * for any fuse Stillwater does not set: packing must leave it alone.
 */
export const STAND_IN_WIRE: readonly FuseState[] = [
  ON, // RunAsNode
  OFF, // EnableCookieEncryption
  ON, // EnableNodeOptionsEnvironmentVariable
  ON, // EnableNodeCliInspectArguments
  OFF, // EnableEmbeddedAsarIntegrityValidation
  OFF, // OnlyLoadAppFromAsar
  OFF, // LoadBrowserProcessSpecificV8Snapshot
  ON, // GrantFileProtocolExtraPrivileges
  ON, // WasmTrapHandlers
];

/**
 * An unpacked Electron release as electron-builder's `electronDist` takes it, with a shell
 * script in place of the executable. The script carries a fuse wire laid out as Electron's
 * binary lays it out (the sentinel, the wire's version and length, one byte a fuse), so
 * electron-builder's real fuse step has something to flip and a test something to read back.
 * It proves what the configuration asks for; the real binary is checked in
 * test/electron/packaged-fuses.test.ts wherever it exists.
 */
/** The version of the electron package installed: what a stand-in pretends to be. */
export const ELECTRON_VERSION = (
  JSON.parse(
    readFileSync(path.join(PROJECT_ROOT, 'node_modules/electron/package.json'), 'utf8'),
  ) as { version: string }
).version;

export function writeStandInElectronDist(dir: string, version: string): string {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(SENTINEL, 'ascii'),
    Buffer.from([1, STAND_IN_WIRE.length]),
    Buffer.from(STAND_IN_WIRE),
  ]);
  const executable = path.join(dir, 'electron');
  writeFileSync(
    executable,
    Buffer.concat([Buffer.from('#!/bin/sh\n# '), wire, Buffer.from('\nexit 0\n')]),
  );
  chmodSync(executable, 0o755);
  writeFileSync(path.join(dir, 'version'), version);
  return dir;
}

export interface PackOptions {
  projectDir?: string;
  /** Relative to projectDir, or absolute. */
  config?: string;
  /** A folder holding an unpacked Electron release. */
  electronDist: string;
  outputDir: string;
  /** `--linux`, `--mac` or `--win`; the current system when left out. */
  platformFlag?: '--linux' | '--mac' | '--win';
  /** Further `-c.key=value` overrides. */
  overrides?: string[];
  env?: Record<string, string>;
}

export interface PackResult {
  status: number | null;
  output: string;
}

/** Runs electron-builder's own command line with `--dir` (pack, no installer). */
export function packWithElectronBuilder(options: PackOptions): Promise<PackResult> {
  const args = [
    builderCli,
    '--config',
    options.config ?? BUILDER_CONFIG,
    '--projectDir',
    options.projectDir ?? PROJECT_ROOT,
    ...(options.platformFlag ? [options.platformFlag] : []),
    '--dir',
    `-c.electronDist=${options.electronDist}`,
    `-c.directories.output=${options.outputDir}`,
    ...(options.overrides ?? []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.projectDir ?? PROJECT_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

/**
 * The packed app in electron-builder's output: the `*-unpacked` folder on Linux and Windows,
 * the `.app` on macOS (inside `mac/`, `mac-arm64/` or `mac-universal/`).
 */
export function packedAppIn(outputDir: string): string {
  for (const name of readdirSync(outputDir)) {
    const folder = path.join(outputDir, name);
    if (name.endsWith('-unpacked')) return folder;
    if (name === 'mac' || name.startsWith('mac-')) {
      const app = readdirSync(folder).find((entry) => entry.endsWith('.app'));
      if (app) return path.join(folder, app);
    }
  }
  throw new Error(`electron-builder left no packed app in ${outputDir}`);
}

/** The folder holding app.asar in a packed app. */
export function resourcesOf(packedApp: string): string {
  return packedApp.endsWith('.app')
    ? path.join(packedApp, 'Contents', 'Resources')
    : path.join(packedApp, 'resources');
}

/**
 * The executable that carries the fuses: `stillwater` on Linux, `Stillwater.exe` on Windows;
 * on macOS, the `.app` itself, which @electron/fuses looks into for Electron Framework.
 */
export function fuseCarrierOf(packedApp: string): string {
  if (packedApp.endsWith('.app')) return packedApp;
  for (const name of ['stillwater', 'Stillwater.exe']) {
    const candidate = path.join(packedApp, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`no Stillwater executable in ${packedApp}`);
}
