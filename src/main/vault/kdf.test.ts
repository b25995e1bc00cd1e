import { describe, expect, it } from 'vitest';
import {
  KDF_NEW_VAULT_MINIMUM,
  calibrateKdf,
  calibrateKdfWithTimings,
  kdfParamsAreSafe,
  type KdfParams,
} from './kdf';

/**
 * A machine on which each KDF run takes the next time its script gives for that memory
 * (MiB), on its own clock; the last time repeats. The runs are stand-ins: the calibration's
 * choices depend only on what the clock says, and real Argon2 runs with up to 512 MiB would
 * cost seconds for nothing, many more on a busy machine.
 */
function scriptedMachine(script: (memoryMiB: number) => number[]) {
  let now = 0;
  const runs: KdfParams[] = [];
  return {
    runs,
    time: () => now,
    derive: async (_passphrase: string, params: KdfParams) => {
      const times = script(params.memoryKiB / 1024);
      const done = runs.filter((run) => run.memoryKiB === params.memoryKiB).length;
      runs.push(params);
      now += times[Math.min(done, times.length - 1)] ?? 0;
    },
  };
}

/** A machine where a run at 64 MiB takes `ms`, and twice the memory twice the time. */
const steady = (ms: number) => scriptedMachine((mib) => [(ms * mib) / 64]);

describe('calibrateKdf', () => {
  it('never goes below 64 MiB and three iterations, however slow the machine', async () => {
    const machine = steady(10_000);
    const settings = await calibrateKdf(500, machine.time, machine.derive);
    expect(settings).toEqual(KDF_NEW_VAULT_MINIMUM);
    // Past its time budget after one run, it times no more.
    expect(machine.runs).toHaveLength(1);
  });

  it('spends the time on memory first, then on iterations, within the ceiling', async () => {
    const machine = scriptedMachine(() => [100]);
    const { settings, timings } = await calibrateKdfWithTimings(500, machine.time, machine.derive);
    expect(settings.memoryKiB).toBe(256 * 1024);
    expect(settings.iterations).toBe(10);
    expect(kdfParamsAreSafe(settings)).toBe(true);
    // Two runs that agree at the minimum, then two at the chosen memory before the iterations.
    expect(machine.runs.map((run) => run.memoryKiB / 1024)).toEqual([64, 64, 256, 256]);
    expect(timings).toEqual([100, 100]);
  });

  it('is decided by the fastest run: one slow outlier changes nothing', async () => {
    const quiet = steady(60);
    const expected = await calibrateKdf(500, quiet.time, quiet.derive);
    expect(expected).toEqual({ memoryKiB: 512 * 1024, iterations: 3, parallelism: 4 });

    // Another program woke up during the first run at each memory.
    const busy = scriptedMachine((mib) => [(60 * mib) / 64 + 700, (60 * mib) / 64]);
    const { settings, timings } = await calibrateKdfWithTimings(500, busy.time, busy.derive);
    expect(settings).toEqual(expected);
    expect(timings).toEqual([1_180, 480, 480]);
  });

  it('keeps timing while the runs disagree, up to five, and the fastest decides', async () => {
    const machine = scriptedMachine((mib) => (mib === 64 ? [120] : [400, 300, 350, 260, 330, 200]));
    const { settings, timings } = await calibrateKdfWithTimings(500, machine.time, machine.derive);
    expect(timings).toEqual([400, 300, 350, 260, 330]);
    // 260 ms for three iterations at 256 MiB: six fill half a second.
    expect(settings).toEqual({ memoryKiB: 256 * 1024, iterations: 6, parallelism: 4 });
  });

  it('stops timing once it has spent six times the target, so a busy machine is not held up', async () => {
    const machine = scriptedMachine((mib) => (mib === 64 ? [200] : [1_500, 1_200, 400]));
    const { timings } = await calibrateKdfWithTimings(500, machine.time, machine.derive);
    // 200 + 200 ms at 64 MiB, then 1,500 + 1,200 at 128 MiB: 3.1 s spent, so no third run.
    expect(machine.runs.map((run) => run.memoryKiB / 1024)).toEqual([64, 64, 128, 128]);
    expect(timings).toEqual([1_500, 1_200]);
  });
});
