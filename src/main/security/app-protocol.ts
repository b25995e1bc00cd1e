import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The app serves its UI from app://stillwater/ rather than file://, so the page has a real
 * origin, a CSP header, and no way to read the rest of the disk through relative URLs.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'stillwater';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppPathResolution =
  { ok: true; filePath: string } | { ok: false; status: 400 | 403 | 404; reason: string };

const refuse = (status: 400 | 403 | 404, reason: string): AppPathResolution => ({
  ok: false,
  status,
  reason,
});

/**
 * Maps an app:// URL to a file inside `root`, or says why it will not. Every segment is
 * decoded and checked on its own, so encoded separators and dot segments cannot climb out,
 * and the real path is checked last, so a symlink inside the folder cannot point outside it.
 */
export async function resolveAppPath(root: string, requestUrl: string): Promise<AppPathResolution> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400, 'not a URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return refuse(403, 'not the app origin');
  }
  const rawSegments = url.pathname.split('/').slice(1);
  if (rawSegments.slice(0, -1).some((segment) => segment === '')) {
    return refuse(400, 'empty path segment');
  }
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refuse(400, 'malformed escape');
    }
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) {
      return refuse(403, 'path segment leaves the app folder');
    }
    segments.push(segment);
  }
  if (segments.length === 0 || segments.at(-1) === '') {
    segments.splice(-1, 1, 'index.html');
  }

  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await realpath(root);
    realFile = await realpath(path.join(realRoot, ...segments));
  } catch {
    return refuse(404, 'not found');
  }
  if (!realFile.startsWith(realRoot + path.sep)) {
    return refuse(403, 'resolves outside the app folder');
  }
  const info = await stat(realFile);
  return info.isFile() ? { ok: true, filePath: realFile } : refuse(404, 'not a file');
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** A fetch-style handler, as Electron's protocol.handle expects. */
export function createAppProtocolHandler(root: string) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: SECURITY_HEADERS });
    }
    const resolution = await resolveAppPath(root, request.url);
    if (!resolution.ok) {
      return new Response(null, { status: resolution.status, headers: SECURITY_HEADERS });
    }
    const type = CONTENT_TYPES[path.extname(resolution.filePath)] ?? 'application/octet-stream';
    const body = request.method === 'HEAD' ? null : await readFile(resolution.filePath);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': type },
    });
  };
}
