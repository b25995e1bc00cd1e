/**
 * The electron-builder configuration, checked offline as electron-builder itself checks it
 * before every build: loaded from electron-builder.config.ts the way its command line loads
 * it, then validated against the JSON schema of the electron-builder version installed here.
 */
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { BUILDER_CONFIG, PROJECT_ROOT } from '../support/packaging';

const loadConfig = () => getConfig(PROJECT_ROOT, BUILDER_CONFIG, null);
const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false));

describe('the electron-builder configuration', () => {
  it("validates against electron-builder's schema", async () => {
    const config = await loadConfig();
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is really checked: a misspelt option or a wrong type is refused', async () => {
    const config = await loadConfig();
    const misspelt = { ...config, electronFusez: config.electronFuses } as Configuration;
    await expect(validate(misspelt)).rejects.toThrow(/Invalid configuration object/);
    const wrongType = {
      ...config,
      electronFuses: { ...config.electronFuses, runAsNode: 'maybe' },
    } as unknown as Configuration;
    await expect(validate(wrongType)).rejects.toThrow(/runAsNode/);
  });

  it('builds the installers the issue asks for on each system, under a neutral name', async () => {
    const config = await loadConfig();
    expect(config.productName).toBe('Stillwater');
    expect(config.appId).toBe('app.stillwater');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
  });
});
