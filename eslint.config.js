import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The layering of the README's "Layout": what each folder may not import. Type-only imports
 * are allowed, since they vanish from the build. A file matched by two layers gets only the
 * last, so each layer lists everything its folder must avoid.
 */
const layer = (files, group, message, ignores = []) => ({
  files,
  ignores,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: [{ group, message, allowTypeImports: true }] },
    ],
  },
});

/** One `no-restricted-syntax` entry per selector, each with the same plain reason. */
const never = (what, ...selectors) =>
  selectors.map((selector) => ({ selector, message: `Stillwater never ${what}.` }));

/** http(s) anywhere but this computer; `\x2f` is a slash, which esquery's regex cannot hold. */
const REMOTE_ADDRESS = String.raw`/https?:\x2f\x2f(?!127\.0\.0\.1|localhost)/`;

export default ts.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.strict,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['src/renderer/**/*'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Type-aware rules: a promise nobody awaits, or one handed where nothing will wait for
    // it (a click handler), drops its failure on the floor.
    files: ['**/*.ts', '**/*.svelte'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': 'error',
    },
  },
  {
    // What the app never does (docs/SECURITY.md). Tests may name these things to prove they
    // are refused, so only the app's own code is held to it.
    files: ['src/**/*.{ts,js,svelte}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...never('opens anything outside the app', 'Identifier[name=/^(openExternal|openPath)$/]'),
        ...never(
          'starts the crash reporter, which could write or send dumps',
          'Identifier[name="crashReporter"]',
        ),
        ...never(
          'checks for updates or reports telemetry',
          'Identifier[name=/autoUpdater|telemetry|analytics/i]',
          'ImportDeclaration[source.value=/update|telemetry|analytics|sentry/i]',
        ),
        ...never('adds to the OS list of recent documents', 'Identifier[name="addRecentDocument"]'),
        ...never(
          'shows OS notifications',
          'NewExpression[callee.name="Notification"]',
          'MemberExpression[object.name="Notification"][property.name="requestPermission"]',
        ),
        ...never(
          'names a remote address',
          `Literal[value=${REMOTE_ADDRESS}]`,
          `TemplateElement[value.raw=${REMOTE_ADDRESS}]`,
          `SvelteLiteral[value=${REMOTE_ADDRESS}]`,
          `SvelteText[value=${REMOTE_ADDRESS}]`,
          `SvelteHTMLComment[value=${REMOTE_ADDRESS}]`,
        ),
        ...never(
          'embeds a webview',
          'SvelteElement[name.name="webview"]',
          'Property[key.name="webviewTag"][value.value=true]',
        ),
      ],
      // A script comment is not syntax; this catches an address written in one.
      'no-warning-comments': ['error', { terms: ['http://', 'https://'], location: 'anywhere' }],
    },
  },
  layer(
    ['src/shared/**/*'],
    [
      'electron',
      'electron/*',
      'node:*',
      'svelte',
      'svelte/*',
      '**/main/**',
      '**/renderer/**',
      '**/preload/**',
    ],
    'src/shared is the contract: it imports no runtime (no electron, node: or DOM code).',
  ),
  layer(
    ['src/renderer/**/*'],
    ['electron', 'electron/*', 'node:*', '**/main/**', '**/preload/**', 'zod', 'zod/*'],
    'The renderer reaches main only through window.stillwater, and ships no validator.',
  ),
  layer(
    ['src/preload/**/*'],
    ['node:*', '**/main/**', '**/renderer/**'],
    'The preload only bridges the contract.',
  ),
  layer(
    ['src/main/**/*.ts'],
    ['electron', 'electron/*', 'electron-store', '**/renderer/**', '**/preload/**'],
    'Only src/main/index.ts touches Electron and electron-store; services take their objects through interfaces.',
  ),
  layer(
    ['src/main/{notebook,reading,settings,storage}/**/*.ts'],
    [
      'electron',
      'electron/*',
      '**/renderer/**',
      '**/preload/**',
      '../ipc/*',
      '../privacy/*',
      '../services',
      '../index',
    ],
    "The services keep the user's data; they know nothing of IPC, the privacy shield or how the app is wired.",
    ['**/*.test.ts'],
  ),
  layer(
    ['src/main/vault/**/*.ts'],
    [
      'electron',
      'electron/*',
      '**/renderer/**',
      '**/preload/**',
      ...['ipc', 'notebook', 'privacy', 'reading', 'security', 'settings', 'storage', 'window'].map(
        (folder) => `../${folder}/*`,
      ),
      '../index',
      '../menu',
      '../services',
    ],
    'The vault is the bottom of main: it imports nothing from the services that stand on it.',
    // A leak test follows the user's words through the whole app, so it opens all of it.
    ['**/*.test.ts'],
  ),
  layer(
    ['src/main/index.ts'],
    ['**/renderer/**', '**/preload/**'],
    'Main never imports the renderer or the preload.',
  ),
);
