/**
 * How `npm run dist` turns the built app (`out/`) into installers: AppImage and deb on Linux,
 * an NSIS installer on Windows, a dmg on macOS.
 *
 * TypeScript rather than YAML so that `npm run typecheck` checks every key against
 * electron-builder's own `Configuration` type, the reasons can sit beside the settings, and
 * the packaging tests import the very object the build uses (electron-builder loads this
 * file itself, through jiti). `npm run dist` names it with `--config`, since electron-builder
 * only looks for `electron-builder.*` on its own.
 */
import type { Configuration } from 'electron-builder';

/**
 * The Debian package must name a homepage (electron-builder refuses to build a deb without
 * one), and Stillwater has no web page and names no remote address. So it names the folder
 * the deb installs into, which is on the person's own computer.
 */
const INSTALLED_FOLDER_URL = 'file:///opt/Stillwater/';

const config: Configuration = {
  // Neutral on purpose: the id shows in package managers, the registry and file paths.
  appId: 'app.stillwater',
  productName: 'Stillwater',
  copyright: 'Stillwater',
  directories: { output: 'dist' },
  // No update feed: Stillwater asks no server for anything, and a clone's remote must not
  // end up in the app as one.
  publish: null,
  extraMetadata: { homepage: INSTALLED_FOLDER_URL },

  // What goes into app.asar: the built app and the icon the window shows. package.json and
  // the node_modules of `dependencies` (what the built main process imports) are added by
  // electron-builder itself; everything the renderer uses is bundled into out/renderer by
  // Vite, so those packages are devDependencies and never shipped. resources/guide is not
  // listed: the guide is bundled into the renderer too.
  files: [
    'out/**',
    // src/main opens `../../resources/icon.png` from out/main, which inside the asar is
    // this file; Electron reads it from the archive like any other.
    'resources/icon.png',
    // Source maps and TypeScript sources that some packages ship are for their authors'
    // debuggers: the app never loads them, so they only add weight. The build makes none.
    '!**/*.map',
    '!**/node_modules/**/*.{ts,mts,cts}',
    '!**/node_modules/**/{CHANGELOG,CHANGES,HISTORY}*',
  ],
  asar: true,
  // A native module cannot be loaded from inside an archive: the Argon2id key derivation
  // (@node-rs/argon2, through its per-platform package) must sit beside it, unpacked.
  asarUnpack: ['**/node_modules/@node-rs/argon2-*/**/*.node'],
  // @node-rs/argon2 ships prebuilt Node-API binaries, which load in Electron as they are;
  // nothing needs compiling, and a rebuild would fetch Electron's headers for nothing.
  npmRebuild: false,

  // Electron's fuses (docs/SECURITY.md, item 19), flipped in the packaged binary before it is
  // signed. test/electron/packaged-fuses.test.ts reads them back from the real binary packed,
  // test/packaging/packed-app.test.ts from a stand-in, offline.
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the app into a plain Node that runs any script.
    runAsNode: false,
    // NODE_OPTIONS and NODE_EXTRA_CA_CERTS could preload code or trust another CA.
    enableNodeOptionsEnvironmentVariable: false,
    // --inspect and SIGUSR1 would open a debugger on the main process, and the vault's key.
    enableNodeCliInspectArguments: false,
    // Only app.asar is loaded, never a loose `app` folder put beside it...
    onlyLoadAppFromAsar: true,
    // ...and app.asar is checked against the hash recorded at packaging (macOS and Windows).
    enableEmbeddedAsarIntegrityValidation: true,
    // The session is in memory, so there are no cookies on disk; should that change, they
    // are encrypted with the OS's keys.
    enableCookieEncryption: true,
    // The app loads from app://, never file://, so file:// needs no extra privileges.
    grantFileProtocolExtraPrivileges: false,
    // loadBrowserProcessSpecificV8Snapshot is left as Electron ships it (off): there is
    // no custom snapshot.
    //
    // Flipping a fuse breaks the signature Electron's macOS binary comes with, and Apple
    // silicon refuses to start an app whose signature is broken. Without a Developer ID to
    // sign with, electron-builder signs nothing, so the app is signed again ad hoc right
    // after the flip; with one, electron-builder's own signing follows and replaces it.
    resetAdHocDarwinSignature: true,
  },

  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'stillwater',
    // The menu entry says nothing of what the guide is about, as the app's own title does
    // not. electron-builder writes the entry itself: Name from productName, Comment from
    // this description, Categories from `category`, the rest from `desktop.entry`.
    // test/packaging/packed-app.test.ts checks what it writes with desktop-file-validate.
    description: 'A calm, private, offline notebook',
    synopsis: 'A private notebook',
    // One main category, so menus list Stillwater once.
    category: 'Office',
    desktop: {
      entry: { GenericName: 'Notes', Keywords: 'notes;notebook;journal;private;offline;' },
    },
    // One PNG per size, 16 to 512, named `<size>x<size>.png`.
    icon: 'resources/icons',
    maintainer: 'Stillwater',
    // The window's WM_CLASS and Wayland app id come from package.json's desktopName; the
    // menu entry is named after it too, so the desktop groups the window under the entry.
    syncDesktopName: true,
  },
  appImage: {
    // electron-builder's AppImage menu entry starts the app with --no-sandbox unless told
    // otherwise, turning Chromium's sandbox off for every process. None here: the AppImage's
    // own launcher still falls back to it where the system allows no user namespaces.
    executableArgs: [],
  },
  deb: {
    packageCategory: 'utils',
  },

  win: {
    target: 'nsis',
    // Every size drawn at its own size (npm run make-icon), rather than one PNG scaled down.
    icon: 'resources/icon.ico',
  },
  nsis: {
    // A plain installer that asks where to install, with Start menu and desktop shortcuts.
    oneClick: false,
    allowToChangeInstallationDirectory: true,
    createStartMenuShortcut: true,
    createDesktopShortcut: true,
    shortcutName: 'Stillwater',
  },

  mac: {
    target: 'dmg',
    category: 'public.app-category.productivity',
    icon: 'resources/icons/512x512.png',
  },
};

export default config;
