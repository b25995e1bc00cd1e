import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { openConfSettingsFile } from '../../../test/support/settings-file';
import { tempDirs } from '../../../test/support/temp-dir';
import type { AutomaticBackupSettings } from '../../shared/backup/automatic-backup';
import { openSettings } from '../services';
import { writeFileAtomic } from '../vault/atomic-file';
import { asDiskError } from '../vault/errors';
import { createAutomaticBackup, type AutomaticBackupPorts } from './automatic-backup';
import { automaticBackupName } from './automatic-backup-policy';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const BACKUP_BYTES = new TextEncoder().encode('a backup, as the writer would make it');

const makeDir = tempDirs();
let userData: string;
let folder: string;
/** A folder made here, as main keeps a folder picked: with every link on the way resolved. */
const makeRealDir = () => realpathSync(makeDir());
beforeEach(() => {
  userData = makeDir();
  folder = path.join(makeRealDir(), 'Backups of someone');
  mkdirSync(folder);
});

const errno = (code: string) => Object.assign(new Error(`${code}: ${folder}`), { code });

/**
 * The automatic backup on the real settings file and a real folder, with a clock and a timer
 * the test moves by hand, and a writer that writes its file atomically as the real one does.
 */
function setUp(initial: Partial<AutomaticBackupSettings> = {}) {
  const settings = openSettings(userData, openConfSettingsFile, captureLogger());
  settings.updateAutomaticBackup({ folder, every: 'day', keep: 3, ...initial });
  const logger = captureLogger('automatic-backup');
  const world = {
    clock: new Date('2025-03-10T08:00:00.000Z'),
    unlocked: true,
    written: [] as string[],
    inFlight: 0,
    mostInFlight: 0,
    /** When set, the next backups fail with this, as the writer would throw it. */
    failWith: null as unknown,
    /** When set, each backup waits for it before writing. */
    gate: null as Promise<void> | null,
    /** Called as each backup begins. */
    onBackUp: () => {},
    poll: { callback: () => {}, ms: 0 },
    pass(ms: number) {
      world.clock = new Date(world.clock.getTime() + ms);
    },
  };
  const ports: AutomaticBackupPorts = {
    settings: { get: settings.automaticBackup, set: settings.updateAutomaticBackup },
    isUnlocked: async () => world.unlocked,
    async backUp(target) {
      world.inFlight += 1;
      world.mostInFlight = Math.max(world.mostInFlight, world.inFlight);
      world.onBackUp();
      try {
        await world.gate;
        if (world.failWith) throw world.failWith;
        await writeFileAtomic(target, BACKUP_BYTES);
        world.written.push(path.basename(target));
        return { bytes: BACKUP_BYTES.length };
      } finally {
        world.inFlight -= 1;
      }
    },
    now: () => world.clock,
    setInterval: (callback, ms) => (world.poll = { callback, ms }),
    logger,
  };
  return { automatic: createAutomaticBackup(ports), settings, world, logger };
}

const namesIn = (dir: string) => readdirSync(dir).sort();
const nameAt = (iso: string) => automaticBackupName(new Date(iso));

