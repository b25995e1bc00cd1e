import { describe, expect, it } from 'vitest';
import { REFUSED_SWITCHES, refusedSwitch } from './command-line';

describe('the switches a packaged Stillwater refuses to start with', () => {
  it('names remote debugging and the inspector, and lets everything else through', () => {
    for (const name of REFUSED_SWITCHES) {
      expect(refusedSwitch((asked) => asked === name)).toBe(name);
    }
    expect(refusedSwitch((asked) => asked === 'lang' || asked === 'no-sandbox-x')).toBeNull();
    expect(refusedSwitch(() => false)).toBeNull();
  });
});
