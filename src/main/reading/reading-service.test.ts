import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { isAppError } from '../app-error';
import { RECORDS_DIR } from '../vault/format';
import { VaultSession } from '../vault/vault-session';
import { MAX_READING_BLOCKS, READ_THRESHOLD } from '../../shared/reading/model';
import { SECTION_IDS } from '../../shared/guide/ids';
import { openVaultServices } from '../services';
import { READING_STATE_KIND, ReadingService } from './reading-service';

/** Every block a section can have, as a section read before blocks were counted comes back. */
const EVERY_BLOCK = Array.from({ length: MAX_READING_BLOCKS }, (_, block) => block);

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
    await reading.record({ sectionId: 'reason-2', position: 0.4, read: [0, 1, 2, 8] });
    await reading.record({ sectionId: 'step-5', position: 0.25, read: [3, 31] });
    await session.lock();
    await session.unlock('a passphrase for tests');
    await expect(new ReadingService(session, captureLogger()).state()).resolves.toEqual({
      lastSectionId: 'step-5',
      sections: {
        'reason-2': { position: 0.4, read: [0, 1, 2, 8] },
        'step-5': { position: 0.25, read: [3, 31] },
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
      read: [0],
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
      read: [],
    });
    const second = await session.current().get(id);
    expect(second?.created).toBe(first?.created);
    expect(second?.updated).not.toBe(first?.updated);
  });

  it('keeps every block once read, whatever later reports leave out', async () => {
    const reading = new ReadingService(session, captureLogger());
    await reading.record({ sectionId: 'step-1', position: 1, read: [4, 5] });
    await reading.record({ sectionId: 'step-1', position: 0, read: [0, 1, 1] });
    expect((await reading.state()).sections['step-1']).toEqual({
      position: 0,
      read: [0, 1, 4, 5],
    });
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
    await expect(reading.state()).resolves.toEqual({
      lastSectionId: null,
      sections: {},
      unreadable: true,
    });
    expect(logger.lines[0]?.line).toMatch(/unexpected shape/);
  });

  it('reads a position saved before bodies had a version, a section read then still read', async () => {
    const vault = session.current();
    const legacy = {
      lastSectionId: 'step-2',
      sections: { 'step-2': { position: 0.5, progress: 1 } },
    };
    await vault.put(READING_STATE_KIND, legacy, vault.singletonId(READING_STATE_KIND));
    await expect(new ReadingService(session, captureLogger()).state()).resolves.toEqual({
      lastSectionId: 'step-2',
      sections: { 'step-2': { position: 0.5, read: EVERY_BLOCK } },
    });
  });

  it('reads the version 1 state: read sections stay read, the place is kept, partial figures start over', async () => {
    const vault = session.current();
    const id = vault.singletonId(READING_STATE_KIND);
    await vault.put(
      READING_STATE_KIND,
      {
        v: 1,
        lastSectionId: 'reason-3',
        sections: {
          intro: { position: 1, progress: 1 },
          'reason-1': { position: 0.9, progress: READ_THRESHOLD },
          // The old measure counted a section this far read on merely opening it.
          'reason-3': { position: 0.25, progress: 0.67 },
        },
      },
      id,
    );
    const reading = new ReadingService(session, captureLogger());
    await expect(reading.state()).resolves.toEqual({
      lastSectionId: 'reason-3',
      sections: {
        intro: { position: 1, read: EVERY_BLOCK },
        'reason-1': { position: 0.9, read: EVERY_BLOCK },
        'reason-3': { position: 0.25, read: [] },
      },
    });
    // The next save writes it in version 2, with what was carried over.
    await reading.record({ sectionId: 'reason-3', position: 0.5, read: [0, 2] });
    await reading.flush();
    expect((await vault.get(id))?.body).toEqual({
      v: 2,
      lastSectionId: 'reason-3',
      sections: {
        intro: { position: 1, read: 2 ** 32 - 1 },
        'reason-1': { position: 0.9, read: 2 ** 32 - 1 },
        'reason-3': { position: 0.5, read: 0b101 },
      },
    });
  });

  it('refuses a version 2 body whose blocks do not fit one section', async () => {
    const vault = session.current();
    await vault.put(
      READING_STATE_KIND,
      { v: 2, lastSectionId: 'intro', sections: { intro: { position: 0, read: 2 ** 32 } } },
      vault.singletonId(READING_STATE_KIND),
    );
    await expect(new ReadingService(session, captureLogger()).state()).resolves.toMatchObject({
      unreadable: true,
    });
  });

  it('drops sections the guide no longer has, and goes on saving the rest', async () => {
    const vault = session.current();
    const id = vault.singletonId(READING_STATE_KIND);
    await vault.put(
      READING_STATE_KIND,
      {
        v: 2,
        lastSectionId: 'chapter-99',
        sections: {
          'chapter-99': { position: 0.5, read: 0b11 },
          'step-2': { position: 0.25, read: 0b1011 },
        },
      },
      id,
    );
    const reading = new ReadingService(session, captureLogger());
    await expect(reading.state()).resolves.toEqual({
      lastSectionId: null,
      sections: { 'step-2': { position: 0.25, read: [0, 1, 3] } },
    });
    await reading.record({ sectionId: 'step-3', position: 0.5, read: [2] });
    expect((await vault.get(id))?.body).toEqual({
      v: 2,
      lastSectionId: 'step-3',
      sections: {
        'step-2': { position: 0.25, read: 0b1011 },
        'step-3': { position: 0.5, read: 0b100 },
      },
    });
  });

  it('leaves a position saved by a newer Stillwater as it is, and keeps this one in memory', async () => {
    const logger = captureLogger();
    const vault = session.current();
    const id = vault.singletonId(READING_STATE_KIND);
    const future = { v: 3, chapters: ['step-7'] };
    await vault.put(READING_STATE_KIND, future, id);
    const reading = new ReadingService(session, logger);
    await expect(reading.state()).resolves.toEqual({
      lastSectionId: null,
      sections: {},
      unreadable: true,
    });
    expect(logger.lines[0]?.line).toMatch(/unexpected shape/);

    await reading.record({ sectionId: 'step-1', position: 0.5, read: [0] });
    await reading.record({ sectionId: 'step-2', position: 0.1, read: [] });
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

  it('writes the position and the blocks read when reports pause, not on every report', async () => {
    const { reading, writes, pause } = withManualPause();
    await reading.record({ sectionId: 'step-2', position: 0, read: [] });
    const afterEntering = writes();
    for (let block = 0; block <= 6; block++) {
      await reading.record({ sectionId: 'step-2', position: block / 6, read: [block] });
    }
    expect(writes()).toBe(afterEntering);
    await pause();
    expect(writes()).toBe(afterEntering + 1);
    expect((await reading.state()).sections['step-2']).toEqual({
      position: 1,
      read: [0, 1, 2, 3, 4, 5, 6],
    });
  });

  it('writes at once on moving to another section, and before the vault locks', async () => {
    const { reading, writes } = withManualPause();
    await reading.record({ sectionId: 'step-2', position: 0.5, read: [0] });
    const before = writes();
    await reading.record({ sectionId: 'step-3', position: 0.1, read: [] });
    expect(writes()).toBe(before + 1);
    await reading.record({ sectionId: 'step-3', position: 0.7, read: [0, 1, 2] });
    await session.lock();
    await session.unlock('a passphrase for tests');
    expect((await reading.state()).sections['step-3']).toEqual({
      position: 0.7,
      read: [0, 1, 2],
    });
  });

  it('keeps the record the same size however much has been read, to the last section', async () => {
    const reading = new ReadingService(session, captureLogger());
    await reading.record({ sectionId: 'intro', position: 1, read: [0] });
    const file = path.join(
      vaultDir,
      RECORDS_DIR,
      `${session.current().singletonId(READING_STATE_KIND)}.rec`,
    );
    const size = statSync(file).size;
    // Every section read through, each at a place with as many digits as a number can have.
    for (const sectionId of SECTION_IDS) {
      await reading.record({ sectionId, position: 0.12345678901234568, read: EVERY_BLOCK });
      expect(statSync(file).size).toBe(size);
    }
    const state = await reading.state();
    expect(Object.keys(state.sections)).toEqual([...SECTION_IDS]);
    // Kept as near as any reader could tell: a ten-thousandth of the section.
    expect(state.sections['step-7']?.position).toBeCloseTo(0.1235, 4);
  });
});

