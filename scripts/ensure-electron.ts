/**
 * Runs before `npm start` and `npm run dev`. Electron fetches its binary on first use, but
 * electron-vite only looks for it, so on a fresh clone it would stop at "Electron uninstall".
 * This runs Electron's own installer first: it downloads the binary once (it honours
 * ELECTRON_MIRROR and the other @electron/get settings), and returns at once after that.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const installer = createRequire(import.meta.url).resolve('electron/install.js');
const result = spawnSync(process.execPath, [installer], { stdio: 'inherit' });

// Ctrl-C while downloading: the person chose to stop, so there is nothing to explain.
if (result.signal) process.exit(130);
if (result.status !== 0) {
  const command = process.env['npm_lifecycle_event'] === 'predev' ? 'npm run dev' : 'npm start';
  process.stderr.write(
    [
      '',
      'Stillwater could not fetch Electron, the runtime it opens in (the lines above say why).',
      'This is needed once, and needs an internet connection. Check the connection, then run',
      `${command} again. Behind a proxy or a mirror, see "The two commands" in README.md.`,
      '',
    ].join('\n'),
  );
  process.exit(result.status ?? 1);
}
