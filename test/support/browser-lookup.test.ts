import { describe, expect, it } from 'vitest';
import { findBrowser, missingBrowserAdvice, type LookupPlace } from './browser-lookup';

function place(overrides: Partial<LookupPlace> & { files?: string[] }): LookupPlace {
  const files = new Set(overrides.files ?? []);
  return {
    platform: 'linux',
    env: {},
    home: '/home/reader',
    isExecutable: (file) => files.has(file),
    electronBinary: () => undefined,
    ...overrides,
  };
}

const WINDOWS_ENV = {
  PROGRAMFILES: 'C:\\Program Files',
  'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
  LOCALAPPDATA: 'C:\\Users\\reader\\AppData\\Local',
};

describe('finding a browser for the end-to-end tests', () => {
  it.each([
    ['Debian’s Chromium', '/usr/lib/chromium/chromium', 'Chromium'],
    ['Ubuntu’s snap', '/snap/bin/chromium', 'Chromium'],
    ['Google Chrome', '/opt/google/chrome/chrome', 'Google Chrome'],
    ['Microsoft Edge', '/opt/microsoft/msedge/msedge', 'Microsoft Edge'],
  ])('finds %s on Linux', (_label, file, name) => {
    expect(findBrowser(place({ files: [file] }))).toEqual({ kind: 'chromium', name, path: file });
  });

  it('prefers an installed browser to a snap, whose private /tmp hides profile folders', () => {
    const found = findBrowser(place({ files: ['/snap/bin/chromium', '/usr/bin/google-chrome'] }));
    expect(found.path).toBe('/usr/bin/google-chrome');
  });

  it('prefers the real Debian binary to its shell wrapper', () => {
    const found = findBrowser(
      place({ files: ['/usr/bin/chromium', '/usr/lib/chromium/chromium'] }),
    );
    expect(found.path).toBe('/usr/lib/chromium/chromium');
  });

  it.each([
    ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'Google Chrome'],
    ['/Applications/Chromium.app/Contents/MacOS/Chromium', 'Chromium'],
    ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', 'Microsoft Edge'],
    ['/home/reader/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'Google Chrome'],
  ])('finds %s on macOS', (file, name) => {
    expect(findBrowser(place({ platform: 'darwin', files: [file] }))).toEqual({
      kind: 'chromium',
      name,
      path: file,
    });
  });

  it.each([
    ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'Google Chrome'],
    ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'Microsoft Edge'],
    ['C:\\Users\\reader\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe', 'Google Chrome'],
    ['C:\\Users\\reader\\AppData\\Local\\Chromium\\Application\\chrome.exe', 'Chromium'],
  ])('finds %s on Windows', (file, name) => {
    expect(findBrowser(place({ platform: 'win32', env: WINDOWS_ENV, files: [file] }))).toEqual({
      kind: 'chromium',
      name,
      path: file,
    });
  });

  it('does not look for Windows paths on a Mac, or the other way round', () => {
    const windowsChrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(() =>
      findBrowser(place({ platform: 'darwin', env: WINDOWS_ENV, files: [windowsChrome] })),
    ).toThrow(/none was found/);
    const macChrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(() =>
      findBrowser(place({ platform: 'win32', env: WINDOWS_ENV, files: [macChrome] })),
    ).toThrow(/none was found/);
  });

  it('uses CHROMIUM_PATH before anything else, and says so when it points nowhere', () => {
    const chosen = '/opt/custom/chrome';
    expect(
      findBrowser(
        place({ env: { CHROMIUM_PATH: chosen }, files: [chosen, '/usr/lib/chromium/chromium'] }),
      ),
    ).toEqual({ kind: 'chromium', name: 'CHROMIUM_PATH', path: chosen });
    expect(() =>
      findBrowser(place({ env: { CHROMIUM_PATH: chosen }, files: ['/usr/lib/chromium/chromium'] })),
    ).toThrow(
      'CHROMIUM_PATH is set to /opt/custom/chrome, but that is not a program this user can run.',
    );
    expect(() =>
      findBrowser(
        place({ platform: 'darwin', env: { CHROMIUM_PATH: '/Applications/Chromium.app' } }),
      ),
    ).toThrow(/the file inside the \.app, in Contents\/MacOS/);
  });

  it('falls back to the Electron binary when no browser is installed', () => {
    const electron = '/project/node_modules/electron/dist/electron';
    expect(findBrowser(place({ electronBinary: () => electron }))).toEqual({
      kind: 'electron',
      name: 'Electron',
      path: electron,
    });
    expect(
      findBrowser(place({ files: ['/usr/bin/chromium'], electronBinary: () => electron })).kind,
    ).toBe('chromium');
  });

  it.each([
    ['linux', /Debian: sudo apt-get install chromium; Ubuntu: sudo snap install chromium/],
    ['darwin', /into \/Applications/],
    ['win32', /Microsoft Edge \(it comes with Windows 10 and 11\)/],
  ] as const)('says exactly what to install on %s when nothing is there', (platform, advice) => {
    const message = missingBrowserAdvice(platform);
    expect(message).toMatch(advice);
    expect(message).toMatch(/npm start once/);
    expect(message).toMatch(/CHROMIUM_PATH/);
    expect(() => findBrowser(place({ platform, env: WINDOWS_ENV }))).toThrow(message);
  });
});