describe('the reading service and a damaged record', () => {
  const PASSPHRASE = 'a passphrase for tests';
  const recordFile = () =>
    path.join(vaultDir, RECORDS_DIR, `${session.current().singletonId(READING_STATE_KIND)}.rec`);
  /** A file's bytes, a link's target or a folder, read without following links. */
  const whatIsAt = (file: string) => {
    const entry = lstatSync(file);
    if (entry.isSymbolicLink()) return { link: readlinkSync(file) };
    return entry.isDirectory() ? { folder: true } : { bytes: readFileSync(file) };
  };

  /** Each damages the record file of a locked vault; `olderCopy` is how it was a save ago. */
  const damages: Record<string, (file: string, olderCopy: Buffer) => void> = {
    'a flipped bit': (file) => {
      const bytes = readFileSync(file);
      bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
      writeFileSync(file, bytes);
    },
    truncation: (file) => truncateSync(file, 20),
    'the version byte of a newer format': (file) => {
      const bytes = readFileSync(file);
      bytes[4] = 9;
      writeFileSync(file, bytes);
    },
    'a folder in its place': (file) => {
      rmSync(file);
      mkdirSync(file);
    },
    ...(process.platform !== 'win32' && {
      'a link in its place': (file: string) => {
        const target = `${file}.elsewhere`;
        writeFileSync(target, readFileSync(file));
        rmSync(file);
        symlinkSync(target, file);
      },
    }),
    'an older copy put back': (file, olderCopy) => writeFileSync(file, olderCopy),
  };

  it.each(Object.entries(damages))(
    'opens the guide and keeps the reader moving after %s, leaving the file as it is',
    async (_, damage) => {
      const first = new ReadingService(session, captureLogger());
      await first.record({ sectionId: 'step-1', position: 0.5, read: [0] });
      const file = recordFile();
      const olderCopy = readFileSync(file);
      await first.record({ sectionId: 'step-2', position: 0.5, read: [0] });
      await session.lock();
      damage(file, olderCopy);
      const damaged = whatIsAt(file);
      await session.unlock(PASSPHRASE);

      const logger = captureLogger();
      const reading = new ReadingService(session, logger);
      await expect(reading.state()).resolves.toEqual({
        lastSectionId: null,
        sections: {},
        unreadable: true,
      });
      expect(logger.lines.map((line) => line.line)).toEqual([
        expect.stringMatching(/reading position could not be read/),
      ]);
      await reading.record({ sectionId: 'step-3', position: 0.25, read: [0] });
      await reading.record({ sectionId: 'step-4', position: 0.75, read: [0, 1] });
      await reading.record({ sectionId: 'step-4', position: 0.8, read: [2] });
      expect((await reading.state()).lastSectionId).toBe('step-4');
      await session.lock();

      expect(whatIsAt(file)).toEqual(damaged);
    },
  );
});

