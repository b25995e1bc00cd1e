import { hashRaw, type Algorithm } from '@node-rs/argon2';
import { z } from 'zod';
import { KEY_BYTES } from './aead';

/** Argon2id settings, stored in the vault header and bound into the key slot's AAD. */
export const KdfParamsSchema = z.object({
  algorithm: z.literal('argon2id'),
  memoryKiB: z.number().int(),
  iterations: z.number().int(),
  parallelism: z.number().int(),
  salt: z.string(),
});
export type KdfParams = z.infer<typeof KdfParamsSchema>;

/** Anything below is too weak to trust, anything above could exhaust the machine. */
export const KDF_FLOOR = { memoryKiB: 19 * 1024, iterations: 2 };
export const KDF_CEILING = { memoryKiB: 1024 * 1024, iterations: 10, parallelism: 16 };
/** New vaults never go below this, however slow the machine. */
export const KDF_NEW_VAULT_MINIMUM = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 };
export const SALT_BYTES = 16;

// @node-rs/argon2 declares its algorithms as a const enum, which isolated modules cannot
// read at run time; 2 is its value for Argon2id.
const ARGON2ID = 2 as Algorithm;

export function kdfParamsAreSafe(params: Omit<KdfParams, 'salt' | 'algorithm'>): boolean {
  return (
    params.memoryKiB >= KDF_FLOOR.memoryKiB &&
    params.memoryKiB <= KDF_CEILING.memoryKiB &&
    params.iterations >= KDF_FLOOR.iterations &&
    params.iterations <= KDF_CEILING.iterations &&
    params.parallelism >= 1 &&
    params.parallelism <= KDF_CEILING.parallelism
  );
}

/** The passphrase as the user meant it: "é" typed as one code point or as two is the same. */
export function normalisePassphrase(passphrase: string): Buffer {
  return Buffer.from(passphrase.normalize('NFC'), 'utf8');
}

/**
 * Runs Argon2id off the main thread (@node-rs/argon2 is async). The caller must have checked
 * the parameters with kdfParamsAreSafe first.
 */
export async function deriveKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  const derived = await hashRaw(normalisePassphrase(passphrase), {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    outputLen: KEY_BYTES,
    salt: Buffer.from(params.salt, 'base64'),
  });
  return Buffer.from(derived);
}

/**
 * The strongest settings that take about `targetMs` here: memory doubles from the minimum
 * until one run takes at least half the target, then iterations fill the rest.
 */
export async function calibrateKdf(
  targetMs = 500,
  time: () => number = () => performance.now(),
  // Tests time a stand-in on a fake clock, rather than spend real seconds in Argon2.
  derive: (passphrase: string, params: KdfParams) => Promise<unknown> = deriveKey,
): Promise<Omit<KdfParams, 'salt' | 'algorithm'>> {
  const salt = Buffer.alloc(SALT_BYTES).toString('base64');
  const measure = async (memoryKiB: number, iterations: number) => {
    const start = time();
    await derive('calibration', {
      algorithm: 'argon2id',
      memoryKiB,
      iterations,
      parallelism: KDF_NEW_VAULT_MINIMUM.parallelism,
      salt,
    });
    return time() - start;
  };
  const iterations = KDF_NEW_VAULT_MINIMUM.iterations;
  let memoryKiB = KDF_NEW_VAULT_MINIMUM.memoryKiB;
  let elapsed = await measure(memoryKiB, iterations);
  while (elapsed * 2 <= targetMs && memoryKiB * 2 <= KDF_CEILING.memoryKiB) {
    memoryKiB *= 2;
    elapsed *= 2;
  }
  // Doubling is only an estimate: time the chosen memory once for real before the iterations.
  if (memoryKiB !== KDF_NEW_VAULT_MINIMUM.memoryKiB) elapsed = await measure(memoryKiB, iterations);
  const perIteration = elapsed / iterations;
  return {
    memoryKiB,
    iterations: Math.min(
      KDF_CEILING.iterations,
      Math.max(iterations, Math.round(targetMs / Math.max(perIteration, 1))),
    ),
    parallelism: KDF_NEW_VAULT_MINIMUM.parallelism,
  };
}
