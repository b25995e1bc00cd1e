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

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface ReleaseMirror {
  /** Ends in a slash, as ELECTRON_MIRROR expects. */
  url: string;
  /** Every path asked for, in order. */
  requested: string[];
  close(): Promise<void>;
}

/**
 * Serves one stand-in release from 127.0.0.1 in the layout @electron/get asks a mirror
 * for, `v<version>/electron-v<version>-<platform>-<arch>.zip`, for any architecture: the
 * installer may ask for arm64 on an x64 Node under Rosetta.
 */
export async function serveRelease(options: {
  version: string;
  platform: NodeJS.Platform;
  zip: Uint8Array;
}): Promise<ReleaseMirror> {
  const zipPath = new RegExp(
    `^/v${options.version.replace(/\./g, '\\.')}/electron-v${options.version.replace(/\./g, '\\.')}-${options.platform}-[a-z0-9]+\\.zip$`,
  );
  const requested: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requested.push(path);
    const body = zipPath.test(path) ? options.zip : undefined;
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

/** An address on 127.0.0.1 where nothing listens: a download from it fails at once. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
