import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SRC = path.join(ROOT, 'src');

/**
 * The project's ESLint, as `npm run lint` runs it, except for the rules that need the file to
 * exist in a TypeScript project: a probe is linted from memory, as if it were `file`.
 */
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
});

/** The rule messages ESLint gives for `source`, linted as if it were the app file `file`. */
async function lintMessages(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, {
    filePath: path.join(SRC, file),
  });
  return (result?.messages ?? []).map((message) => message.message);
}

// ESLint (eslint.config.js) holds these rules; this proves each one is really switched on for
// the app's code, so a config change cannot quietly drop one.
describe('what the app never does, as ESLint enforces it', () => {
  it.each([
    [
      'opens anything outside the app',
      `import { shell } from 'electron';\nvoid shell.openExternal('x');\n`,
    ],
    [
      'starts the crash reporter',
      `import { crashReporter } from 'electron';\ncrashReporter.start({ submitURL: '' });\n`,
    ],
    [
      'checks for updates or reports telemetry',
      `import { autoUpdater } from 'electron';\nautoUpdater.checkForUpdates();\n`,
    ],
    [
      'adds to the OS list of recent documents',
      `import { app } from 'electron';\napp.addRecentDocument('x');\n`,
    ],
    ['shows OS notifications', `export const shown = new Notification('x');\n`],
    ['names a remote address', `export const page = 'https://example.com/';\n`],
    ['names a remote address', `export const page = \`see http://example.org\`;\n`],
    ['embeds a webview', `export const options = { webviewTag: true };\n`],
  ])('refuses code that %s', async (what, source) => {
    const messages = await lintMessages('main/forbidden-probe.ts', source);
    expect(messages.some((message) => message.startsWith(`Stillwater never ${what}`))).toBe(true);
  });

  it('refuses a remote address or a webview in a Svelte page, and an address in a comment', async () => {
    const page = `<a href="https://example.com">x</a>\n<!-- http://example.net -->\n<webview></webview>\n`;
    const messages = await lintMessages('renderer/src/ForbiddenProbe.svelte', page);
    expect(messages.filter((message) => message.includes('remote address'))).toHaveLength(2);
    expect(messages.some((message) => message.includes('webview'))).toBe(true);
    const comment = `// see https://example.com\nexport const seen = 1;\n`;
    expect(await lintMessages('main/forbidden-probe.ts', comment)).toEqual([
      expect.stringContaining('https://'),
    ]);
  });

  it('lets the app name this computer, where the development server runs', async () => {
    expect(
      await lintMessages(
        'main/forbidden-probe.ts',
        `export const dev = 'http://127.0.0.1:5173';\n`,
      ),
    ).toEqual([]);
  });
});

function filesEslintDoesNotRead(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesEslintDoesNotRead(full);
    return /\.(html|css|json)$/.test(entry.name) ? [full] : [];
  });
}

describe('the page, its styles and its data', () => {
  it('name no remote address', () => {
    const remote = /\bhttps?:\/\/(?!127\.0\.0\.1|localhost)/;
    const naming = filesEslintDoesNotRead(SRC).filter((file) =>
      remote.test(readFileSync(file, 'utf8')),
    );
    expect(naming.map((file) => path.relative(SRC, file))).toEqual([]);
  });
});
