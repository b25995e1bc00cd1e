import { describe, expect, it } from 'vitest';
import { KDF_NEW_VAULT_MINIMUM, calibrateKdf, kdfParamsAreSafe, type KdfParams } from './kdf';

/**
 * A machine on which every KDF run takes `runMs` of its clock. The runs are stand-ins: the
 * calibration's choices depend only on what the clock says, and real Argon2 runs with up to
 * 256 MiB would cost seconds for nothing, many more on a busy machine.
 */
function machineWhereEachRunTakes(runMs: number) {
  let now = 0;
  const runs: KdfParams[] = [];
  return {
    runs,
    time: () => now,
    derive: async (_passphrase: string, params: KdfParams) => {
      runs.push(params);
      now += runMs;
    },
  };
}

describe('calibrateKdf', () => {
  it('never goes below 64 MiB and three iterations, however slow the machine', async () => {
    const machine = machineWhereEachRunTakes(10_000);
    const settings = await calibrateKdf(500, machine.time, machine.derive);
    expect(settings).toEqual(KDF_NEW_VAULT_MINIMUM);
    expect(machine.runs).toHaveLength(1);
  });

  it('spends the time on memory first, then on iterations, within the ceiling', async () => {
    const machine = machineWhereEachRunTakes(100);
    const settings = await calibrateKdf(500, machine.time, machine.derive);
    expect(settings.memoryKiB).toBe(256 * 1024);
    expect(settings.iterations).toBe(10);
    expect(kdfParamsAreSafe(settings)).toBe(true);
    // One run at the minimum, then the chosen memory timed once before the iterations.
    expect(machine.runs.map((run) => run.memoryKiB)).toEqual([64 * 1024, 256 * 1024]);
  });
});
