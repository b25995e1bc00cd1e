import { describe, expect, it } from 'vitest';
import { isAppError, type AppErrorKind } from '../app-error';
import {
  BACKUP_LIMITS,
  BACKUP_SEAL_BYTES,
  decodeBackup,
  encodeBackup,
  type BackupContents,
} from './backup-format';

const SEAL = Buffer.alloc(BACKUP_SEAL_BYTES, 0xab);
const sealWith = async () => SEAL;

const contents = (): BackupContents => ({
  info: { created: '2026-11-27T08:00:00.000Z', leftOut: 2 },
  header: Buffer.from('header bytes\n'),
  manifest: Buffer.from('manifest bytes'),
  records: [
    { id: 'f'.repeat(32), file: Buffer.from('the last record') },
    { id: '0'.repeat(32), file: Buffer.from('the first record') },
  ],
});

function refusal(decode: () => unknown): AppErrorKind | 'accepted' {
  try {
    decode();
    return 'accepted';
  } catch (error) {
    if (!isAppError(error)) throw error;
    return error.kind;
  }
}

/** A backup with its info replaced by `info`, as raw bytes. */
async function withInfo(info: Buffer): Promise<Buffer> {
  const file = await encodeBackup(contents(), sealWith);
  const oldLength = file.readUInt32BE(5);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(info.length);
  return Buffer.concat([file.subarray(0, 5), length, info, file.subarray(9 + oldLength)]);
}

describe('the backup layout', () => {
  it('reads back what it wrote, records in increasing order of id, sealed last', async () => {
    const file = await encodeBackup(contents(), sealWith);
    expect(file.subarray(0, 5)).toEqual(Buffer.from('SWBK\x01', 'latin1'));
    const decoded = decodeBackup(file);
    expect(decoded.contents.info).toEqual(contents().info);
    expect(decoded.contents.header.toString()).toBe('header bytes\n');
    expect(decoded.contents.manifest.toString()).toBe('manifest bytes');
    expect(decoded.contents.records.map(({ id, file: bytes }) => [id, bytes.toString()])).toEqual([
      ['0'.repeat(32), 'the first record'],
      ['f'.repeat(32), 'the last record'],
    ]);
    expect(decoded.seal).toEqual(SEAL);
    expect(decoded.body).toEqual(file.subarray(0, file.length - BACKUP_SEAL_BYTES));
  });

  it('seals exactly the bytes before the seal', async () => {
    let sealed: Buffer | null = null;
    const file = await encodeBackup(contents(), async (body) => {
      sealed = Buffer.from(body);
      return SEAL;
    });
    expect(sealed).toEqual(file.subarray(0, file.length - BACKUP_SEAL_BYTES));
  });

  it('never writes a record twice, nor a backup larger than any reader takes', async () => {
    const twice = contents();
    twice.records.push({ id: '0'.repeat(32), file: Buffer.from('again') });
    await expect(encodeBackup(twice, sealWith)).rejects.toThrow(RangeError);

    // One buffer, referred to many times: the limit is checked before anything is joined.
    const largest = Buffer.alloc(BACKUP_LIMITS.record);
    const tooMany = contents();
    tooMany.records = Array.from({ length: 33 }, (_, n) => ({
      id: n.toString(16).padStart(32, '0'),
      file: largest,
    }));
    const refused = await encodeBackup(tooMany, sealWith).catch((error: unknown) => error);
    expect(isAppError(refused, 'too-large')).toBe(true);
  });

  it('tells a newer format from damage by its version byte', async () => {
    const file = await encodeBackup(contents(), sealWith);
    for (const [version, kind] of [
      [0, 'backup-damaged'],
      [2, 'backup-from-future'],
      [255, 'backup-from-future'],
    ] as const) {
      const changed = Buffer.from(file);
      changed[4] = version;
      expect(refusal(() => decodeBackup(changed))).toBe(kind);
    }
    const notOurs = Buffer.from(file);
    notOurs.write('SWBX', 0, 'latin1');
    expect(refusal(() => decodeBackup(notOurs))).toBe('backup-damaged');
  });

  it('refuses info that is not exactly what it should be', async () => {
    for (const info of [
      Buffer.from('{"created":"2026-11-27T08:00:00.000Z","leftOut":0,"extra":1}'),
      Buffer.from('{"created":"yesterday","leftOut":0}'),
      Buffer.from('{"created":"2026-11-27T08:00:00.000Z","leftOut":-1}'),
      Buffer.from('{"created":"2026-11-27T08:00:00.000Z"}'),
      Buffer.from([0x7b, 0xff, 0x7d]),
      Buffer.from('not json'),
    ]) {
      const file = await withInfo(info);
      expect([info.toString('latin1'), refusal(() => decodeBackup(file))]).toEqual([
        info.toString('latin1'),
        'backup-damaged',
      ]);
    }
  });

  it('refuses an empty file, an empty part and an info past its limit', async () => {
    expect(refusal(() => decodeBackup(Buffer.alloc(0)))).toBe('backup-damaged');
    const empty = await withInfo(Buffer.alloc(0));
    expect(refusal(() => decodeBackup(empty))).toBe('backup-damaged');
    const long = await withInfo(Buffer.alloc(BACKUP_LIMITS.info + 1, 0x20));
    expect(refusal(() => decodeBackup(long))).toBe('backup-damaged');
  });
});
