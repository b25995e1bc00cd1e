/**
 * Switches that open the running app to another program: Chromium's remote debugging reads
 * and drives the page (the open notebook in it), and Node's inspector the main process. The
 * fuses turn Node's off in a packaged app; Chromium's have no fuse, so main refuses them.
 */
export const REFUSED_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'inspect',
  'inspect-brk',
  'inspect-port',
] as const;

/** The first refused switch the app was started with, or null. */
export function refusedSwitch(hasSwitch: (name: string) => boolean): string | null {
  return REFUSED_SWITCHES.find((name) => hasSwitch(name)) ?? null;
}
