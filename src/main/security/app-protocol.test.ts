import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/support/temp-dir';
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler, resolveAppPath } from './app-protocol';

const makeDir = tempDirs();
let root: string;
let outside: string;

beforeEach(() => {
  const base = makeDir();
  root = path.join(base, 'renderer');
  outside = path.join(base, 'private');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(outside, 'secret.txt'), 'not for the page');
  symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  symlinkSync(outside, path.join(root, 'escape'));
});

describe('resolveAppPath', () => {
  it('serves files inside the renderer folder', async () => {
    await expect(resolveAppPath(root, 'app://stillwater/assets/app.js')).resolves.toEqual({
      ok: true,
      filePath: path.join(root, 'assets', 'app.js'),
    });
  });

  it('serves index.html for the bare origin', async () => {
    const resolution = await resolveAppPath(root, 'app://stillwater/');
    expect(resolution).toMatchObject({ ok: true, filePath: path.join(root, 'index.html') });
  });

  it.each([
    ['a parent segment', 'app://stillwater/assets/..%2F..%2Fprivate/secret.txt', 403],
    ['an encoded parent segment', 'app://stillwater/%2e%2e%2fprivate%2fsecret.txt', 403],
    ['an encoded backslash', 'app://stillwater/..%5Cprivate%5Csecret.txt', 403],
    ['a doubly encoded parent', 'app://stillwater/%252e%252e/private/secret.txt', 404],
    ['an absolute path', 'app://stillwater//etc/passwd', 400],
    ['an encoded absolute path', 'app://stillwater/%2Fetc%2Fpasswd', 403],
    ['a drive letter', 'app://stillwater/C:%5CWindows%5Cwin.ini', 403],
    ['a NUL byte', 'app://stillwater/index.html%00.js', 403],
    ['a malformed escape', 'app://stillwater/%E0%A4%A', 400],
    ['a symlink to a file outside', 'app://stillwater/assets/link.txt', 403],
    ['a symlinked folder outside', 'app://stillwater/escape/secret.txt', 403],
    ['another host', 'app://elsewhere/index.html', 403],
    ['another scheme', 'file:///etc/passwd', 403],
    ['a missing file', 'app://stillwater/nothing.js', 404],
    ['a folder', 'app://stillwater/assets', 404],
  ])('refuses %s', async (_name, url, status) => {
    const resolution = await resolveAppPath(root, url);
    expect(resolution).toMatchObject({ ok: false, status });
  });

  it('keeps a literal parent segment inside the folder, since the URL parser removes it', async () => {
    const resolution = await resolveAppPath(root, 'app://stillwater/../../private/secret.txt');
    expect(resolution).toMatchObject({ ok: false, status: 404 });
  });
});

describe('createAppProtocolHandler', () => {
  it('answers with the file, its type and the security headers', async () => {
    const handle = createAppProtocolHandler(root);
    const response = await handle(new Request('app://stillwater/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    await expect(response.text()).resolves.toBe('export {};');
  });

  it('serves the bundled fonts as woff2, which the CSP lets the page load from itself only', async () => {
    writeFileSync(path.join(root, 'assets', 'literata-latin-wght-normal.woff2'), 'wOF2');
    const handle = createAppProtocolHandler(root);
    const response = await handle(
      new Request('app://stillwater/assets/literata-latin-wght-normal.woff2'),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('font/woff2');
    expect(CONTENT_SECURITY_POLICY.split('; ')).toContain("font-src 'self'");
  });

  it('never returns the content of a file outside the folder', async () => {
    const handle = createAppProtocolHandler(root);
    const response = await handle(new Request('app://stillwater/escape/secret.txt'));
    expect(response.status).toBe(403);
    await expect(response.text()).resolves.toBe('');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const handle = createAppProtocolHandler(root);
    const response = await handle(new Request('app://stillwater/index.html', { method: 'POST' }));
    expect(response.status).toBe(405);
  });

  it('has a CSP that allows only the app itself', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });
});
