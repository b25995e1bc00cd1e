import { readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { startTestMainApp } from '../../../test/support/test-main-app';

const makeDir = tempDirs('stillwater-canary-');

/** Every regular file under `dir` changed since `since`, skipping what cannot be read. */
function filesChangedSince(dir: string, since: number): string[] {
  const found: string[] = [];
  const walk = (current: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(current, name);
      try {
        const info = statSync(full);
        if (info.isDirectory() && depth < 6) walk(full, depth + 1);
        else if (info.isFile() && info.mtimeMs >= since && info.size < 64 * 1024 * 1024)
          found.push(full);
      } catch {
        // Files of other tests come and go while this one looks.
      }
    }
  };
  walk(dir, 0);
  return found;
}

function containsCanary(bytes: Buffer, canary: string): boolean {
  return (
    bytes.includes(Buffer.from(canary, 'utf8')) || bytes.includes(Buffer.from(canary, 'utf16le'))
  );
}

describe('the leak canary', () => {
  it('is found nowhere in plaintext: not in the vault, user data, temp files or logs', async () => {
    const canary = `canary-${Math.random().toString(36).slice(2)}-ünïcödé-שקט`;
    const started = Date.now() - 1000;
    const userData = makeDir();
    const logger = captureLogger('canary');
    const { services, router } = startTestMainApp(userData, logger);
    const frame = { senderFrame: { url: 'app://stillwater/index.html', parent: null } };

    // The passphrase itself is a secret too.
    await router.dispatch('vault:create', frame, { passphrase: `${canary}-passphrase` });
    const vault = services.vault.current();
    const note = await vault.put('note', { text: `Today I wrote ${canary} and meant it.` });
    await vault.put('note', { text: canary.repeat(50) }, note.id);
    await router.dispatch('reading:record-position', frame, {
      sectionId: 'step-4',
      position: 0.5,
      read: [0, 1],
    });
    // Failures must not quote what they were given either.
    await router.dispatch('preferences:update', frame, { theme: canary });
    await router.dispatch('vault:unlock', frame, { passphrase: canary });
    await router.dispatch(
      'app:startup',
      { senderFrame: { url: `https://elsewhere/?q=${canary}`, parent: null } },
      undefined,
    );
    await router.dispatch('vault:change-passphrase', frame, {
      current: canary,
      next: `${canary}-next`,
    });
    await router.dispatch('vault:lock', frame, undefined);
    await router.dispatch('vault:unlock', frame, { passphrase: `${canary}-passphrase` });
    expect((await services.vault.current().get(note.id))?.body).toEqual({
      text: canary.repeat(50),
    });
    await services.vault.lock();

    const files = [
      ...filesChangedSince(userData, started),
      ...filesChangedSince(tmpdir(), started),
    ];
    expect(files.some((file) => file.startsWith(userData) && file.endsWith('.rec'))).toBe(true);
    const leaks = files.filter((file) => {
      try {
        return containsCanary(readFileSync(file), canary);
      } catch {
        return false;
      }
    });
    expect(leaks).toEqual([]);
    const logText = logger.lines.map((line) => line.line).join('\n');
    expect(logText.length).toBeGreaterThan(0);
    expect(containsCanary(Buffer.from(logText, 'utf8'), canary)).toBe(false);
  });
});
