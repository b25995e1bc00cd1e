/**
 * The fuses in a real packed Stillwater: the app packed by electron-builder with its own
 * configuration around the real Electron binary, for this system, then the fuse wire read
 * back from the packed executable (docs/SECURITY.md, item 19). It runs wherever the Electron
 * binary can be had; elsewhere it says loudly that it skipped, and why. The packaging layer
 * (test/packaging) checks the same settings offline, around a stand-in.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../support/electron-binary';
import {
  EXPECTED_FUSES,
  fuseCarrierOf,
  packedAppIn,
  packWithElectronBuilder,
  PROJECT_ROOT,
} from '../support/packaging';

const binary = findElectronBinary();
if (!binary.available) {
  process.stderr.write(
    `\nSKIPPED: reading the fuses back from a packed Stillwater, because ${binary.reason}.\n`,
  );
  process.stderr.write('It runs on any machine where `npx electron --version` works.\n\n');
}

/** Electron's own unpacked release, as its installer left it: what `electronDist` takes. */
function electronReleaseFolder(): string {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) return override;
  const electronPackage = createRequire(import.meta.url).resolve('electron/package.json');
  return path.join(path.dirname(electronPackage), 'dist');
}

const workDirs: string[] = [];
afterAll(() => {
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!binary.available)('the fuses of Stillwater packed around real Electron', () => {
  it('are set as docs/SECURITY.md item 19 says', { timeout: 600_000 }, async () => {
    expect(existsSync(path.join(PROJECT_ROOT, 'out/main/index.js')), 'the app is built').toBe(true);
    const workDir = mkdtempSync(path.join(tmpdir(), 'stillwater-packed-fuses-'));
    workDirs.push(workDir);
    const packed = await packWithElectronBuilder({
      electronDist: electronReleaseFolder(),
      outputDir: workDir,
      // Signing needs the maker's certificate; the fuses are flipped before it either way.
      overrides: ['-c.mac.identity=null'],
    });
    expect(packed.status, packed.output).toBe(0);

    const wire = await getCurrentFuseWire(fuseCarrierOf(packedAppIn(workDir)));
    for (const [fuse, expected] of EXPECTED_FUSES) {
      expect(wire[fuse], FuseV1Options[fuse]).toBe(expected);
    }
  });
});
