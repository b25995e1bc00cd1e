import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createElectronRuntimeFake } from '../../test/support/electron-runtime-fake';

// A process of its own: src/main/index.ts loads once per test file.
const userData = mkdtempSync(path.join(tmpdir(), 'stillwater-switches-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));
// Started, packaged, with Chromium's remote debugging asked for on the command line.
const runtime = createElectronRuntimeFake(userData, { switches: ['remote-debugging-port'] });

vi.mock('electron', () => ({ default: runtime.electron, ...runtime.electron }));
vi.mock('electron-store', async () => ({
  default: (await import('../../test/support/settings-file')).ConfElectronStore,
}));

describe('a packaged Stillwater started open to a debugger', () => {
  it('refuses to start: no window, no vault, nothing another program could read', async () => {
    await import('./index');
    await runtime.start();
    await new Promise((resolve) => setImmediate(resolve));
    const { record } = runtime;
    expect(record.singleInstanceRequested).toBe(false);
    expect(record.windows).toEqual([]);
    expect(record.ipcChannels).toEqual([]);
    expect(readdirSync(userData)).toEqual([]);
  });
});
