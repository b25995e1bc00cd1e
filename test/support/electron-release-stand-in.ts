import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipSync } from 'fflate';

/** Where electron's installer expects the executable inside a release zip, as install.js does. */
export function executableInRelease(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/**
 * A release zip shaped like Electron's own: the executable, with its mode bits, and the
 * `version` file the installer reads to tell that it is already installed.
 */
export function standInReleaseZip(options: {
  version: string;
  platform: NodeJS.Platform;
  executable: string;
}): Uint8Array {
  const unixExecutable = 0o100755 << 16;
  return zipSync({
    [executableInRelease(options.platform)]: [
      new TextEncoder().encode(options.executable),
      { os: 3, attrs: unixExecutable },
    ],
    version: new TextEncoder().encode(`v${options.version}`),
  });
}

export interface ReleaseMirror {
  /** Ends in a slash, as ELECTRON_MIRROR expects. */
  url: string;
  /** Every path asked for, in order. */
  requested: string[];
  close(): Promise<void>;
}

/**
 * Serves one release from 127.0.0.1 in the layout @electron/get asks a mirror for:
 * `v<version>/<zip>` and `v<version>/SHASUMS256.txt`.
 */
export async function serveRelease(options: {
  version: string;
  platform: NodeJS.Platform;
  arch: string;
  zip: Uint8Array;
  /** What SHASUMS256.txt gives the digest of; the zip itself unless a test wants a mismatch. */
  checksumOf?: Uint8Array;
}): Promise<ReleaseMirror> {
  const zipName = `electron-v${options.version}-${options.platform}-${options.arch}.zip`;
  const digest = createHash('sha256')
    .update(options.checksumOf ?? options.zip)
    .digest('hex');
  const files = new Map<string, Uint8Array>([
    [`/v${options.version}/${zipName}`, options.zip],
    [`/v${options.version}/SHASUMS256.txt`, new TextEncoder().encode(`${digest} *${zipName}\n`)],
  ]);
  const requested: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requested.push(path);
    const body = files.get(path);
    response.writeHead(body ? 200 : 404, { 'content-length': body?.length ?? 0 });
    response.end(body ? Buffer.from(body) : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requested,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
