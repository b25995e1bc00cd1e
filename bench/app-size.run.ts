/**
 * `npm run bench`: Stillwater's size on disk beside Electron itself. Both Stillwater and an
 * empty Electron app (one `main` file, no dependencies) are packed the same way, by
 * electron-builder around a stand-in Electron; the Electron binary and its own files are the
 * same for every app, so only what each app adds is compared: app.asar and the files
 * unpacked beside it.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listPackage, statFile } from '@electron/asar';
import { afterAll, expect, it } from 'vitest';
import {
  packedAppIn,
  packWithElectronBuilder,
  PROJECT_ROOT,
  resourcesOf,
  ELECTRON_VERSION,
  writeStandInElectronDist,
} from '../test/support/packaging';
import { printTable } from './report';

const workDir = mkdtempSync(path.join(tmpdir(), 'stillwater-app-size-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Bytes in every file under a folder; 0 when there is no such folder. */
function folderBytes(folder: string): number {
  let total = 0;
  try {
    for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
      const stats = statSync(path.join(folder, name));
      if (stats.isFile()) total += stats.size;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return total;
}

/** Packs a project and measures its app.asar and app.asar.unpacked. */
async function packAndMeasure(name: string, projectDir: string, config: string) {
  const outputDir = path.join(workDir, `${name}-dist`);
  const packed = await packWithElectronBuilder({
    projectDir,
    config,
    electronDist: writeStandInElectronDist(
      path.join(workDir, `${name}-electron`),
      ELECTRON_VERSION,
    ),
    outputDir,
    platformFlag: '--linux',
  });
  expect(packed.status, packed.output).toBe(0);
  const resources = resourcesOf(packedAppIn(outputDir));
  const archive = path.join(resources, 'app.asar');
  return {
    archive,
    asar: statSync(archive).size,
    unpacked: folderBytes(path.join(resources, 'app.asar.unpacked')),
  };
}

/** What the archive's files weigh, by the part of the app they belong to. */
function archiveParts(archive: string): Map<string, number> {
  const parts = new Map<string, number>();
  for (const entry of listPackage(archive, { isPack: false })) {
    const node = statFile(archive, entry.replace(/^[/\\]/, ''));
    if (!('size' in node) || node.unpacked) continue;
    const segments = entry.split(/[/\\]/).filter(Boolean);
    const part =
      segments[0] === 'node_modules'
        ? 'node_modules (runtime dependencies)'
        : segments[0] === 'out'
          ? `out/${segments[1] ?? ''}`
          : (segments[0] ?? '');
    parts.set(part, (parts.get(part) ?? 0) + node.size);
  }
  return parts;
}

/** An Electron app with nothing in it: what any app's asar costs. */
function writeEmptyApp(dir: string): string {
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'empty-app', version: '1.0.0', main: 'main.js' }),
  );
  writeFileSync(path.join(dir, 'main.js'), "require('electron').app.whenReady();\n");
  const config = path.join(dir, 'electron-builder.json');
  writeFileSync(
    config,
    JSON.stringify({
      appId: 'app.empty',
      productName: 'Empty',
      electronVersion: ELECTRON_VERSION,
      npmRebuild: false,
      files: ['main.js'],
      linux: { executableName: 'empty' },
    }),
  );
  return config;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? mib(bytes) : kib(bytes));

it('measures what Stillwater adds to Electron on disk', { timeout: 300_000 }, async () => {
  const emptyDir = mkdtempSync(path.join(workDir, 'empty-app-'));
  const empty = await packAndMeasure('empty', emptyDir, writeEmptyApp(emptyDir));
  const stillwater = await packAndMeasure(
    'stillwater',
    PROJECT_ROOT,
    path.join(PROJECT_ROOT, 'electron-builder.config.ts'),
  );

  printTable(
    'Size on disk of what each app adds to Electron (packed by electron-builder, --linux dir)',
    ['app', 'app.asar', 'app.asar.unpacked', 'together'],
    [empty, stillwater].map((measured, index) => [
      index === 0 ? 'an empty Electron app (baseline)' : 'Stillwater',
      size(measured.asar),
      size(measured.unpacked),
      size(measured.asar + measured.unpacked),
    ]),
  );
  const parts = [...archiveParts(stillwater.archive)].sort(([, a], [, b]) => b - a);
  printTable(
    "Stillwater's app.asar by part (file bytes, without the archive's header)",
    ['part', 'size'],
    parts.map(([part, bytes]) => [part, size(bytes)]),
  );
  expect(stillwater.asar).toBeGreaterThan(empty.asar);
});
