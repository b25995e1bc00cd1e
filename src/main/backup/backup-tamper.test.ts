import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { expectRefused, forgeBackup, outcome } from '../../../test/support/backup-fixtures';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF, snapshotFiles } from '../../../test/support/vault-fixtures';
import type { AppErrorKind } from '../app-error';
import { RECORDS_DIR } from '../vault/format';
import { encodeHeader } from '../vault/header-format';
import { deriveKey } from '../vault/kdf';
import { createVault } from '../vault/opening';
import { BACKUP_LIMITS, decodeBackup } from './backup-format';
import { openBackup, previewBackup } from './backup-reader';
import { writeBackup } from './backup-writer';

// Every way a backup file can be cut, changed or replaced, each its own test, in one file
// (a little over 300 lines) so the cases can be read side by side.

// The real Argon2id, watched: absurd settings in a backup's header must be refused unrun.
vi.mock('../vault/kdf', async (importOriginal) => {
  const kdf = await importOriginal<typeof import('../vault/kdf')>();
  return { ...kdf, deriveKey: vi.fn(kdf.deriveKey) };
});

const PASSPHRASE = 'salt on the window';
const makeDir = tempDirs('stillwater-backup-tamper-');

let root: string;
let dir: string;
let target: string;
let original: Buffer;
let vaultBefore: Map<string, Buffer>;
/** One record written once and then again: its first write is an older copy. */
let olderCopy: { id: string; file: Buffer };

beforeEach(async () => {
  root = makeDir();
  dir = path.join(root, 'vault');
  target = path.join(root, 'tampered.stillwater-backup');
  const { vault } = await createVault(dir, PASSPHRASE, { kdf: FAST_KDF });
  const rewritten = await vault.put('note', { sectionId: 'step-2', text: 'first words' });
  olderCopy = {
    id: rewritten.id,
    file: readFileSync(path.join(dir, RECORDS_DIR, `${rewritten.id}.rec`)),
  };
  await vault.put('note', { sectionId: 'step-2', text: 'second words' }, rewritten.id);
  for (let n = 0; n < 3; n++) await vault.put('note', { sectionId: 'step-1', text: `note ${n}` });
  await writeBackup(vault, target);
  await vault.lock();
  original = readFileSync(target);
  vaultBefore = snapshotFiles(dir);
});

/** Where each part of the backup starts, read from the parts the decoder hands back. */
function layout(file: Buffer) {
  const { contents, body } = decodeBackup(file);
  const at = (part: Buffer) => part.byteOffset - file.byteOffset;
  const records = contents.records.map(({ file: record }) => at(record) - 20);
  return {
    header: at(contents.header),
    manifest: at(contents.manifest),
    count: at(contents.manifest) + contents.manifest.length,
    records,
    recordEnds: contents.records.map(({ file: record }) => at(record) + record.length),
    seal: body.length,
  };
}

/** Refused with `kind` by both readers, and nothing in the vault or beside it changed. */
async function expectBothRefuse(kind: AppErrorKind): Promise<void> {
  expect(await outcome(previewBackup(target))).toBe(kind);
  expect(await outcome(openBackup(target, { passphrase: PASSPHRASE }))).toBe(kind);
  expectNothingChanged();
}

function expectNothingChanged(): void {
  expect(snapshotFiles(dir)).toEqual(vaultBefore);
  expect(readdirSync(root).sort()).toEqual(['tampered.stillwater-backup', 'vault']);
}

/** The offsets worth cutting at or flipping: every boundary, either side of it, and between. */
function interestingOffsets(file: Buffer): number[] {
  const parts = layout(file);
  const edges = [
    0,
    4,
    5,
    9,
    parts.header - 4,
    parts.header,
    parts.manifest - 4,
    parts.manifest,
    parts.count,
    parts.count + 4,
    ...parts.records,
    ...parts.records.map((start) => start + 16),
    ...parts.records.map((start) => start + 20),
    ...parts.recordEnds,
    parts.seal,
    file.length - 1,
  ];
  const around = edges.flatMap((edge) => [edge - 1, edge, edge + 1]);
  const between = edges.slice(1).map((edge, index) => ((edges[index] ?? 0) + edge) >> 1);
  return [...new Set([...around, ...between])]
    .filter((offset) => offset >= 0 && offset < file.length)
    .sort((a, b) => a - b);
}