describe('automatic backups', () => {
  it('write a backup into the folder when one is due, named for the moment in UTC', async () => {
    const { automatic, settings, world } = setUp();
    expect(await automatic.runIfDue()).toBe('backed-up');
    expect(namesIn(folder)).toEqual(['stillwater-2025-03-10-080000.stillwater-backup']);
    expect(readFileSync(path.join(folder, nameAt('2025-03-10T08:00:00Z')))).toEqual(
      Buffer.from(BACKUP_BYTES),
    );
    expect(settings.automaticBackup().lastAutomaticAt).toBe('2025-03-10T08:00:00.000Z');
    const { written, ...shown } = settings.automaticBackup();
    expect(written).toEqual([nameAt('2025-03-10T08:00:00Z')]);
    // The page is told how it went, not the names of the backups written.
    expect(automatic.status()).toEqual({ ...shown, lastError: null });
    expect(world.written).toHaveLength(1);
  });

  it('write the next daily backup a day later, not before', async () => {
    const { automatic, world } = setUp();
    await automatic.runIfDue();
    world.pass(DAY - 1);
    expect(await automatic.runIfDue()).toBe('not-due');
    world.pass(1);
    expect(await automatic.runIfDue()).toBe('backed-up');
    expect(namesIn(folder)).toEqual([
      nameAt('2025-03-10T08:00:00Z'),
      nameAt('2025-03-11T08:00:00Z'),
    ]);
  });

  it('write the next weekly backup seven days later, not after one', async () => {
    const { automatic, world } = setUp({ every: 'week' });
    await automatic.runIfDue();
    world.pass(DAY);
    expect(await automatic.runIfDue()).toBe('not-due');
    world.pass(6 * DAY);
    expect(await automatic.runIfDue()).toBe('backed-up');
    expect(world.written).toEqual([nameAt('2025-03-10T08:00:00Z'), nameAt('2025-03-17T08:00:00Z')]);
  });

  it('write nothing while they are off', async () => {
    const { automatic, settings } = setUp({ every: 'off' });
    expect(await automatic.runIfDue()).toBe('off');
    expect(namesIn(folder)).toEqual([]);
    expect(settings.automaticBackup().lastAutomaticAt).toBeNull();
  });

  it('write nothing while the vault is locked, and report no error', async () => {
    const { automatic, world, logger } = setUp();
    world.unlocked = false;
    expect(await automatic.runIfDue()).toBe('locked');
    expect(namesIn(folder)).toEqual([]);
    expect(automatic.status().lastError).toBeNull();
    expect(logger.lines).toEqual([]);
    world.unlocked = true;
    expect(await automatic.runIfDue()).toBe('backed-up');
  });

  it('back up at once when the clock was put back by more than a day, and keep that backup', async () => {
    const { automatic, settings, world } = setUp({ keep: 2 });
    await automatic.runIfDue();
    world.pass(DAY);
    await automatic.runIfDue();
    world.pass(-365 * DAY);
    expect(await automatic.runIfDue()).toBe('backed-up');
    expect(settings.automaticBackup().lastAutomaticAt).toBe('2024-03-11T08:00:00.000Z');
    // The new backup's name is the oldest, yet it is the one just written: the oldest other goes.
    expect(namesIn(folder)).toEqual([
      nameAt('2024-03-11T08:00:00Z'),
      nameAt('2025-03-11T08:00:00Z'),
    ]);
    world.pass(DAY);
    expect(await automatic.runIfDue()).toBe('backed-up');
  });

  it('keep the newest `keep` of the backups they wrote, and never touch the other files, folders or links there', async () => {
    const outside = makeDir();
    writeFileSync(path.join(outside, 'elsewhere.txt'), 'not a backup');
    const others = {
      'tax return.pdf': 'file',
      'stillwater-before-moving.stillwater-backup': 'file',
      [`${nameAt('2024-12-01T00:00:00Z')}.copy`]: 'file',
      [nameAt('2024-12-02T00:00:00Z')]: 'link',
      [nameAt('2024-12-03T00:00:00Z')]: 'folder',
    };
    for (const [name, kind] of Object.entries(others)) {
      const at = path.join(folder, name);
      if (kind === 'file') writeFileSync(at, 'the person’s own');
      if (kind === 'link') symlinkSync(path.join(outside, 'elsewhere.txt'), at);
      if (kind === 'folder') mkdirSync(at);
    }
    const { automatic, settings, world } = setUp({ keep: 2 });

    for (let day = 0; day < 4; day += 1) {
      expect(await automatic.runIfDue()).toBe('backed-up');
      world.pass(DAY);
    }
    const newest = [nameAt('2025-03-12T08:00:00Z'), nameAt('2025-03-13T08:00:00Z')];
    expect(namesIn(folder)).toEqual([...Object.keys(others), ...newest].sort());
    expect(settings.automaticBackup().written).toEqual(newest);
    expect(readFileSync(path.join(outside, 'elsewhere.txt'), 'utf8')).toBe('not a backup');
  });

  it('never count, nor remove, a backup they did not write, however late the moment it is named for', async () => {
    const planted = [
      nameAt('2099-01-01T00:00:00Z'),
      nameAt('2099-01-02T00:00:00Z'),
      nameAt('2099-01-03T00:00:00Z'),
    ];
    const before = nameAt('2025-02-01T08:00:00Z');
    for (const name of [...planted, before]) writeFileSync(path.join(folder, name), 'not ours');
    const { automatic, settings, world } = setUp({ keep: 3 });

    for (let day = 0; day < 5; day += 1) {
      expect(await automatic.runIfDue()).toBe('backed-up');
      world.pass(DAY);
    }
    const ours = ['12', '13', '14'].map((day) => nameAt(`2025-03-${day}T08:00:00Z`));
    expect(namesIn(folder)).toEqual([before, ...ours, ...planted].sort());
    expect(settings.automaticBackup().written).toEqual(ours);
  });

  it('forget a backup of theirs removed by hand, which then no longer counts', async () => {
    const { automatic, settings, world } = setUp({ keep: 2 });
    await automatic.runIfDue();
    world.pass(DAY);
    await automatic.runIfDue();
    rmSync(path.join(folder, nameAt('2025-03-10T08:00:00Z')));
    world.pass(DAY);

    expect(await automatic.runIfDue()).toBe('backed-up');
    const kept = [nameAt('2025-03-11T08:00:00Z'), nameAt('2025-03-12T08:00:00Z')];
    expect(namesIn(folder)).toEqual(kept);
    expect(settings.automaticBackup().written).toEqual(kept);
  });

  it.each(['a link', 'a folder', 'a pipe'])(
    'forget, and leave alone, a backup of theirs that is now %s',
    async (what) => {
      const outside = makeDir();
      const elsewhere = path.join(outside, 'elsewhere.txt');
      writeFileSync(elsewhere, 'not a backup');
      const { automatic, settings, world } = setUp({ keep: 1 });
      await automatic.runIfDue();
      const first = path.join(folder, nameAt('2025-03-10T08:00:00Z'));
      rmSync(first);
      if (what === 'a link') symlinkSync(elsewhere, first);
      if (what === 'a folder') mkdirSync(first);
      if (what === 'a pipe') execFileSync('mkfifo', [first]);
      world.pass(DAY);

      expect(await automatic.runIfDue()).toBe('backed-up');
      expect(settings.automaticBackup().written).toEqual([nameAt('2025-03-11T08:00:00Z')]);
      expect(lstatSync(first).isFile()).toBe(false);
      expect(namesIn(folder)).toEqual([path.basename(first), nameAt('2025-03-11T08:00:00Z')]);
      expect(readFileSync(elsewhere, 'utf8')).toBe('not a backup');
    },
  );

  it('remove nothing when the list of backups written in the settings file is damaged', async () => {
    const before = [nameAt('2025-03-01T08:00:00Z'), nameAt('2025-03-02T08:00:00Z')];
    for (const name of before) writeFileSync(path.join(folder, name), 'an older backup');
    setUp({ keep: 1 });
    const file = path.join(userData, 'settings.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { backup: object };
    const written = before.join(',');
    writeFileSync(file, JSON.stringify({ ...stored, backup: { ...stored.backup, written } }));
    const { automatic, settings } = setUp({ keep: 1 });

    expect(await automatic.runIfDue()).toBe('backed-up');
    expect(namesIn(folder)).toEqual([...before, nameAt('2025-03-10T08:00:00Z')]);
    expect(settings.automaticBackup().written).toEqual([nameAt('2025-03-10T08:00:00Z')]);
  });

  it('keep the folder picked as it is on disk, so a link it was picked through leads nowhere else later', async () => {
    const link = path.join(makeRealDir(), 'link to the backups');
    symlinkSync(folder, link);
    const { automatic, settings, world } = setUp({ folder: null, every: 'off' });

    const status = await automatic.update({ folder: link, every: 'day' });
    expect(status).toMatchObject({ folder, lastError: null });
    expect(namesIn(folder)).toEqual([nameAt('2025-03-10T08:00:00Z')]);

    const elsewhere = makeRealDir();
    rmSync(link);
    symlinkSync(elsewhere, link);
    world.pass(DAY);
    expect(await automatic.runIfDue()).toBe('backed-up');
    expect(settings.automaticBackup().folder).toBe(folder);
    expect(namesIn(folder)).toHaveLength(2);
    expect(namesIn(elsewhere)).toEqual([]);
  });

  it('write nothing, and remove nothing, when a folder above the one picked has become a link', async () => {
    const root = makeRealDir();
    const picked = path.join(root, 'shared', 'sub');
    const another = path.join(root, 'private', 'sub');
    mkdirSync(picked, { recursive: true });
    mkdirSync(another, { recursive: true });
    const theirs = [nameAt('2025-03-01T08:00:00Z'), nameAt('2025-03-10T08:00:00Z')];
    for (const name of theirs) writeFileSync(path.join(another, name), 'someone else’s');
    const { automatic, world } = setUp({ folder: null, every: 'off', keep: 1 });
    await automatic.update({ folder: picked, every: 'day' });
    expect(namesIn(picked)).toEqual([nameAt('2025-03-10T08:00:00Z')]);

    renameSync(path.join(root, 'shared'), path.join(root, 'shared before'));
    symlinkSync(path.join(root, 'private'), path.join(root, 'shared'));
    world.pass(DAY);
    expect(await automatic.runIfDue()).toBe('failed');
    expect(automatic.status().lastError).toBe('folder-missing');
    expect(world.written).toEqual([nameAt('2025-03-10T08:00:00Z')]);
    expect(namesIn(another)).toEqual(theirs);
  });

  it('remove nothing when a folder above the one picked becomes a link while the backup is written', async () => {
    const root = makeRealDir();
    const picked = path.join(root, 'shared', 'sub');
    const another = path.join(root, 'private', 'sub');
    mkdirSync(picked, { recursive: true });
    mkdirSync(another, { recursive: true });
    const theirs = nameAt('2025-03-10T08:00:00Z');
    writeFileSync(path.join(another, theirs), 'someone else’s');
    const { automatic, settings, world } = setUp({ folder: null, every: 'off', keep: 1 });
    await automatic.update({ folder: picked, every: 'day' });

    world.onBackUp = () => {
      renameSync(path.join(root, 'shared'), path.join(root, 'shared before'));
      symlinkSync(path.join(root, 'private'), path.join(root, 'shared'));
    };
    world.pass(DAY);
    await automatic.runIfDue();
    expect(readFileSync(path.join(another, theirs), 'utf8')).toBe('someone else’s');
    expect(settings.automaticBackup().written).toEqual([theirs, nameAt('2025-03-11T08:00:00Z')]);
  });

  it('forget the backups written in one folder when another is chosen, and keep them when the same one is', async () => {
    const { automatic, settings, world } = setUp({ keep: 1 });
    await automatic.runIfDue();
    const first = nameAt('2025-03-10T08:00:00Z');
    const link = path.join(makeRealDir(), 'the same folder');
    symlinkSync(folder, link);
    await automatic.update({ folder: link });
    expect(settings.automaticBackup().written).toEqual([first]);

    const another = makeRealDir();
    writeFileSync(path.join(another, first), 'the person’s own, by the same name');
    await automatic.update({ folder: another });
    expect(settings.automaticBackup()).toMatchObject({ folder: another, written: [] });
    world.pass(DAY);
    expect(await automatic.runIfDue()).toBe('backed-up');
    expect(namesIn(another)).toEqual([first, nameAt('2025-03-11T08:00:00Z')]);
    expect(settings.automaticBackup().written).toEqual([nameAt('2025-03-11T08:00:00Z')]);
  });

  it('start no list for a folder chosen while a backup into the one before was being written', async () => {
    const { automatic, settings, world } = setUp();
    let open = () => {};
    world.gate = new Promise((resolve) => (open = resolve));
    const writing = new Promise<void>((resolve) => (world.onBackUp = resolve));
    const running = automatic.runIfDue();
    await writing;
    const another = makeRealDir();
    const choosing = automatic.update({ folder: another });
    open();
    expect(await running).toBe('backed-up');
    await choosing;
    expect(namesIn(folder)).toEqual([nameAt('2025-03-10T08:00:00Z')]);
    expect(settings.automaticBackup()).toMatchObject({ folder: another, written: [] });
  });

  it.each([
    ['missing', () => rmSync(folder, { recursive: true })],
    [
      'a file',
      () => {
        rmSync(folder, { recursive: true });
        writeFileSync(folder, 'a file where the folder was');
      },
    ],
  ])(
    'write nothing when the folder is %s, say so, and try again at the next check',
    async (_what, breakFolder) => {
      const { automatic, settings, world, logger } = setUp();
      breakFolder();
      expect(await automatic.runIfDue()).toBe('failed');
      expect(automatic.status().lastError).toBe('folder-missing');
      expect(world.written).toEqual([]);
      expect(settings.automaticBackup().lastAutomaticAt).toBeNull();
      expect(logger.lines.map(({ line }) => line)).toEqual([
        expect.stringMatching(/automatic backup not written: folder-missing$/),
      ]);

      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder);
      world.pass(60 * 1000);
      expect(await automatic.runIfDue()).toBe('backed-up');
      expect(automatic.status().lastError).toBeNull();
    },
  );

  it('write nothing, and say so, when on with no folder picked', async () => {
    const { automatic, world } = setUp({ folder: null });
    expect(await automatic.runIfDue()).toBe('failed');
    expect(automatic.status()).toMatchObject({ folder: null, lastError: 'folder-missing' });
    expect(world.written).toEqual([]);
  });

  it('write nothing through a link where the folder was', async () => {
    const elsewhere = makeDir();
    rmSync(folder, { recursive: true });
    symlinkSync(elsewhere, folder);
    const { automatic, world } = setUp();
    expect(await automatic.runIfDue()).toBe('failed');
    expect(automatic.status().lastError).toBe('folder-missing');
    expect(world.written).toEqual([]);
    expect(namesIn(elsewhere)).toEqual([]);
  });

  it('say the disk is full, keep every older backup, log the kind alone, and try again', async () => {
    const { automatic, settings, world, logger } = setUp({ keep: 1 });
    await automatic.runIfDue();
    const older = nameAt('2025-03-10T08:00:00Z');
    world.pass(DAY);
    world.failWith = asDiskError(errno('ENOSPC'));

    expect(await automatic.runIfDue()).toBe('failed');
    expect(automatic.status().lastError).toBe('disk-full');
    expect(namesIn(folder)).toEqual([older]);
    expect(settings.automaticBackup()).toMatchObject({
      lastAutomaticAt: '2025-03-10T08:00:00.000Z',
      written: [older],
    });
    const lines = logger.lines.map(({ line }) => line);
    expect(lines).toEqual([expect.stringMatching(/automatic backup not written: disk-full$/)]);
    expect(lines.join('\n')).not.toContain('Backups of someone');

    world.failWith = null;
    world.pass(10 * 60 * 1000);
    expect(await automatic.runIfDue()).toBe('backed-up');
    expect(automatic.status().lastError).toBeNull();
    expect(namesIn(folder)).toEqual([nameAt('2025-03-11T08:10:00Z')]);
  });

  it.each([
    ['EROFS', 'disk-read-only'],
    ['EACCES', 'disk-denied'],
    ['EIO', 'failed'],
  ])('take the writer’s %s as %s', async (code, reason) => {
    const { automatic, world, logger } = setUp();
    world.failWith = errno(code);
    expect(await automatic.runIfDue()).toBe('failed');
    expect(automatic.status().lastError).toBe(reason);
    expect(logger.lines.map(({ line }) => line).join('\n')).not.toContain(folder);
  });

  it('run one backup at a time: a call meanwhile waits, then finds none due', async () => {
    const { automatic, world } = setUp();
    let open = () => {};
    world.gate = new Promise((resolve) => (open = resolve));
    const writing = new Promise<void>((resolve) => (world.onBackUp = resolve));
    const first = automatic.runIfDue();
    const second = automatic.runIfDue();
    const third = automatic.runIfDue();
    await writing;
    expect(world.inFlight).toBe(1);
    open();
    expect(await Promise.all([first, second, third])).toEqual(['backed-up', 'not-due', 'not-due']);
    expect(world.mostInFlight).toBe(1);
    expect(namesIn(folder)).toHaveLength(1);
  });

  it('back up right after unlocking, even while a check that found the vault locked is running', async () => {
    const { automatic, world } = setUp();
    world.unlocked = false;
    const whileLocked = automatic.runIfDue();
    world.unlocked = true;
    const afterUnlock = automatic.runIfDue();
    expect(await whileLocked).toBe('locked');
    expect(await afterUnlock).toBe('backed-up');
  });

  it('check at each poll, and never throw out of the timer', async () => {
    const { automatic, world } = setUp();
    automatic.start({ pollMs: 60_000 });
    automatic.start({ pollMs: 1 });
    expect(world.poll.ms).toBe(60_000);
    world.failWith = new Error('the writer broke');
    world.poll.callback();
    expect(await automatic.runIfDue()).toBe('failed');
    expect(automatic.status().lastError).toBe('failed');

    world.failWith = null;
    world.pass(60_000);
    world.poll.callback();
    // Waits for the poll's own check, then checks again: the backup is the poll's.
    expect(await automatic.runIfDue()).toBe('not-due');
    expect(world.written).toEqual([nameAt('2025-03-10T08:01:00Z')]);
  });

  it('report no error once they are turned off', async () => {
    const { automatic, settings, world } = setUp();
    world.failWith = errno('ENOSPC');
    await automatic.runIfDue();
    expect(automatic.status().lastError).toBe('disk-full');
    settings.updateAutomaticBackup({ every: 'off' });
    expect(automatic.status()).toMatchObject({ every: 'off', lastError: null });
  });
});
