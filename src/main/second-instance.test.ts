import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createElectronRuntimeFake } from '../../test/support/electron-runtime-fake';

// A process of its own, as a second launch is: src/main/index.ts loads once per test file.
const userData = mkdtempSync(path.join(tmpdir(), 'stillwater-second-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));
// Another Stillwater holds the single-instance lock.
const runtime = createElectronRuntimeFake(userData, { singleInstanceLock: false });

vi.mock('electron', () => ({ default: runtime.electron, ...runtime.electron }));
vi.mock('electron-store', async () => ({
  default: (await import('../../test/support/settings-file')).ConfElectronStore,
}));

describe('a second launch of Stillwater', () => {
  it('quits at once, opening no window, no settings and no vault', async () => {
    await import('./index');
    // Even once Electron is ready, nothing of the app starts in this process.
    await runtime.start();
    await new Promise((resolve) => setImmediate(resolve));
    const { record } = runtime;
    expect(record.singleInstanceRequested).toBe(true);
    expect(record.quits).toBe(1);
    expect(record.windows).toEqual([]);
    expect(record.ipcChannels).toEqual([]);
    expect(record.partition).toBeUndefined();
    expect(record.shortcuts).toEqual([]);
    // The first Stillwater's folder is left as it was: no settings file, no vault, no lock.
    expect(readdirSync(userData)).toEqual([]);
  });
});
