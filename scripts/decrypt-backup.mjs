#!/usr/bin/env node
/**
 * Reads a Stillwater backup with nothing but its passphrase or its recovery key, and writes
 * what it holds as plain files: Markdown to read, and records.json with every record whole.
 *
 * It is written from docs/backup-format.md and docs/vault-format.md alone, and uses none of
 * the app's code, so that it keeps working, and keeps proving those two pages are enough,
 * whatever becomes of the app. That is also why it is longer than a script usually is: it
 * checks everything the format lets it check (the seal, the manifest, every record's tag,
 * every length and limit) before it writes a single file, as the app does before a restore.
 *
 * Usage: npm run decrypt-backup -- [--recovery-key] FILE OUTDIR (see --help).
 */
import {
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  renameSync,
  rmdirSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { hashRaw } from '@node-rs/argon2';

const HELP = `Usage: npm run decrypt-backup -- [--recovery-key] FILE OUTDIR

Reads FILE, a Stillwater backup (….stillwater-backup), and writes everything in it to the
new folder OUTDIR, without Stillwater:

  notes/<section>.md     each note, under the id of the guide's section it belongs to
  highlights.md          each highlight: its quote, colour and note
  journal/<date>.md      the journal, one file per day
  steps.md               what was written in the Steps companion
  trash/<id>.md          what was in the trash
  records.json           every record, whatever its kind, exactly as it was kept

It asks for the passphrase on the terminal, without showing it. With --recovery-key it
asks for the recovery key instead. Nothing is written unless the whole backup opens and
checks out; a wrong passphrase, a damaged or changed backup, or one made by a newer
Stillwater is refused, and OUTDIR must not exist or must be empty.

The files are written into a new folder beside OUTDIR, OUTDIR.partial-<random>, which
becomes OUTDIR only once every file is whole and on disk. If writing fails (a full disk,
say), that folder is removed again, and nothing is left. Only a run killed outright, or a
power cut, can leave it behind: it is not protected either, so delete it.

OUTDIR is NOT protected: anyone who can read it can read everything in it. Keep it on this
computer, and delete it when you are done.

For scripts and tests, the passphrase may be given in the environment variable
STILLWATER_PASSPHRASE, and the recovery key in STILLWATER_RECOVERY_KEY. On some systems,
other users of the computer can see a program's environment: prefer typing it.
`;

// --- Limits and constants, from docs/backup-format.md and docs/vault-format.md -------------------

const KiB = 1024;
const MiB = 1024 * KiB;
const MAX_BACKUP_BYTES = 1024 * MiB;
const MAX_INFO_BYTES = 4 * KiB;
const MAX_HEADER_BYTES = 64 * KiB;
const MAX_MANIFEST_BYTES = 64 * MiB;
const MAX_RECORD_BYTES = 32 * MiB;
const BACKUP_VERSION = 1;
const VAULT_VERSION = 2;
const SEAL_BYTES = 32;
const ID_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KDF_BOUNDS = {
  memoryKiB: [19_456, 1_048_576],
  iterations: [2, 10],
  parallelism: [1, 16],
};
const HEADER_FIELDS = new Set([
  'format',
  'version',
  'vaultId',
  'kdf',
  'passphraseSlot',
  'recoverySlot',
  'keyGeneration',
  'idKeySlot',
  'retiringKey',
]);
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KIND_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

// --- Refusals: one plain line, never any of the backup's content ---------------------------------

class Refusal extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

const damaged = () =>
  new Refusal('This backup is damaged or has been changed since it was made. Nothing was written.');
const fromNewerStillwater = () =>
  new Refusal(
    'This backup was made by a newer version of Stillwater; use that version to read it. Nothing was written.',
  );
const wrongPassphrase = () =>
  new Refusal('That passphrase does not open this backup. Nothing was written.');
const wrongRecoveryKey = () =>
  new Refusal('That recovery key does not open this backup. Nothing was written.');
const recoveryKeyTypo = () =>
  new Refusal(
    'That recovery key has a typing mistake in it: check each group of four. Nothing was written.',
  );

function check(condition) {
  if (!condition) throw damaged();
}

// --- Reading the file as hostile: a regular file, no link, bounded -------------------------------

function readBackupFile(file) {
  let fd;
  try {
    fd = openSync(
      file,
      constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0),
    );
  } catch (error) {
    if (error?.code === 'ENOENT') throw new Refusal(`There is no file at ${file}.`, 2);
    if (error?.code === 'ELOOP')
      throw new Refusal(`${file} is a link; name the backup file itself.`, 2);
    if (error?.code === 'EISDIR') throw new Refusal(`${file} is a folder, not a backup file.`, 2);
    throw new Refusal(`${file} could not be opened (${error?.code ?? 'unknown error'}).`, 2);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new Refusal(`${file} is not a backup file.`, 2);
    if (info.size > MAX_BACKUP_BYTES) throw damaged();
    const bytes = Buffer.alloc(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    // A file that shrank or grew while it was read is not the file that was checked.
    if (filled !== bytes.length || readSync(fd, Buffer.alloc(1), 0, 1, filled) !== 0)
      throw damaged();
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** Walks the bytes of one part, refusing any read past its end. */
class Cursor {
  constructor(bytes, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.offset = start;
    this.end = end;
  }

  take(length) {
    check(Number.isSafeInteger(length) && length >= 0 && this.offset + length <= this.end);
    const part = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return part;
  }

  u32() {
    return this.take(4).readUInt32BE(0);
  }

  /** An 8-byte number, which the formats keep below 2^53. */
  u64() {
    const value = this.take(8).readBigUInt64BE(0);
    check(value <= BigInt(Number.MAX_SAFE_INTEGER));
    return Number(value);
  }

  /** A length-prefixed part of at most `limit` bytes. */
  part(limit) {
    const length = this.u32();
    check(length <= limit);
    return this.take(length);
  }

  get atEnd() {
    return this.offset === this.end;
  }
}

/** Magic, then a version byte: another file, a damaged one, or one from a newer Stillwater. */
function checkVersion(bytes, magic, version) {
  check(bytes.length >= 5 && bytes.subarray(0, 4).equals(Buffer.from(magic, 'ascii')));
  if (bytes[4] > version) throw fromNewerStillwater();
  check(bytes[4] === version);
}

// --- The container (docs/backup-format.md, "Layout") ---------------------------------------------

function parseBackup(bytes) {
  check(bytes.length >= 5 && bytes.subarray(0, 4).equals(Buffer.from('SWBK', 'ascii')));
  if (bytes[4] > BACKUP_VERSION) throw fromNewerStillwater();
  check(bytes[4] === BACKUP_VERSION && bytes.length >= 5 + SEAL_BYTES);
  const sealedLength = bytes.length - SEAL_BYTES;
  const cursor = new Cursor(bytes, 5, sealedLength);
  const info = parseInfo(cursor.part(MAX_INFO_BYTES));
  const header = cursor.part(MAX_HEADER_BYTES);
  const manifest = cursor.part(MAX_MANIFEST_BYTES);
  const count = cursor.u32();
  const records = [];
  let previousId = null;
  for (let index = 0; index < count; index++) {
    const id = cursor.take(ID_BYTES);
    // In increasing byte order, so no id appears twice.
    check(previousId === null || Buffer.compare(previousId, id) < 0);
    previousId = id;
    records.push({ id: id.toString('hex'), file: cursor.part(MAX_RECORD_BYTES) });
  }
  check(cursor.atEnd);
  return {
    info,
    header,
    manifest,
    records,
    sealed: bytes.subarray(0, sealedLength),
    seal: bytes.subarray(sealedLength),
  };
}

function parseJson(bytes) {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    // The parser's own message can quote the text: never shown.
    throw damaged();
  }
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseInfo(bytes) {
  const info = parseJson(bytes);
  check(isObject(info) && Object.keys(info).length === 2);
  check(typeof info.created === 'string' && ISO_UTC.test(info.created));
  check(Number.isSafeInteger(info.leftOut) && info.leftOut >= 0);
  return info;
}

// --- The vault's header (docs/vault-format.md, "vault.header") -----------------------------------

function base64Bytes(value, length) {
  check(typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value));
  const bytes = Buffer.from(value, 'base64');
  check(bytes.length === length);
  return bytes;
}

function parseSlot(slot) {
  check(isObject(slot));
  return {
    nonce: base64Bytes(slot.nonce, NONCE_BYTES),
    wrappedKey: base64Bytes(slot.wrappedKey, KEY_BYTES + TAG_BYTES),
  };
}

const isGeneration = (value) => Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;

function parseHeader(bytes) {
  const text = (() => {
    try {
      return utf8.decode(bytes);
    } catch {
      throw damaged();
    }
  })();
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  check(lines.length === 2);
  const [body, checksum] = lines;
  check(createHash('sha256').update(body, 'utf8').digest('hex') === checksum);
  const header = parseJson(Buffer.from(body, 'utf8'));
  check(isObject(header) && header.format === 'stillwater-vault');
  if (typeof header.version === 'number' && header.version > VAULT_VERSION) {
    throw fromNewerStillwater();
  }
  // A backup always holds a format 2 header: format 1 is upgraded before anything is kept.
  check(header.version === VAULT_VERSION);
  check(Object.keys(header).every((field) => HEADER_FIELDS.has(field)));
  check(typeof header.vaultId === 'string' && /^[0-9a-f]{32}$/.test(header.vaultId));
  const { kdf } = header;
  check(isObject(kdf) && kdf.algorithm === 'argon2id');
  // The settings are the file's to edit: checked before any Argon2id run, so none is unbounded.
  for (const [setting, [lowest, highest]] of Object.entries(KDF_BOUNDS)) {
    check(Number.isInteger(kdf[setting]) && kdf[setting] >= lowest && kdf[setting] <= highest);
  }
  check(isGeneration(header.keyGeneration) && header.keyGeneration >= 1);
  const retiring = header.retiringKey;
  if (retiring !== undefined) {
    check(isObject(retiring) && isGeneration(retiring.generation));
    check(retiring.generation !== header.keyGeneration);
  }
  return {
    vaultId: header.vaultId,
    vaultIdBytes: Buffer.from(header.vaultId, 'hex'),
    kdf: { ...kdf, saltBytes: base64Bytes(kdf.salt, 16) },
    passphraseSlot: parseSlot(header.passphraseSlot),
    recoverySlot: parseSlot(header.recoverySlot),
    keyGeneration: header.keyGeneration,
    idKeySlot: parseSlot(header.idKeySlot),
    retiringKey: retiring && { generation: retiring.generation, ...parseSlot(retiring) },
  };
}

// --- Keys ----------------------------------------------------------------------------------------

/** AES-256-GCM: the plaintext, or null when the tag does not match. */
function openSealed(key, nonce, aad, sealed) {
  if (sealed.length < TAG_BYTES) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, -TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

const hkdf = (ikm, salt, info) => Buffer.from(hkdfSync('sha256', ikm, salt, info, KEY_BYTES));

async function dataKeyFromPassphrase(header, passphrase) {
  const { kdf } = header;
  const kek = await hashRaw(Buffer.from(passphrase.normalize('NFC'), 'utf8'), {
    algorithm: 2, // Argon2id: the package's enum is type-only, so its value is written here.
    version: 1, // 0x13
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.parallelism,
    outputLen: KEY_BYTES,
    salt: kdf.saltBytes,
  });
  const aad = `SWV1:slot:passphrase:${header.vaultId}:${kdf.algorithm}:${kdf.memoryKiB}:${kdf.iterations}:${kdf.parallelism}:${kdf.salt}`;
  const dataKey = openSealed(
    kek,
    header.passphraseSlot.nonce,
    aad,
    header.passphraseSlot.wrappedKey,
  );
  kek.fill(0);
  if (!dataKey) throw wrongPassphrase();
  return dataKey;
}

/** Check symbols of GF(32): the sum is 0 over a key written with its check symbol. */
function checkSum(values) {
  let sum = 0;
  for (const value of values) {
    sum <<= 1;
    if (sum & 32) sum ^= 0b100101;
    sum ^= value;
  }
  return sum;
}

/** The recovery key's 20 bytes, or null for a typing mistake. */
function parseRecoveryKey(typed) {
  const symbols = typed
    .replace(/[\s-]/g, '')
    .toUpperCase()
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  const values = [...symbols].map((symbol) => RECOVERY_ALPHABET.indexOf(symbol));
  if (values.some((value) => value < 0)) return null;
  if (values.length === 33 && checkSum(values) === 0) values.pop();
  if (values.length !== 32) return null;
  const bytes = Buffer.alloc(20);
  let bits = 0;
  let buffered = 0;
  let filled = 0;
  for (const value of values) {
    buffered = (buffered << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[filled++] = (buffered >> bits) & 0xff;
      buffered &= (1 << bits) - 1;
    }
  }
  return bytes;
}

function dataKeyFromRecoveryKey(header, recoveryKey) {
  const kek = hkdf(recoveryKey, header.vaultIdBytes, 'SWV1:recovery-kek');
  const aad = `SWV1:slot:recovery:${header.vaultId}`;
  const dataKey = openSealed(kek, header.recoverySlot.nonce, aad, header.recoverySlot.wrappedKey);
  kek.fill(0);
  if (!dataKey) throw wrongRecoveryKey();
  return dataKey;
}

/** During a re-key, records not yet sealed again are under the previous generation's key. */
function addRetiringKey(keys, header, dataKey) {
  const retiring = header.retiringKey;
  if (!retiring) return;
  const aad = `SWV2:slot:retiring:${header.vaultId}:${retiring.generation}:${header.keyGeneration}`;
  const previous = openSealed(dataKey, retiring.nonce, aad, retiring.wrappedKey);
  check(previous !== null);
  keys.set(retiring.generation, previous);
}

function checkSeal(backup, header, dataKey) {
  const sealKey = hkdf(dataKey, header.vaultIdBytes, 'SWBK1:seal');
  const expected = createHmac('sha256', sealKey).update(backup.sealed).digest();
  sealKey.fill(0);
  check(timingSafeEqual(expected, backup.seal));
}

// --- The manifest and the records (docs/vault-format.md) -----------------------------------------

function openManifest(bytes, header, dataKey) {
  checkVersion(bytes, 'SWMF', VAULT_VERSION);
  const cursor = new Cursor(bytes, 5);
  const generation = cursor.u32();
  check(generation === header.keyGeneration);
  const nonce = cursor.take(NONCE_BYTES);
  const plain = openSealed(
    dataKey,
    nonce,
    `SWV2:manifest:${header.vaultId}:${generation}`,
    cursor.take(cursor.end - cursor.offset),
  );
  check(plain !== null);
  const list = new Cursor(plain);
  list.take(8 + 8 + 8); // next, reserved, trustedFrom: a backup has no use for them
  const count = list.u32();
  check(plain.length === 28 + 24 * count);
  const entries = new Map();
  for (let index = 0; index < count; index++) {
    const id = list.take(ID_BYTES).toString('hex');
    check(!entries.has(id));
    entries.set(id, list.u64());
  }
  return entries;
}

function openRecord({ id, file }, header, keys, manifest) {
  checkVersion(file, 'SWRC', VAULT_VERSION);
  const cursor = new Cursor(file, 5);
  const generation = cursor.u32();
  const seq = cursor.u64();
  const nonce = cursor.take(NONCE_BYTES);
  const key = keys.get(generation);
  // A backup holds current records only: the one write the manifest names for each.
  check(key !== undefined && manifest.get(id) === seq);
  const aad = `SWV2:record:${header.vaultId}:${id}:${generation}:${seq}`;
  const padded = openSealed(key, nonce, aad, cursor.take(cursor.end - cursor.offset));
  check(padded !== null && padded.length >= 4);
  const length = padded.readUInt32BE(0);
  check(length <= padded.length - 4);
  const record = parseJson(padded.subarray(4, 4 + length));
  check(isObject(record) && typeof record.kind === 'string' && KIND_PATTERN.test(record.kind));
  // Its id is in its tag's AAD; the id inside must agree, or it speaks for another record.
  check(record.id === id);
  check(typeof record.created === 'string' && ISO_UTC.test(record.created));
  check(typeof record.updated === 'string' && ISO_UTC.test(record.updated));
  check(Object.hasOwn(record, 'body'));
  const { kind, created, updated, body } = record;
  return { kind, id, created, updated, body };
}

/** Every check of docs/backup-format.md, "Opening a backup", steps 3 to 5. */
function openAll(backup, header, dataKey) {
  const keys = new Map([[header.keyGeneration, dataKey]]);
  try {
    checkSeal(backup, header, dataKey);
    addRetiringKey(keys, header, dataKey);
    const manifest = openManifest(backup.manifest, header, dataKey);
    // The manifest lists exactly the records the backup holds.
    check(manifest.size === backup.records.length);
    return backup.records.map((stored) => openRecord(stored, header, keys, manifest));
  } finally {
    for (const key of keys.values()) key.fill(0);
  }
}

// --- Asking for the passphrase or the recovery key -----------------------------------------------

function readHidden(prompt) {
  const input = process.stdin;
  if (!input.isTTY) {
    throw new Refusal(
      'There is no terminal to ask on: run this in a terminal, or see --help for the environment variables.',
      2,
    );
  }
  return new Promise((resolve, reject) => {
    let typed = '';
    process.stderr.write(prompt);
    readline.emitKeypressEvents(input);
    input.setRawMode(true);
    input.resume();
    const finish = (outcome) => {
      input.off('keypress', onKey);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      outcome();
    };
    const onKey = (text, key = {}) => {
      if (key.ctrl && (key.name === 'c' || (key.name === 'd' && typed === ''))) {
        finish(() => reject(new Refusal('Stopped. Nothing was written.', 130)));
      } else if (key.name === 'return' || key.name === 'enter') {
        finish(() => resolve(typed));
      } else if (key.name === 'backspace') {
        typed = [...typed].slice(0, -1).join('');
      } else if (typeof text === 'string' && !key.ctrl && !key.meta && text >= ' ') {
        typed += text;
      }
    };
    input.on('keypress', onKey);
  });
}

async function askForKey(useRecoveryKey) {
  const given = useRecoveryKey
    ? process.env.STILLWATER_RECOVERY_KEY
    : process.env.STILLWATER_PASSPHRASE;
  if (given !== undefined) return given;
  return readHidden(useRecoveryKey ? 'Recovery key: ' : 'Passphrase: ');
}

// --- The output folder ---------------------------------------------------------------------------

/** Refuses an OUTDIR that holds anything, before any key is asked for. */
function checkOutDir(outDir) {
  let info;
  try {
    info = lstatSync(outDir);
  } catch (error) {
    if (error?.code === 'ENOENT') return;
    throw new Refusal(`${outDir} could not be checked (${error?.code ?? 'unknown error'}).`, 2);
  }
  if (!info.isDirectory()) throw new Refusal(`${outDir} is there already and is not a folder.`, 2);
  if (readdirSync(outDir).length > 0) {
    throw new Refusal(`${outDir} is not empty: name a new folder, or an empty one.`, 2);
  }
}

/** Makes a folder's new entries, or a rename into it, survive a power cut. */
function syncFolder(folder) {
  // Windows cannot open a folder to flush it; NTFS journals a folder's entries itself.
  if (process.platform === 'win32') return;
  const fd = openSync(folder, constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes all of `text`: a write that meets a full disk or a size limit can write part of
 * what it was given and return as if all was well, and only the next write fails.
 */
function writeAll(fd, text) {
  const bytes = Buffer.from(text, 'utf8');
  for (let written = 0; written < bytes.length;) {
    written += writeSync(fd, bytes, written, bytes.length - written);
  }
}

/**
 * A new file, readable by this user only, from text or from pieces of text (records.json is
 * written record by record: as one string it could outgrow what a string may hold), on disk
 * before it is closed.
 */
function writeFile(target, content) {
  const fd = openSync(target, 'wx', 0o600);
  try {
    for (const piece of typeof content === 'string' ? [content] : content) writeAll(fd, piece);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A new folder beside OUTDIR, named so that whoever finds it knows what it is, made by this
 * call alone (mkdir fails on anything already there, a link included), readable by this user
 * only. Its identity is kept so that it is the folder removed on failure, and nothing else.
 */
function makePartialFolder(target) {
  const folder = `${target}.partial-${randomBytes(8).toString('hex')}`;
  mkdirSync(folder, { mode: 0o700 });
  const info = lstatSync(folder, { bigint: true });
  if (!info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  chmodSync(folder, 0o700);
  return { path: folder, dev: info.dev, ino: info.ino };
}

/** Removes everything under `folder`: a link is removed as a link, never followed. */
function removeTree(folder) {
  for (const name of readdirSync(folder)) {
    const entry = path.join(folder, name);
    if (lstatSync(entry).isDirectory()) removeTree(entry);
    else unlinkSync(entry);
  }
  rmdirSync(folder);
}

/** Removes the partial folder, if it is still the very folder this run made. */
function removePartialFolder(partial) {
  let info;
  try {
    info = lstatSync(partial.path, { bigint: true });
  } catch (error) {
    if (error?.code === 'ENOENT') return;
    throw error;
  }
  if (!info.isDirectory() || info.dev !== partial.dev || info.ino !== partial.ino) {
    throw Object.assign(new Error('not the folder made'), { code: 'EEXIST' });
  }
  removeTree(partial.path);
}

/** Removes the empty parent folders this run made for OUTDIR, deepest first; never a full one. */
function removeMadeParents(parent, firstMade) {
  if (firstMade === undefined) return;
  for (let folder = parent; ; folder = path.dirname(folder)) {
    rmdirSync(folder);
    if (folder === firstMade || path.dirname(folder) === folder) return;
  }
}

/**
 * Writes each file into a new folder beside OUTDIR, and renames that folder to OUTDIR only
 * once every file is written and on disk: a failure part-way (a full disk, a quota) leaves
 * no half-written plaintext anywhere, as the folder is removed again. A run killed outright
 * can leave that folder; its name says what it is.
 */
function writeOutput(outDir, files) {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  let firstMade;
  let partial;
  try {
    firstMade = mkdirSync(parent, { recursive: true, mode: 0o700 });
    partial = makePartialFolder(target);
    const folders = new Set([partial.path]);
    for (const [name, content] of files) {
      const file = path.join(partial.path, name);
      if (!folders.has(path.dirname(file))) {
        mkdirSync(path.dirname(file), { mode: 0o700 });
        folders.add(path.dirname(file));
      }
      writeFile(file, content);
    }
    for (const folder of folders) syncFolder(folder);
    // OUTDIR was checked to be missing or empty; rmdir takes it away only while it still is,
    // and rename does not replace a folder on every system.
    try {
      rmdirSync(target);
    } catch (error) {
      if (error?.code !== 'ENOENT') throw error;
    }
    renameSync(partial.path, target);
  } catch (error) {
    const reason = error?.code ?? 'unknown error';
    try {
      if (partial) removePartialFolder(partial);
    } catch {
      throw new Refusal(
        `Writing to ${outDir} failed (${reason}), and what was written could not be removed: ` +
          `delete ${partial.path} yourself, as anyone who can read it can read what is in it.`,
      );
    }
    try {
      removeMadeParents(parent, firstMade);
    } catch {
      // A folder this run made, which something else has since put a file in, is left be.
    }
    throw new Refusal(`Writing to ${outDir} failed (${reason}). Nothing was written.`);
  }
  try {
    syncFolder(parent);
  } catch (error) {
    throw new Refusal(
      `${outDir} was written, but making sure it stays on disk failed (${error?.code ?? 'unknown error'}).`,
    );
  }
}

// --- What the records hold, as Markdown ----------------------------------------------------------

const isText = (value) => typeof value === 'string';
const SAFE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const STEP_OF_TYPE = { message: 1, need: 3, contact: 4, 'self-care': 5, weighing: 7 };
const STEP_WORK_TITLES = {
  step: 'Reflections',
  message: 'Message',
  need: 'What he needs',
  contact: 'Contact log',
  'self-care': 'Something for me',
  weighing: 'Weighing it up',
};

/** Bodies written before versions existed have none, and read as version 1. */
const isVersionOne = (body) => isObject(body) && (body.v === undefined || body.v === 1);

/** An item's own fields, or null when its body is not a shape this script knows. */
const ITEM_SHAPES = {
  note: (b) => isText(b.sectionId) && isText(b.text),
  highlight: (b) =>
    isText(b.sectionId) &&
    isObject(b.anchor) &&
    isText(b.anchor.quote) &&
    isText(b.colour) &&
    isText(b.note),
  'journal-entry': (b) =>
    isText(b.date) &&
    DATE_PATTERN.test(b.date) &&
    isText(b.text) &&
    (b.mood === null || Number.isInteger(b.mood)) &&
    Array.isArray(b.tags) &&
    b.tags.every(isText) &&
    (b.sectionId === null || isText(b.sectionId)),
  'step-work': (b) => isObject(b.entry) && isStepWork(b.entry),
};

function isStepWork(entry) {
  switch (entry.type) {
    case 'step':
      return (
        Number.isInteger(entry.step) &&
        (entry.status === null || isText(entry.status)) &&
        isObject(entry.answers) &&
        Object.values(entry.answers).every(isText)
      );
    case 'message':
      return isText(entry.text) && (entry.waitUntil === null || isText(entry.waitUntil));
    case 'need':
      return isText(entry.text) && (entry.canGive === null || isText(entry.canGive));
    case 'contact':
      return isText(entry.date) && isText(entry.from) && isText(entry.note);
    case 'self-care':
      return isText(entry.text) && (entry.doneOn === null || isText(entry.doneOn));
    case 'weighing':
      return isText(entry.costs) && isText(entry.gives);
    default:
      return false;
  }
}

function asItem(kind, id, created, updated, fields) {
  if (!Object.hasOwn(ITEM_SHAPES, kind) || !isObject(fields) || !ITEM_SHAPES[kind](fields)) {
    return null;
  }
  return { ...fields, kind, id, created, updated };
}

const when = (timestamp) => `${timestamp.slice(0, 10)} ${timestamp.slice(11, 16)} UTC`;
const quoted = (text) =>
  text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
/** A section id or date as a file name, or the record's id if it cannot safely be one. */
const fileName = (wanted, id) => (SAFE_NAME.test(wanted) ? wanted : id);
const startOf = (highlight) =>
  Number.isFinite(highlight.anchor.start) ? highlight.anchor.start : 0;
const byCreated = (a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id);

function noteMarkdown(note) {
  return `# ${note.sectionId}\n\n_Note, last changed ${when(note.updated)}._\n\n${note.text}\n`;
}

function highlightMarkdown(highlight) {
  const lines = [quoted(highlight.anchor.quote), '', `- Colour: ${highlight.colour}`];
  lines.push(`- Made ${when(highlight.created)}`);
  if (highlight.note !== '') lines.push('', highlight.note);
  return lines.join('\n');
}

function journalMarkdown(entry) {
  const lines = [`## ${when(entry.created)}`, ''];
  if (entry.mood !== null) lines.push(`- Mood: ${entry.mood} of 5`);
  if (entry.tags.length > 0) lines.push(`- Tags: ${entry.tags.join(', ')}`);
  if (entry.sectionId !== null) lines.push(`- Section: ${entry.sectionId}`);
  if (lines.length > 2) lines.push('');
  lines.push(entry.text);
  return lines.join('\n');
}

function stepWorkMarkdown({ entry, created }) {
  const lines = [`### ${STEP_WORK_TITLES[entry.type]}`, '', `_Written ${when(created)}._`, ''];
  switch (entry.type) {
    case 'step':
      if (entry.status !== null) lines.push(`Status: ${entry.status}`, '');
      for (const [prompt, answer] of Object.entries(entry.answers)) {
        lines.push(`#### ${prompt}`, '', answer, '');
      }
      break;
    case 'message':
      lines.push(entry.text, '');
      if (entry.waitUntil !== null) lines.push(`- Waits until ${entry.waitUntil}`, '');
      break;
    case 'need':
      lines.push(entry.text, '');
      if (entry.canGive !== null) lines.push(`- Can I give it: ${entry.canGive}`, '');
      break;
    case 'contact':
      lines.push(`- ${entry.date}, from ${entry.from}`, '', entry.note, '');
      break;
    case 'self-care':
      lines.push(entry.text, '');
      if (entry.doneOn !== null) lines.push(`- Done on ${entry.doneOn}`, '');
      break;
    case 'weighing':
      lines.push('#### What staying costs', '', entry.costs, '');
      lines.push('#### What it gives', '', entry.gives, '');
      break;
  }
  return lines.join('\n').trimEnd();
}

const stepOf = (entry) => (entry.type === 'step' ? entry.step : STEP_OF_TYPE[entry.type]);

function itemMarkdown(item) {
  switch (item.kind) {
    case 'note':
      return noteMarkdown(item);
    case 'highlight':
      return `# Highlight in ${item.sectionId}\n\n${highlightMarkdown(item)}\n`;
    case 'journal-entry':
      return `# Journal, ${item.date}\n\n${journalMarkdown(item)}\n`;
    default:
      return `# Step ${stepOf(item.entry)}\n\n${stepWorkMarkdown(item)}\n`;
  }
}

/** JSON.stringify(records, null, 2), in pieces of one record each. */
function* recordsJson(records) {
  if (records.length === 0) {
    yield '[]\n';
    return;
  }
  yield '[\n';
  for (const [index, record] of records.entries()) {
    const separator = index < records.length - 1 ? ',' : '';
    yield `  ${JSON.stringify(record, null, 2).replaceAll('\n', '\n  ')}${separator}\n`;
  }
  yield ']\n';
}

/** The files to write, by name relative to OUTDIR, and counts for the closing line. */
function renderAll(records) {
  const files = new Map();
  const notes = [];
  const highlights = [];
  const journal = [];
  const steps = [];
  const trashed = [];
  let recordsOnly = 0;
  for (const { kind, id, created, updated, body } of records) {
    if (kind === 'trash' && isVersionOne(body) && isObject(body.item) && isText(body.trashedAt)) {
      const { kind: itemKind, created: itemCreated, updated: itemUpdated, ...fields } = body.item;
      const item = asItem(itemKind, id, String(itemCreated), String(itemUpdated), fields);
      if (item) {
        trashed.push({ item, trashedAt: body.trashedAt });
        continue;
      }
    }
    const item = isVersionOne(body) ? asItem(kind, id, created, updated, body) : null;
    if (item?.kind === 'note') notes.push(item);
    else if (item?.kind === 'highlight') highlights.push(item);
    else if (item?.kind === 'journal-entry') journal.push(item);
    else if (item?.kind === 'step-work') steps.push(item);
    else recordsOnly += 1;
  }

  const unique = (name, id) => (files.has(name) ? name.replace(/\.md$/, `-${id}.md`) : name);
  for (const note of notes.sort(byCreated)) {
    files.set(unique(`notes/${fileName(note.sectionId, note.id)}.md`, note.id), noteMarkdown(note));
  }
  if (highlights.length > 0) {
    const sections = new Map();
    for (const highlight of highlights.sort(byCreated)) {
      const list = sections.get(highlight.sectionId) ?? [];
      list.push(highlight);
      sections.set(highlight.sectionId, list);
    }
    const parts = ['# Highlights'];
    for (const [sectionId, list] of [...sections].sort(([a], [b]) => a.localeCompare(b))) {
      list.sort((a, b) => startOf(a) - startOf(b));
      parts.push(`## ${sectionId}`, ...list.map(highlightMarkdown));
    }
    files.set('highlights.md', `${parts.join('\n\n')}\n`);
  }
  const days = new Map();
  for (const entry of journal.sort(byCreated))
    days.set(entry.date, [...(days.get(entry.date) ?? []), entry]);
  for (const [date, entries] of days) {
    const parts = [`# Journal, ${date}`, ...entries.map(journalMarkdown)];
    files.set(`journal/${date}.md`, `${parts.join('\n\n')}\n`);
  }
  if (steps.length > 0) {
    const parts = ['# Steps'];
    const ordered = steps.sort(
      (a, b) =>
        stepOf(a.entry) - stepOf(b.entry) ||
        Object.keys(STEP_WORK_TITLES).indexOf(a.entry.type) -
          Object.keys(STEP_WORK_TITLES).indexOf(b.entry.type) ||
        byCreated(a, b),
    );
    let step = null;
    for (const item of ordered) {
      if (stepOf(item.entry) !== step) {
        step = stepOf(item.entry);
        parts.push(`## Step ${step}`);
      }
      parts.push(stepWorkMarkdown(item));
    }
    files.set('steps.md', `${parts.join('\n\n')}\n`);
  }
  for (const { item, trashedAt } of trashed.sort((a, b) => byCreated(a.item, b.item))) {
    // The item's own page, one level down, under a line saying where it is.
    const page = itemMarkdown(item).replace(/^# /, '## ');
    files.set(`trash/${item.id}.md`, `# In the trash since ${when(trashedAt)}\n\n${page}`);
  }
  files.set('records.json', recordsJson(records));
  return {
    files,
    counts: {
      notes: notes.length,
      highlights: highlights.length,
      journal: journal.length,
      steps: steps.length,
      trash: trashed.length,
      recordsOnly,
    },
  };
}

// --- The command ---------------------------------------------------------------------------------

function parseArguments(args) {
  const positional = [];
  let useRecoveryKey = false;
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--recovery-key') useRecoveryKey = true;
    else if (arg === '--') continue;
    else if (arg.startsWith('-') && arg !== '-') {
      throw new Refusal(`Unknown option ${arg}; see --help.`, 2);
    } else positional.push(arg);
  }
  if (positional.length !== 2)
    throw new Refusal('Name a backup FILE and an OUTDIR; see --help.', 2);
  const [file, outDir] = positional;
  return { help: false, useRecoveryKey, file, outDir };
}

async function main(args) {
  const options = parseArguments(args);
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  const { file, outDir, useRecoveryKey } = options;
  checkOutDir(outDir);
  // The whole layout is checked before any key is asked for or derived.
  const backup = parseBackup(readBackupFile(file));
  const header = parseHeader(backup.header);
  const typed = await askForKey(useRecoveryKey);
  let dataKey;
  if (useRecoveryKey) {
    const recoveryKey = parseRecoveryKey(typed);
    if (!recoveryKey) throw recoveryKeyTypo();
    dataKey = dataKeyFromRecoveryKey(header, recoveryKey);
    recoveryKey.fill(0);
  } else {
    dataKey = await dataKeyFromPassphrase(header, typed);
  }
  const records = openAll(backup, header, dataKey);
  const { files, counts } = renderAll(records);
  checkOutDir(outDir);
  writeOutput(outDir, files);
  const lines = [
    `Wrote ${records.length} records to ${outDir}: ${counts.notes} notes, ${counts.highlights} highlights, ` +
      `${counts.journal} journal entries, ${counts.steps} step entries, ${counts.trash} in the trash; ` +
      `${counts.recordsOnly} others are in records.json only.`,
  ];
  if (backup.info.leftOut > 0) {
    lines.push(
      `${backup.info.leftOut} records could not be read when this backup was made, and are not in it.`,
    );
  }
  lines.push(`${outDir} is not protected: anyone who can read it can read everything in it.`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof Refusal) {
    process.stderr.write(`decrypt-backup: ${error.message}\n`);
    process.exitCode = error.exitCode;
    return;
  }
  // An unexpected error's message could quote what it was reading: only its name is shown.
  process.stderr.write(
    `decrypt-backup: something unexpected went wrong (${error?.code ?? error?.name ?? 'unknown'}). Nothing was written.\n`,
  );
  process.exitCode = 1;
});
