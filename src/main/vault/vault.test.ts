import { readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF, snapshotFiles } from '../../../test/support/vault-fixtures';
import { isAppError, type AppErrorKind } from '../app-error';
import { HEADER_FILE, RECORDS_DIR } from './format';
import { encodeHeader, type Header } from './header-format';
import { deriveKey, kdfParamsAreSafe, normalisePassphrase } from './kdf';
import { createVault, recoverVault, unlockVault, vaultExists } from './opening';
import { Vault } from './vault';

// The real Argon2id, watched: a vault must refuse absurd KDF settings without running it.
vi.mock('./kdf', async (importOriginal) => {
  const kdf = await importOriginal<typeof import('./kdf')>();
  return { ...kdf, deriveKey: vi.fn(kdf.deriveKey) };
});

const PASSPHRASE = 'quiet harbour at dawn';
const options = { kdf: FAST_KDF };
const makeDir = tempDirs('stillwater-vault-');

let dir: string;
beforeEach(() => {
  dir = path.join(makeDir(), 'vault');
});

async function rejectsWith(promise: Promise<unknown>, kind: AppErrorKind, recordId?: string) {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(isAppError(error, kind), `expected ${kind}, got ${String(error)}`).toBe(true);
  if (recordId) expect((error as { recordId?: string }).recordId).toBe(recordId);
}

const recordFile = (id: string) => path.join(dir, RECORDS_DIR, `${id}.rec`);
const headerFile = () => path.join(dir, HEADER_FILE);

async function vaultWithNotes(count = 3) {
  const { vault, recoveryKey } = await createVault(dir, PASSPHRASE, options);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await vault.put('note', { text: `note ${i}` })).id);
  return { vault, recoveryKey, ids };
}

/** Rewrites the header as an attacker could, with a checksum that matches again. */
function forgeHeader(change: (header: Header) => unknown) {
  const [body = ''] = readFileSync(headerFile(), 'utf8').split('\n');
  const forged = change(JSON.parse(body) as Header) as Header;
  writeFileSync(headerFile(), encodeHeader(forged));
}

