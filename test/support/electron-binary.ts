import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type ElectronBinary =
  { available: true; path: string } | { available: false; reason: string };

/**
 * The Electron executable, if this machine has it or can download it. Since Electron 42 the
 * binary arrives on first use, from a host that machines without internet cannot reach; the
 * lookup runs in a child process so that failure is a reason to report, not a crash.
 */
export function findElectronBinary(): ElectronBinary {
  const probe = spawnSync(
    process.execPath,
    ['-e', "process.stdout.write(String(require('electron')))"],
    { encoding: 'utf8', timeout: 150_000 },
  );
  const found = probe.stdout.trim();
  if (probe.status === 0 && found && existsSync(found)) return { available: true, path: found };
  const lastError =
    probe.stderr
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.startsWith('Error:') || line.includes('fetch failed')) ??
    (probe.error ? String(probe.error) : `exit status ${String(probe.status)}`);
  return {
    available: false,
    reason: `the Electron binary is not installed and could not be downloaded (${lastError})`,
  };
}
