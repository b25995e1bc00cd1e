import { statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { isAppError } from '../app-error';
import { RECORDS_DIR } from '../vault/format';
import { VaultSession } from '../vault/vault-session';
import { READING_STATE_KIND, ReadingService } from './reading-service';

const makeDir = tempDirs();
let session: VaultSession;
let vaultDir: string;
beforeEach(async () => {
  vaultDir = path.join(makeDir(), 'vault');
  session = new VaultSession({ dir: vaultDir, kdf: FAST_KDF });
  await session.create('a passphrase for tests');
});

describe('the reading service', () => {
  it('starts with nothing read', async () => {
    const reading = new ReadingService(session, captureLogger());
    await expect(reading.state()).resolves.toEqual({ lastSectionId: null, sections: {} });
  });

  it('keeps the last section and the place in it, in the vault', async () => {
    const reading = new ReadingService(session, captureLogger());
    await reading.record({ sectionId: 'reason-2', position: 0.4, seen: 0.6 });
    await reading.record({ sectionId: 'step-5', position: 0.25, seen: 0.5 });
    await session.lock();
    await session.unlock('a passphrase for tests');
    await expect(new ReadingService(session, captureLogger()).state()).resolves.toEqual({
      lastSectionId: 'step-5',
      sections: {
        'reason-2': { position: 0.4, progress: 0.6 },
        'step-5': { position: 0.25, progress: 0.5 },
      },
    });
    const { records } = await session.current().list(READING_STATE_KIND);
    expect(records).toHaveLength(1);
  });

  it('keeps when the position was first saved, across saves and unlocks', async () => {
    const vault = session.current();
    const id = vault.singletonId(READING_STATE_KIND);
    await new ReadingService(session, captureLogger()).record({
      sectionId: 'step-2',
      position: 0.5,
      seen: 0.5,
    });
    const first = await vault.get(id);
    expect(first).not.toBeNull();
    // The next save must fall in a later millisecond, or the two times could not differ.
    const firstSaved = Date.now();
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(firstSaved));
    await session.lock();
    await session.unlock('a passphrase for tests');
    await new ReadingService(session, captureLogger()).record({
      sectionId: 'step-3',
      position: 0.1,
      seen: 0.1,
    });
    const second = await session.current().get(id);
    expect(second?.created).toBe(first?.created);
    expect(second?.updated).not.toBe(first?.updated);
  });

  it('never lowers progress when the reader scrolls back up', async () => {
    const reading = new ReadingService(session, captureLogger());
    await reading.record({ sectionId: 'step-1', position: 1, seen: 1 });
    await reading.record({ sectionId: 'step-1', position: 0, seen: 0.2 });
    expect((await reading.state()).sections['step-1']).toEqual({ position: 0, progress: 1 });
  });

  it('is unavailable while the vault is locked', async () => {
    const reading = new ReadingService(session, captureLogger());
    await session.lock();
    const error = await reading.state().catch((reason: unknown) => reason);
    expect(isAppError(error, 'vault-locked')).toBe(true);
  });

  it('starts over, with a warning, when the saved state has an unexpected shape', async () => {
    const logger = captureLogger();
    const reading = new ReadingService(session, logger);
    const vault = session.current();
    await vault.put(
      READING_STATE_KIND,
      { lastSectionId: 'chapter-99' },
      vault.singletonId(READING_STATE_KIND),
    );
    await expect(reading.state()).resolves.toEqual({ lastSectionId: null, sections: {} });
    expect(logger.lines[0]?.line).toMatch(/unexpected shape/);
  });

  it('reads a position saved before bodies had a version', async () => {
    const vault = session.current();
    const legacy = {
      lastSectionId: 'step-2',
      sections: { 'step-2': { position: 0.5, progress: 1 } },
    };
    await vault.put(READING_STATE_KIND, legacy, vault.singletonId(READING_STATE_KIND));
    await expect(new ReadingService(session, captureLogger()).state()).resolves.toEqual(legacy);
  });

  it('drops sections the guide no longer has, and goes on saving the rest', async () => {
    const vault = session.current();
    const id = vault.singletonId(READING_STATE_KIND);
    await vault.put(
      READING_STATE_KIND,
      {
        v: 1,
        lastSectionId: 'chapter-99',
        sections: {
          'chapter-99': { position: 0.5, progress: 0.5 },
          'step-2': { position: 0.25, progress: 0.75 },
        },
      },
      id,
    );
    const reading = new ReadingService(session, captureLogger());
    await expect(reading.state()).resolves.toEqual({
      lastSectionId: null,
      sections: { 'step-2': { position: 0.25, progress: 0.75 } },
    });
    await reading.record({ sectionId: 'step-3', position: 0.5, seen: 0.5 });
    expect((await vault.get(id))?.body).toEqual({
      v: 1,
      lastSectionId: 'step-3',
      sections: {
        'step-2': { position: 0.25, progress: 0.75 },
        'step-3': { position: 0.5, progress: 0.5 },
      },
    });
  });

  it('leaves a position saved by a newer Stillwater as it is, and keeps this one in memory', async () => {
    const logger = captureLogger();
    const vault = session.current();
    const id = vault.singletonId(READING_STATE_KIND);
    const future = { v: 2, chapters: ['step-7'] };
    await vault.put(READING_STATE_KIND, future, id);
    const reading = new ReadingService(session, logger);
    await expect(reading.state()).resolves.toEqual({ lastSectionId: null, sections: {} });
    expect(logger.lines[0]?.line).toMatch(/unexpected shape/);

    await reading.record({ sectionId: 'step-1', position: 0.5, seen: 0.5 });
    await reading.record({ sectionId: 'step-2', position: 0.1, seen: 0.1 });
    expect((await reading.state()).lastSectionId).toBe('step-2');
    await session.lock();
    await session.unlock('a passphrase for tests');
    expect((await session.current().get(id))?.body).toEqual(future);
  });

  /** A service whose pause timer only fires when the test says so. */
  function withManualPause() {
    let pending: (() => void) | null = null;
    const reading = new ReadingService(session, captureLogger(), {
      setTimer: (callback) => (pending = callback),
      clearTimer: () => (pending = null),
    });
    const put = vi.spyOn(session.current(), 'put');
    return {
      reading,
      writes: () => put.mock.calls.length,
      /** Ends the pause, and resolves once the write it starts is on disk. */
      async pause() {
        pending?.();
        await put.mock.results.at(-1)?.value;
      },
    };
  }

  it('writes the position when scrolling pauses, not on every report', async () => {
    const { reading, writes, pause } = withManualPause();
    await reading.record({ sectionId: 'step-2', position: 0, seen: 0.1 });
    const afterEntering = writes();
    for (let step = 1; step <= 20; step++) {
      await reading.record({ sectionId: 'step-2', position: step / 20, seen: step / 20 });
    }
    expect(writes()).toBe(afterEntering);
    await pause();
    expect(writes()).toBe(afterEntering + 1);
    expect((await reading.state()).sections['step-2']).toEqual({ position: 1, progress: 1 });
  });

  it('writes at once on moving to another section, and before the vault locks', async () => {
    const { reading, writes } = withManualPause();
    await reading.record({ sectionId: 'step-2', position: 0.5, seen: 0.5 });
    const before = writes();
    await reading.record({ sectionId: 'step-3', position: 0.1, seen: 0.1 });
    expect(writes()).toBe(before + 1);
    await reading.record({ sectionId: 'step-3', position: 0.7, seen: 0.8 });
    await session.lock();
    await session.unlock('a passphrase for tests');
    expect((await reading.state()).sections['step-3']).toEqual({ position: 0.7, progress: 0.8 });
  });

  it('keeps the record the same size however much has been read', async () => {
    const reading = new ReadingService(session, captureLogger());
    await reading.record({ sectionId: 'intro', position: 1, seen: 1 });
    const file = path.join(
      vaultDir,
      RECORDS_DIR,
      `${session.current().singletonId(READING_STATE_KIND)}.rec`,
    );
    const size = statSync(file).size;
    for (const sectionId of ['reason-1', 'reason-2', 'avoid-1', 'step-1', 'step-7'] as const) {
      await reading.record({ sectionId, position: 0.123456789, seen: 0.987654321 });
    }
    expect(statSync(file).size).toBe(size);
  });
});