describe('a backup cut short or added to', () => {
  it('is refused when cut at any boundary, either side of one, or between', async () => {
    const offsets = interestingOffsets(original);
    expect(offsets.length).toBeGreaterThan(40);
    for (const offset of offsets) {
      writeFileSync(target, original.subarray(0, offset));
      expect([offset, await outcome(previewBackup(target))]).toEqual([offset, 'backup-damaged']);
      expect([offset, await outcome(openBackup(target, { passphrase: PASSPHRASE }))]).toEqual([
        offset,
        'backup-damaged',
      ]);
    }
    expectNothingChanged();
  });

  it('is refused with anything after its seal', async () => {
    writeFileSync(target, Buffer.concat([original, Buffer.from([0])]));
    await expectBothRefuse('backup-damaged');
    writeFileSync(target, Buffer.concat([original, original.subarray(-32)]));
    await expectBothRefuse('backup-damaged');
  });
});

describe('a backup changed', () => {
  it('is refused with one bit flipped anywhere', async () => {
    const offsets = interestingOffsets(original);
    // And a spread of places inside the parts, the records' ciphertext among them.
    for (let offset = 7; offset < original.length; offset += 211) offsets.push(offset);
    for (const offset of offsets) {
      const flipped = Buffer.from(original);
      flipped[offset] = (flipped[offset] ?? 0) ^ 0x01;
      writeFileSync(target, flipped);
      const kind = await outcome(openBackup(target, { passphrase: PASSPHRASE }));
      // A bit flipped in a key slot reads as a wrong passphrase, as in the vault.
      expect([offset, ['backup-damaged', 'wrong-passphrase']]).toEqual([
        offset,
        expect.arrayContaining([kind]),
      ]);
    }
    expectNothingChanged();
  });

  it('is refused when its info is edited', async () => {
    await forgeBackup(
      target,
      PASSPHRASE,
      ({ info }) => {
        info.leftOut = 0;
        info.created = '2020-01-01T00:00:00.000Z';
      },
      { keyholder: false },
    );
    expect((await previewBackup(target)).created).toBe('2020-01-01T00:00:00.000Z');
    expect(await outcome(openBackup(target, { passphrase: PASSPHRASE }))).toBe('backup-damaged');
    expectNothingChanged();
  });

  it('is refused when a record is removed, even by someone who can seal it again', async () => {
    for (const keyholder of [false, true]) {
      writeFileSync(target, original);
      await forgeBackup(target, PASSPHRASE, ({ records }) => void records.pop(), { keyholder });
      await expectRefused(openBackup(target, { passphrase: PASSPHRASE }), 'backup-damaged');
    }
    expectNothingChanged();
  });

  it('is refused when two records swap places, even sealed again', async () => {
    for (const keyholder of [false, true]) {
      writeFileSync(target, original);
      await forgeBackup(
        target,
        PASSPHRASE,
        ({ records }) => {
          const [first, second] = records;
          if (!first || !second) throw new Error('the backup has two records');
          [first.file, second.file] = [second.file, first.file];
        },
        { keyholder },
      );
      await expectRefused(openBackup(target, { passphrase: PASSPHRASE }), 'backup-damaged');
    }
    expectNothingChanged();
  });

  it('is refused holding an older copy of a record, even sealed again', async () => {
    await forgeBackup(
      target,
      PASSPHRASE,
      ({ records }) => {
        const record = records.find(({ id }) => id === olderCopy.id);
        if (!record) throw new Error('the rewritten record is in the backup');
        record.file = olderCopy.file;
      },
      { keyholder: true },
    );
    await expectRefused(openBackup(target, { passphrase: PASSPHRASE }), 'backup-damaged');
    expectNothingChanged();
  });

  it('is refused holding a record of the same id from another vault', async () => {
    const other = await createVault(path.join(root, 'other'), PASSPHRASE, { kdf: FAST_KDF });
    await other.vault.put('note', { text: 'from elsewhere' }, olderCopy.id);
    await other.vault.lock();
    const foreign = readFileSync(path.join(root, 'other', RECORDS_DIR, `${olderCopy.id}.rec`));
    await forgeBackup(
      target,
      PASSPHRASE,
      ({ records }) => {
        const record = records.find(({ id }) => id === olderCopy.id);
        if (record) record.file = foreign;
      },
      { keyholder: true },
    );
    await expectRefused(openBackup(target, { passphrase: PASSPHRASE }), 'backup-damaged');
    expect(snapshotFiles(dir)).toEqual(vaultBefore);
  });

  it('is refused with a record twice, or records out of order', async () => {
    const parts = layout(original);
    const [first = 0, second = 0] = parts.records;
    const third = parts.records[2] ?? parts.seal;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(parts.records.length + 1);
    writeFileSync(
      target,
      Buffer.concat([
        original.subarray(0, parts.count),
        count,
        original.subarray(first, second),
        original.subarray(first),
      ]),
    );
    await expectBothRefuse('backup-damaged');
    writeFileSync(
      target,
      Buffer.concat([
        original.subarray(0, first),
        original.subarray(second, third),
        original.subarray(first, second),
        original.subarray(third),
      ]),
    );
    await expectBothRefuse('backup-damaged');
  });

  it('is refused with a length or a count past any limit', async () => {
    const parts = layout(original);
    for (const at of [
      5,
      parts.header - 4,
      parts.manifest - 4,
      parts.count,
      ...parts.records.map((start) => start + 16),
    ]) {
      for (const value of [0, 0xffff_ffff, BACKUP_LIMITS.record + 1]) {
        const forged = Buffer.from(original);
        forged.writeUInt32BE(value, at);
        writeFileSync(target, forged);
        expect([at, value, await outcome(previewBackup(target))]).toEqual([
          at,
          value,
          'backup-damaged',
        ]);
      }
    }
    expectNothingChanged();
  });

  it('from a newer Stillwater is told apart from damage', async () => {
    const forged = Buffer.from(original);
    forged[4] = 2;
    writeFileSync(target, forged);
    await expectBothRefuse('backup-from-future');
    writeFileSync(target, original);
    await forgeBackup(
      target,
      PASSPHRASE,
      (contents, header) => {
        contents.header = encodeHeader({ ...header, version: 3 as 2 });
      },
      { keyholder: true },
    );
    await expectRefused(openBackup(target, { passphrase: PASSPHRASE }), 'backup-from-future');
  });

  it('is refused, with no key derived, when its header asks for absurd key derivation', async () => {
    await forgeBackup(
      target,
      PASSPHRASE,
      (contents, header) => {
        contents.header = encodeHeader({
          ...header,
          kdf: { ...header.kdf, memoryKiB: 64 * 1024 * 1024 },
        });
      },
      { keyholder: true },
    );
    vi.mocked(deriveKey).mockClear();
    await expectRefused(openBackup(target, { passphrase: PASSPHRASE }), 'backup-damaged');
    expect(deriveKey).not.toHaveBeenCalled();
  });

  it('is refused when its header is a format 1 header', async () => {
    await forgeBackup(
      target,
      PASSPHRASE,
      (contents, header) => {
        const { vaultId, kdf, passphraseSlot, recoverySlot } = header;
        const legacy = {
          format: header.format,
          version: 1,
          vaultId,
          kdf,
          passphraseSlot,
          recoverySlot,
        };
        contents.header = Buffer.from(encodeHeader(legacy as never));
      },
      { keyholder: true },
    );
    await expectRefused(openBackup(target, { passphrase: PASSPHRASE }), 'backup-damaged');
  });
});

describe('what is not a backup file', () => {
  it('refuses a folder, a link, a FIFO, a file past the size limit, and nothing there', async () => {
    const folder = path.join(root, 'folder.stillwater-backup');
    mkdirSync(folder);
    const link = path.join(root, 'link.stillwater-backup');
    symlinkSync(target, link);
    const fifo = path.join(root, 'fifo.stillwater-backup');
    execFileSync('mkfifo', [fifo]);
    const huge = path.join(root, 'huge.stillwater-backup');
    writeFileSync(huge, original.subarray(0, 16));
    truncateSync(huge, BACKUP_LIMITS.file + 1);
    for (const file of [folder, link, fifo, huge]) {
      expect([file, await outcome(previewBackup(file))]).toEqual([file, 'backup-damaged']);
      expect([file, await outcome(openBackup(file, { passphrase: PASSPHRASE }))]).toEqual([
        file,
        'backup-damaged',
      ]);
    }
    await expectRefused(previewBackup(path.join(root, 'none')), 'not-found');
    expect(snapshotFiles(dir)).toEqual(vaultBefore);
  });
});
