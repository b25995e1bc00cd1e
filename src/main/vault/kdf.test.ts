import { describe, expect, it } from 'vitest';
import { KDF_NEW_VAULT_MINIMUM, calibrateKdf, kdfParamsAreSafe } from './kdf';

/** A clock on which every KDF run seems to take `runMs`, whatever it really takes. */
function clockWhereEachRunTakes(runMs: number) {
  let now = 0;
  let calls = 0;
  return () => {
    calls += 1;
    if (calls % 2 === 0) now += runMs;
    return now;
  };
}

describe('calibrateKdf', () => {
  it('never goes below 64 MiB and three iterations, however slow the machine', async () => {
    const settings = await calibrateKdf(500, clockWhereEachRunTakes(10_000));
    expect(settings).toEqual(KDF_NEW_VAULT_MINIMUM);
  });

  it('spends the time on memory first, then on iterations, within the ceiling', async () => {
    const settings = await calibrateKdf(500, clockWhereEachRunTakes(100));
    expect(settings.memoryKiB).toBe(256 * 1024);
    expect(settings.iterations).toBe(10);
    expect(kdfParamsAreSafe(settings)).toBe(true);
  });
});