describe('the reading service and a record gone from its folder', () => {
  it('says the place was lost, keeps the notebook out of it, and saves the next place afresh', async () => {
    const services = openVaultServices({
      userData: makeDir(),
      logger: captureLogger(),
      kdf: FAST_KDF,
    });
    const { vault: opened, reading, notebook } = services;
    await opened.create('a passphrase for tests');
    await reading.record({ sectionId: 'step-2', position: 0.5, read: [0] });
    await notebook.saveNote({ sectionId: 'step-2', text: 'kept' });
    const file = path.join(
      opened.current().dir,
      RECORDS_DIR,
      `${opened.current().singletonId(READING_STATE_KIND)}.rec`,
    );
    await opened.lock();
    rmSync(file);
    await opened.unlock('a passphrase for tests');

    await expect(reading.state()).resolves.toEqual({
      lastSectionId: null,
      sections: {},
      unreadable: true,
    });
    // The notebook speaks of what the person wrote; this was not theirs to lose.
    const { integrity, unreadable } = await notebook.notebook();
    expect({ integrity, unreadable }).toEqual({
      integrity: { missing: 0, stale: 0, replayed: 0, unverified: false },
      unreadable: 0,
    });
    await reading.record({ sectionId: 'step-3', position: 0.25, read: [0] });
    await opened.lock();
    await opened.unlock('a passphrase for tests');
    await expect(reading.state()).resolves.toEqual({
      lastSectionId: 'step-3',
      sections: { 'step-3': { position: 0.25, read: [0] } },
    });
  });
});

describe('the reading service and a lock', () => {
  /** How a call was answered: 'ok', or the kind of error. */
  const answerTo = (call: Promise<unknown>): Promise<string> =>
    call.then(
      () => 'ok',
      (error: unknown) => (isAppError(error) ? error.kind : String(error)),
    );
  const keptAfterUnlock = async () => {
    await session.unlock('a passphrase for tests');
    return (await new ReadingService(session, captureLogger()).state()).sections['step-2'];
  };

  it('refuses a position reported once the lock has saved what was pending, rather than losing it', async () => {
    const reading = new ReadingService(session, captureLogger());
    await reading.record({ sectionId: 'step-2', position: 0.1, read: [0] });
    let lateReport = Promise.resolve('not reported');
    // Runs after the reading service's own save, before the keys go.
    session.onLock({
      save: () => {
        lateReport = answerTo(reading.record({ sectionId: 'step-2', position: 0.9, read: [5] }));
      },
    });
    await session.lock();

    expect({ answer: await lateReport, kept: await keptAfterUnlock() }).toEqual({
      answer: 'vault-locked',
      kept: { position: 0.1, read: [0] },
    });
  });

  it('refuses a position whose saved state was still being read when the lock began', async () => {
    await new ReadingService(session, captureLogger()).record({
      sectionId: 'step-2',
      position: 0.1,
      read: [0],
    });
    const reading = new ReadingService(session, captureLogger());
    const report = answerTo(reading.record({ sectionId: 'step-2', position: 0.9, read: [5] }));
    await session.lock();

    expect({ answer: await report, kept: await keptAfterUnlock() }).toEqual({
      answer: 'vault-locked',
      kept: { position: 0.1, read: [0] },
    });
  });
});
