/**
 * An electron-builder `afterPack` hook for the packaging tests: it writes the desktop entries
 * electron-builder would put in the deb and in the AppImage, computed by electron-builder's
 * own code from Stillwater's configuration, into the folder named by
 * STILLWATER_DESKTOP_ENTRIES. Building the deb and the AppImage themselves needs tools from
 * the network; their menu entries do not. Plain JavaScript, since electron-builder imports
 * hooks as they are.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import builderRuntime from 'builder-util-runtime';
import appImageTargetModule from 'app-builder-lib/out/targets/appimage/AppImageTarget.js';
import linuxTargetHelperModule from 'app-builder-lib/out/targets/LinuxTargetHelper.js';

const { deepAssign } = builderRuntime;
const AppImageTarget = appImageTargetModule.default;
const { LinuxTargetHelper } = linuxTargetHelperModule;

export default async function writeDesktopEntries(context) {
  const folder = process.env['STILLWATER_DESKTOP_ENTRIES'];
  if (!folder || context.electronPlatformName !== 'linux') return;
  const packager = context.packager;
  const helper = new LinuxTargetHelper(packager);
  // The deb's options, merged as electron-builder's FpmTarget merges them.
  const debOptions = deepAssign({}, packager.platformSpecificBuildOptions, packager.config.deb);
  writeFileSync(path.join(folder, 'deb.desktop'), await helper.computeDesktopEntry(debOptions));
  const appImage = new AppImageTarget(null, packager, helper, context.outDir);
  writeFileSync(path.join(folder, 'AppImage.desktop'), await appImage.desktopEntry.value);
}
