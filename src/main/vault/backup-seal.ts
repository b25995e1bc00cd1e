import { createHmac, hkdfSync, type Hmac } from 'node:crypto';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { KEY_BYTES } from './aead';

/**
 * The seal of a backup (docs/backup-format.md): an HMAC-SHA-256 under a key derived from the
 * data key for this purpose alone, so the data key itself is never used for two things.
 * The derived key is zeroed as soon as the HMAC holds it.
 */
export function backupSealer(dataKey: Buffer, vaultId: string): Hmac {
  const sealKey = Buffer.from(
    hkdfSync('sha256', dataKey, Buffer.from(vaultId, 'hex'), 'SWBK1:seal', KEY_BYTES),
  );
  const mac = createHmac('sha256', sealKey);
  sealKey.fill(0);
  return mac;
}

/** A backup may be up to 1 GiB: hashing it slice by slice lets other work run in between. */
const SLICE_BYTES = 4 * 1024 * 1024;

export async function digestInSlices(mac: Hmac, bytes: Buffer): Promise<Buffer> {
  for (let start = 0; start < bytes.length; start += SLICE_BYTES) {
    if (start > 0) await yieldToEvents();
    mac.update(bytes.subarray(start, start + SLICE_BYTES));
  }
  return mac.digest();
}
