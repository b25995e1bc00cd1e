import { vaultCorrupt } from './errors';

/**
 * Plaintexts are padded to a few size classes, so a file's size says little about what it
 * holds: 1 KiB, 4 KiB, 16 KiB, 64 KiB, 256 KiB, 1 MiB, then whole MiB.
 */
export const PADDING_CLASSES = [1, 4, 16, 64, 256, 1024].map((kib) => kib * 1024);

export function paddedLength(contentBytes: number): number {
  const needed = contentBytes + 4;
  const size = PADDING_CLASSES.find((candidate) => candidate >= needed);
  if (size) return size;
  const mib = 1024 * 1024;
  return Math.ceil(needed / mib) * mib;
}

/** A 4-byte length, the content, then zeros up to the size class. */
export function pad(content: Buffer): Buffer {
  const padded = Buffer.alloc(paddedLength(content.length));
  padded.writeUInt32BE(content.length, 0);
  content.copy(padded, 4);
  return padded;
}

export function unpad(padded: Buffer, recordId: string): Buffer {
  const length = padded.length >= 4 ? padded.readUInt32BE(0) : -1;
  if (length < 0 || length > padded.length - 4) {
    throw vaultCorrupt(`record ${recordId} holds unreadable data`, recordId);
  }
  return padded.subarray(4, 4 + length);
}
