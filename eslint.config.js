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
const layer = (files, group, message) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: [{ group, message, allowTypeImports: true }] },
    ],
  },
});

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
    ['electron', 'electron/*', '**/renderer/**', '**/preload/**'],
    'Only src/main/index.ts touches Electron; services take its objects through interfaces.',
  ),
  layer(
    ['src/main/index.ts'],
    ['**/renderer/**', '**/preload/**'],
    'Main never imports the renderer or the preload.',
  ),
);
