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

/** Timings at one memory: at most this many. */
const MAX_TIMINGS = 5;
/** Two timings this close (as a fraction of the faster) are taken as the machine's speed. */
const SETTLED_SPREAD = 0.1;
/** No further timing starts once calibration has spent this many times the target. */
const CALIBRATION_BUDGET = 6;

export type KdfSettingsChoice = Omit<KdfParams, 'salt' | 'algorithm'>;

export interface KdfCalibration {
  settings: KdfSettingsChoice;
  /** Every timing at the chosen memory (ms, with KDF_NEW_VAULT_MINIMUM's iterations), in order. */
  timings: number[];
}

/**
 * The strongest settings that take about `targetMs` here. A busy machine only ever makes a
 * run slower, so each memory is timed several times and the FASTEST run decides: memory
 * doubles from the minimum until the fastest run there would take at least half the target,
 * then iterations fill the rest, from the fastest run at the chosen memory.
 *
 * Timings stop at a memory once the two fastest agree within 10%, after 5, or once the
 * calibration has spent 6 × `targetMs`; only the chosen memory's first run starts later.
 * So it takes at most 10 runs, and ends within 6 × `targetMs` plus two runs (about 4 s at
 * the default half second); on a quiet machine usually 4 runs, about 2 × `targetMs`.
 */
export async function calibrateKdfWithTimings(
  targetMs = 500,
  time: () => number = () => performance.now(),
  // Tests time a stand-in on a fake clock, rather than spend real seconds in Argon2.
  derive: (passphrase: string, params: KdfParams) => Promise<unknown> = deriveKey,
): Promise<KdfCalibration> {
  const salt = Buffer.alloc(SALT_BYTES).toString('base64');
  const iterations = KDF_NEW_VAULT_MINIMUM.iterations;
  const started = time();
  const measure = async (memoryKiB: number) => {
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
  const timingsAt = async (memoryKiB: number) => {
    const timings = [await measure(memoryKiB)];
    while (
      timings.length < MAX_TIMINGS &&
      !settled(timings) &&
      time() - started < CALIBRATION_BUDGET * targetMs
    ) {
      timings.push(await measure(memoryKiB));
    }
    return timings;
  };
  let memoryKiB = KDF_NEW_VAULT_MINIMUM.memoryKiB;
  let timings = await timingsAt(memoryKiB);
  let elapsed = Math.min(...timings);
  while (elapsed * 2 <= targetMs && memoryKiB * 2 <= KDF_CEILING.memoryKiB) {
    memoryKiB *= 2;
    elapsed *= 2;
  }
  // Doubling is only an estimate: the chosen memory is timed for real before the iterations.
  if (memoryKiB !== KDF_NEW_VAULT_MINIMUM.memoryKiB) {
    timings = await timingsAt(memoryKiB);
    elapsed = Math.min(...timings);
  }
  const perIteration = elapsed / iterations;
  return {
    settings: {
      memoryKiB,
      iterations: Math.min(
        KDF_CEILING.iterations,
        Math.max(iterations, Math.round(targetMs / Math.max(perIteration, 1))),
      ),
      parallelism: KDF_NEW_VAULT_MINIMUM.parallelism,
    },
    timings,
  };
}

/** Whether the two fastest timings agree closely enough to stop timing. */
function settled(timings: readonly number[]): boolean {
  const [fastest, next] = [...timings].sort((a, b) => a - b);
  if (fastest === undefined || next === undefined) return false;
  return next - fastest <= SETTLED_SPREAD * Math.max(fastest, 1);
}

/** The settings of calibrateKdfWithTimings(), for a new vault. */
export async function calibrateKdf(
  ...args: Parameters<typeof calibrateKdfWithTimings>
): Promise<KdfSettingsChoice> {
  return (await calibrateKdfWithTimings(...args)).settings;
}
