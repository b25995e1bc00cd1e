import path from 'node:path';

/**
 * Which browser the end-to-end layer drives. Playwright's own browser download is never used:
 * the test machines cannot reach it, and a newcomer should not need it. An installed Chrome,
 * Chromium or Edge serves; failing those, the Electron binary that `npm start` fetched.
 */
export interface FoundBrowser {
  kind: 'chromium' | 'electron';
  name: string;
  path: string;
}

export interface LookupPlace {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** Whether `file` is a file this user may run (a folder, such as a Mac .app, is not). */
  isExecutable(file: string): boolean;
  /** The Electron executable if it has been downloaded; never downloads it. */
  electronBinary(): string | undefined;
}

interface Candidate {
  name: string;
  path: string;
}

/** Where each OS's usual installers put Chrome, Chromium and Edge, most likely first. */
export function usualBrowserPaths(
  place: Pick<LookupPlace, 'platform' | 'env' | 'home'>,
): Candidate[] {
  const { platform, env, home } = place;
  if (platform === 'win32') {
    const join = path.win32.join;
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter(
      (root): root is string => Boolean(root),
    );
    return roots.flatMap((root) => [
      { name: 'Google Chrome', path: join(root, 'Google', 'Chrome', 'Application', 'chrome.exe') },
      { name: 'Chromium', path: join(root, 'Chromium', 'Application', 'chrome.exe') },
      {
        name: 'Microsoft Edge',
        path: join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      },
    ]);
  }
  if (platform === 'darwin') {
    const join = path.posix.join;
    return ['/Applications', join(home, 'Applications')].flatMap((folder) => [
      {
        name: 'Google Chrome',
        path: join(folder, 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome'),
      },
      { name: 'Chromium', path: join(folder, 'Chromium.app', 'Contents', 'MacOS', 'Chromium') },
      {
        name: 'Microsoft Edge',
        path: join(folder, 'Microsoft Edge.app', 'Contents', 'MacOS', 'Microsoft Edge'),
      },
    ]);
  }
  // Debian's chromium package puts the real binary in /usr/lib; /usr/bin has a shell wrapper.
  // Snap builds come last: their private /tmp hides the profile folders the tests read.
  return [
    { name: 'Chromium', path: '/usr/lib/chromium/chromium' },
    { name: 'Chromium', path: '/usr/bin/chromium' },
    { name: 'Google Chrome', path: '/usr/bin/google-chrome-stable' },
    { name: 'Google Chrome', path: '/usr/bin/google-chrome' },
    { name: 'Google Chrome', path: '/opt/google/chrome/chrome' },
    { name: 'Microsoft Edge', path: '/usr/bin/microsoft-edge' },
    { name: 'Microsoft Edge', path: '/opt/microsoft/msedge/msedge' },
    { name: 'Chromium', path: '/usr/bin/chromium-browser' },
    { name: 'Chromium', path: '/snap/bin/chromium' },
  ];
}

/** What to install, said for the OS at hand. */
export function missingBrowserAdvice(platform: NodeJS.Platform): string {
  const install =
    platform === 'win32'
      ? 'Install Google Chrome, or Microsoft Edge (it comes with Windows 10 and 11)'
      : platform === 'darwin'
        ? 'Install Google Chrome, Chromium or Microsoft Edge into /Applications'
        : 'Install Chromium (Debian: sudo apt-get install chromium; Ubuntu: sudo snap install ' +
          'chromium; Fedora: sudo dnf install chromium) or Google Chrome';
  return (
    'The end-to-end tests need a Chromium-based browser, and none was found. ' +
    `${install}, or run npm start once so that Electron is downloaded, ` +
    'or set CHROMIUM_PATH to a Chrome, Chromium or Edge executable.'
  );
}

/**
 * CHROMIUM_PATH if it is set (and then only it), else the first usual path that exists, else
 * the Electron binary, else an error that says what to install.
 */
export function findBrowser(place: LookupPlace): FoundBrowser {
  const chosen = place.env['CHROMIUM_PATH'];
  if (chosen) {
    if (place.isExecutable(chosen))
      return { kind: 'chromium', name: 'CHROMIUM_PATH', path: chosen };
    const inApp =
      place.platform === 'darwin' ? ' (on a Mac, the file inside the .app, in Contents/MacOS)' : '';
    throw new Error(
      `CHROMIUM_PATH is set to ${chosen}, but that is not a program this user can run. ` +
        `Point it at the browser's executable file${inApp}.`,
    );
  }
  const installed = usualBrowserPaths(place).find((candidate) =>
    place.isExecutable(candidate.path),
  );
  if (installed) return { kind: 'chromium', ...installed };
  const electron = place.electronBinary();
  if (electron) return { kind: 'electron', name: 'Electron', path: electron };
  throw new Error(missingBrowserAdvice(place.platform));
}