describe('round trips', () => {
  it('keeps records through lock and unlock', async () => {
    const { vault, ids } = await vaultWithNotes();
    await vault.lock();
    const reopened = await unlockVault(dir, PASSPHRASE, options);
    const { records, unreadable } = await reopened.list('note');
    expect(unreadable).toEqual([]);
    expect(
      records.map((r) => r.body).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([{ text: 'note 0' }, { text: 'note 1' }, { text: 'note 2' }]);
    expect((await reopened.get(ids[1] ?? ''))?.body).toEqual({ text: 'note 1' });
    await reopened.lock();
  });

  it('updates a record in place, keeping the creation time its caller holds', async () => {
    let clock = Date.parse('2026-01-01T10:00:00Z');
    const { vault } = await createVault(dir, PASSPHRASE, {
      ...options,
      now: () => new Date(clock),
    });
    const first = await vault.put('note', { text: 'draft' });
    clock += 60_000;
    const second = await vault.put('note', { text: 'final' }, first.id, first.created);
    expect(second).toMatchObject({
      id: first.id,
      created: '2026-01-01T10:00:00.000Z',
      updated: '2026-01-01T10:01:00.000Z',
      body: { text: 'final' },
    });
    expect(readdirSync(path.join(dir, RECORDS_DIR))).toEqual([`${first.id}.rec`]);
    await vault.lock();
  });

  it('lists by kind and deletes', async () => {
    const { vault } = await createVault(dir, PASSPHRASE, options);
    const note = await vault.put('note', 'a');
    await vault.put('journal-entry', 'b');
    expect((await vault.list('note')).records.map((r) => r.id)).toEqual([note.id]);
    await vault.delete(note.id);
    expect(await vault.get(note.id)).toBeNull();
    expect((await vault.list()).records).toHaveLength(1);
    await vault.lock();
  });

  it('refuses every operation once locked, and a locked vault can be opened again', async () => {
    const { vault, ids } = await vaultWithNotes(1);
    await vault.lock();
    expect(vault.isLocked).toBe(true);
    await rejectsWith(vault.get(ids[0] ?? ''), 'vault-locked');
    await rejectsWith(vault.put('note', 'x'), 'vault-locked');
    await rejectsWith(vault.list(), 'vault-locked');
    expect(() => vault.singletonId('reading')).toThrow(/locked/);
    await (await unlockVault(dir, PASSPHRASE, options)).lock();
  });

  it('gives singletons a stable id that reveals nothing', async () => {
    const { vault } = await createVault(dir, PASSPHRASE, options);
    const id = vault.singletonId('reading-state');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(vault.singletonId('reading-state')).toBe(id);
    expect(vault.singletonId('other')).not.toBe(id);
    await vault.lock();
    const reopened = await unlockVault(dir, PASSPHRASE, options);
    expect(reopened.singletonId('reading-state')).toBe(id);
    await reopened.lock();
  });

  it('changes the passphrase by re-wrapping the key alone, keeping every record', async () => {
    const { vault, ids } = await vaultWithNotes();
    const before = snapshotFiles(path.join(dir, RECORDS_DIR));
    await rejectsWith(vault.changePassphrase('not it', 'new words'), 'wrong-passphrase');
    await vault.changePassphrase(PASSPHRASE, 'a new and longer passphrase');
    await vault.lock();
    expect(snapshotFiles(path.join(dir, RECORDS_DIR))).toEqual(before);
    await rejectsWith(unlockVault(dir, PASSPHRASE, options), 'wrong-passphrase');
    const reopened = await unlockVault(dir, 'a new and longer passphrase', options);
    expect((await reopened.list()).records.map((r) => r.id).sort()).toEqual([...ids].sort());
    await reopened.lock();
  });

  it('resets a forgotten passphrase with the recovery key, which keeps working', async () => {
    const { vault, recoveryKey, ids } = await vaultWithNotes();
    await vault.lock();
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]$/);
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const recovered = await recoverVault(dir, typed, 'chosen again', options);
    expect((await recovered.get(ids[0] ?? ''))?.body).toEqual({ text: 'note 0' });
    await recovered.lock();
    await rejectsWith(unlockVault(dir, PASSPHRASE, options), 'wrong-passphrase');
    await (await unlockVault(dir, 'chosen again', options)).lock();
    await (await recoverVault(dir, recoveryKey, 'once more', options)).lock();
  });

  it('still opens with a key written without its check symbol, as keys once were', async () => {
    const { vault, recoveryKey, ids } = await vaultWithNotes();
    await vault.lock();
    const withoutCheck = recoveryKey.slice(0, -2);
    expect(withoutCheck).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const recovered = await recoverVault(dir, withoutCheck, 'chosen again', options);
    expect((await recovered.get(ids[0] ?? ''))?.body).toEqual({ text: 'note 0' });
    await recovered.lock();
  });

  it('tells a typing mistake in the recovery key from a wrong key, changing nothing', async () => {
    const { vault, recoveryKey } = await vaultWithNotes();
    await vault.lock();
    const before = snapshotFiles(dir);
    const first = recoveryKey.charAt(0);
    const typo = (first === '7' ? '8' : '7') + recoveryKey.slice(1);
    await rejectsWith(recoverVault(dir, typo, 'x', options), 'recovery-key-typo');
    await rejectsWith(recoverVault(dir, 'too short', 'x', options), 'recovery-key-typo');
    await rejectsWith(
      recoverVault(dir, recoveryKey.slice(0, -3), 'x', options),
      'recovery-key-typo',
    );
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('refuses a wrong recovery key without changing anything', async () => {
    const { vault } = await vaultWithNotes();
    await vault.lock();
    const before = snapshotFiles(dir);
    await rejectsWith(
      recoverVault(dir, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', 'x', options),
      'wrong-passphrase',
    );
    await rejectsWith(
      recoverVault(dir, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-7', 'x', options),
      'wrong-passphrase',
    );
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('says when there is no vault, and will not create one over another', async () => {
    expect(await vaultExists(dir)).toBe(false);
    await rejectsWith(unlockVault(dir, PASSPHRASE, options), 'vault-missing');
    const { vault } = await createVault(dir, PASSPHRASE, options);
    await vault.lock();
    await rejectsWith(createVault(dir, 'other', options), 'vault-exists');
  });
});

describe('passphrases', () => {
  it('treats the composed and decomposed forms of a character as the same passphrase', async () => {
    const composed = 'caf\u00e9 au lait';
    const decomposed = 'cafe\u0301 au lait';
    expect(normalisePassphrase(decomposed)).toEqual(normalisePassphrase(composed));
    const { vault } = await createVault(dir, composed, options);
    await vault.lock();
    await (await unlockVault(dir, decomposed, options)).lock();
  });

  it.each([
    ['a wrong passphrase', 'quiet harbour at dusk'],
    ['an empty passphrase', ''],
    ['a 1 MB passphrase', 'x'.repeat(1024 * 1024)],
  ])('refuses %s, leaving every file as it was', async (_name, attempt) => {
    const { vault } = await vaultWithNotes();
    await vault.lock();
    const before = snapshotFiles(dir);
    await rejectsWith(unlockVault(dir, attempt, options), 'wrong-passphrase');
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('derives keys with Argon2id version 0x13, as its reference test vector says', async () => {
    // The Argon2 reference implementation's test.c: Argon2id, v=0x13, t=2, m=2^16, p=1.
    const key = await deriveKey('password', {
      algorithm: 'argon2id',
      memoryKiB: 65_536,
      iterations: 2,
      parallelism: 1,
      salt: Buffer.from('somesalt').toString('base64'),
    });
    expect(key.toString('hex')).toBe(
      '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7',
    );
  });

  it('keeps KDF settings between the floor and the ceiling', () => {
    expect(kdfParamsAreSafe({ memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 })).toBe(true);
    expect(kdfParamsAreSafe({ memoryKiB: 1024 * 1024, iterations: 10, parallelism: 16 })).toBe(
      true,
    );
    expect(kdfParamsAreSafe({ memoryKiB: 8 * 1024, iterations: 2, parallelism: 1 })).toBe(false);
    expect(kdfParamsAreSafe({ memoryKiB: 64 * 1024, iterations: 1, parallelism: 1 })).toBe(false);
    expect(kdfParamsAreSafe({ memoryKiB: 2 * 1024 * 1024, iterations: 3, parallelism: 1 })).toBe(
      false,
    );
    expect(kdfParamsAreSafe({ memoryKiB: 64 * 1024, iterations: 11, parallelism: 1 })).toBe(false);
    expect(kdfParamsAreSafe({ memoryKiB: 64 * 1024, iterations: 3, parallelism: 0 })).toBe(false);
  });
});

describe('a damaged or tampered vault', () => {
  /** Runs `attack`, expects `kind` from `attempt`, and checks no file changed afterwards. */
  async function expectRefusal(
    attack: () => void,
    attempt: () => Promise<unknown>,
    kind: AppErrorKind,
    recordId?: string,
  ) {
    attack();
    const before = snapshotFiles(dir);
    await rejectsWith(attempt(), kind, recordId);
    expect(snapshotFiles(dir)).toEqual(before);
  }

  async function lockedVaultWithNotes() {
    const made = await vaultWithNotes();
    await made.vault.lock();
    return made;
  }

  async function readRecordWith(id: string) {
    const vault = await unlockVault(dir, PASSPHRASE, options);
    try {
      return await vault.get(id);
    } finally {
      await vault.lock();
    }
  }

  it('names a record cut short at any length, and still lists the others', async () => {
    const { ids } = await lockedVaultWithNotes();
    const id = ids[0] ?? '';
    const original = readFileSync(recordFile(id));
    for (const length of [
      0,
      1,
      4,
      5,
      16,
      17,
      20,
      32,
      33,
      original.length - 16,
      original.length - 1,
    ]) {
      writeFileSync(recordFile(id), original.subarray(0, length));
      await expectRefusal(
        () => {},
        () => readRecordWith(id),
        'vault-corrupt',
        id,
      );
    }
    const vault = await unlockVault(dir, PASSPHRASE, options);
    const listing = await vault.list();
    expect(listing.unreadable).toEqual([{ recordId: id, kind: 'vault-corrupt' }]);
    expect(listing.records).toHaveLength(2);
    await vault.lock();
    expect(readdirSync(path.join(dir, RECORDS_DIR))).toHaveLength(3);
  });

  // Only the final newline may go: everything before it is checked.
  // Only the final newline may go missing: everything before it is checked.
  it('refuses a header cut short at any length', async () => {
    await lockedVaultWithNotes();
    const original = readFileSync(headerFile());
    for (const length of [
      0,
      1,
      10,
      100,
      Math.floor(original.length / 2),
      original.length - 66,
      original.length - 2,
    ]) {
      writeFileSync(headerFile(), original.subarray(0, length));
      await expectRefusal(
        () => {},
        () => unlockVault(dir, PASSPHRASE, options),
        'vault-corrupt',
      );
    }
  });

  it.each([
    ['the magic', 0],
    ['the nonce', 6],
    ['the ciphertext', 30],
    ['the tag', -3],
  ])('detects a flipped bit in a record’s %s', async (_part, offset) => {
    const { ids } = await lockedVaultWithNotes();
    const id = ids[1] ?? '';
    await expectRefusal(
      () => {
        const bytes = readFileSync(recordFile(id));
        const at = offset < 0 ? bytes.length + offset : offset;
        bytes[at] = (bytes[at] ?? 0) ^ 0x04;
        writeFileSync(recordFile(id), bytes);
      },
      () => readRecordWith(id),
      'vault-corrupt',
      id,
    );
  });

  it.each([[4], [8], [12]])('refuses a record whose tag is cut to %i bytes', async (tagBytes) => {
    const { ids } = await lockedVaultWithNotes();
    const id = ids[0] ?? '';
    await expectRefusal(
      () => {
        const bytes = readFileSync(recordFile(id));
        writeFileSync(recordFile(id), bytes.subarray(0, bytes.length - 16 + tagBytes));
      },
      () => readRecordWith(id),
      'vault-corrupt',
      id,
    );
  });

  it('detects flipped bits anywhere in the header', async () => {
    await lockedVaultWithNotes();
    const original = readFileSync(headerFile());
    for (const offset of [2, 40, 120, 200, 300, original.length - 30]) {
      const bytes = Buffer.from(original);
      bytes[offset] = (bytes[offset] ?? 0) ^ 0x01;
      writeFileSync(headerFile(), bytes);
      await expectRefusal(
        () => {},
        () => unlockVault(dir, PASSPHRASE, options),
        'vault-corrupt',
      );
    }
  });

  it.each([
    ['salt', (h: Header) => ({ ...h, kdf: { ...h.kdf, salt: flipBase64(h.kdf.salt) } })],
    [
      'nonce',
      (h: Header) => ({
        ...h,
        passphraseSlot: { ...h.passphraseSlot, nonce: flipBase64(h.passphraseSlot.nonce) },
      }),
    ],
    [
      'wrapped key',
      (h: Header) => ({
        ...h,
        passphraseSlot: {
          ...h.passphraseSlot,
          wrappedKey: flipBase64(h.passphraseSlot.wrappedKey),
        },
      }),
    ],
    [
      'vault id',
      (h: Header) => ({
        ...h,
        vaultId: `${h.vaultId.slice(0, -1)}${h.vaultId.endsWith('0') ? '1' : '0'}`,
      }),
    ],
    ['iterations', (h: Header) => ({ ...h, kdf: { ...h.kdf, iterations: 3 } })],
  ])(
    'cannot be opened once the header’s %s is forged, checksum and all',
    async (_field, change) => {
      await lockedVaultWithNotes();
      await expectRefusal(
        () => forgeHeader(change),
        () => unlockVault(dir, PASSPHRASE, options),
        'wrong-passphrase',
      );
    },
  );

  it.each([
    ['memory far above the ceiling', { memoryKiB: 2 ** 31 }],
    ['memory below the floor', { memoryKiB: 8 }],
    ['no iterations', { iterations: 0 }],
    ['a million iterations', { iterations: 1_000_000 }],
    ['a thousand lanes', { parallelism: 1000 }],
  ])('refuses %s before running the KDF', async (_name, kdf) => {
    await lockedVaultWithNotes();
    vi.mocked(deriveKey).mockClear();
    await expectRefusal(
      () => forgeHeader((h) => ({ ...h, kdf: { ...h.kdf, ...kdf } })),
      () => unlockVault(dir, PASSPHRASE, options),
      'vault-corrupt',
    );
    // Refused on sight: running Argon2 with such settings would take minutes or all memory.
    expect(deriveKey).not.toHaveBeenCalled();
  });

  it('refuses a plaintext JSON file put in place of a record', async () => {
    const { ids } = await lockedVaultWithNotes();
    const id = ids[2] ?? '';
    await expectRefusal(
      () =>
        writeFileSync(
          recordFile(id),
          JSON.stringify({ kind: 'note', id, body: { text: 'planted' } }),
        ),
      () => readRecordWith(id),
      'vault-corrupt',
      id,
    );
  });

  it('refuses two records whose files were swapped', async () => {
    const { ids } = await lockedVaultWithNotes();
    const [a = '', b = ''] = ids;
    await expectRefusal(
      () => {
        const first = readFileSync(recordFile(a));
        writeFileSync(recordFile(a), readFileSync(recordFile(b)));
        writeFileSync(recordFile(b), first);
      },
      () => readRecordWith(a),
      'vault-corrupt',
      a,
    );
    await rejectsWith(readRecordWith(b), 'vault-corrupt', b);
  });

  it('refuses a record copied in from another vault with the same passphrase', async () => {
    const { ids } = await lockedVaultWithNotes();
    const otherDir = path.join(path.dirname(dir), 'other-vault');
    const other = await createVault(otherDir, PASSPHRASE, options);
    const foreign = await other.vault.put('note', { text: 'from elsewhere' }, ids[0]);
    await other.vault.lock();
    await expectRefusal(
      () =>
        writeFileSync(
          recordFile(foreign.id),
          readFileSync(path.join(otherDir, RECORDS_DIR, `${foreign.id}.rec`)),
        ),
      () => readRecordWith(foreign.id),
      'vault-corrupt',
      foreign.id,
    );
  });

  it('says a vault from a newer format is from the future, for the header and for a record', async () => {
    const { ids } = await lockedVaultWithNotes();
    const id = ids[0] ?? '';
    const header = readFileSync(headerFile());
    await expectRefusal(
      () => forgeHeader((h) => ({ ...h, version: 3, somethingNew: true })),
      () => unlockVault(dir, PASSPHRASE, options),
      'vault-from-future',
    );
    writeFileSync(headerFile(), header);
    await expectRefusal(
      () => {
        const bytes = readFileSync(recordFile(id));
        bytes[4] = 3;
        writeFileSync(recordFile(id), bytes);
      },
      () => readRecordWith(id),
      'vault-from-future',
    );
  });

  it('refuses a multi-gigabyte sparse file without reading it, as a record or as the header', async () => {
    const { ids } = await lockedVaultWithNotes();
    const id = ids[0] ?? '';
    await expectRefusal(
      () => truncateSync(recordFile(id), 6 * 1024 ** 3),
      () => readRecordWith(id),
      'vault-corrupt',
      id,
    );
    await expectRefusal(
      () => truncateSync(headerFile(), 6 * 1024 ** 3),
      () => unlockVault(dir, PASSPHRASE, options),
      'vault-corrupt',
    );
  });

  it('ignores stray files in the records folder', async () => {
    const { ids } = await lockedVaultWithNotes();
    writeFileSync(path.join(dir, RECORDS_DIR, 'notes.txt'), 'hello');
    writeFileSync(path.join(dir, RECORDS_DIR, `.${ids[0]}.rec.abc.tmp`), 'half written');
    const vault = await unlockVault(dir, PASSPHRASE, options);
    expect((await vault.list()).records).toHaveLength(3);
    await vault.lock();
  });
});

describe('one writer at a time', () => {
  it('refuses a second opening while the vault is open, before any KDF runs', async () => {
    const { vault } = await vaultWithNotes(1);
    await rejectsWith(unlockVault(dir, PASSPHRASE, options), 'vault-busy');
    await vault.lock();
    await (await unlockVault(dir, PASSPHRASE, options)).lock();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const { vault } = await vaultWithNotes(1);
    await vault.lock();
    writeFileSync(
      path.join(dir, 'vault.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname() }),
    );
    const reopened = await unlockVault(dir, PASSPHRASE, options);
    expect((await reopened.list('note')).records).toHaveLength(1);
    await reopened.lock();
  });
});

describe('record ids', () => {
  it('are 128 random bits in hex', () => {
    const ids = new Set(Array.from({ length: 100 }, () => Vault.newRecordId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});

function flipBase64(value: string): string {
  const bytes = Buffer.from(value, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}
