import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import Icons from 'unplugin-icons/vite';
import { defineConfig } from 'vitest/config';

const svelteConfig = resolve(import.meta.dirname, 'svelte.config.js');

/**
 * The deadline for one main or renderer test: Argon2id, child processes and the whole guide
 * rendered in jsdom take a few seconds, and several times that on a two-core machine that is
 * busy with something else (README, "Tests"). Vitest's 5 s default is too short there. No
 * test waits for it: each waits for the event it checks, so a passing test is no slower.
 */
const UNIT_TEST_TIMEOUT_MS = 30_000;

/** Svelte's entry points that compiled components, bits-ui and the tests import. */
const SVELTE_ENTRIES = [
  'svelte',
  'svelte/internal/client',
  'svelte/internal/disclose-version',
  'svelte/internal/flags/legacy',
  'svelte/internal/flags/async',
  'svelte/reactivity',
  'svelte/events',
  'svelte/attachments',
  'svelte/store',
  'svelte/transition',
  'svelte/easing',
  'svelte/animate',
  'svelte/motion',
];

/** A test that checks nothing cannot fail, so every test must make at least one assertion. */
const EVERY_TEST_ASSERTS = { requireAssertions: true };

/**
 * One run, six layers (see README, "Tests"): main and shared code under Node, Svelte
 * components under jsdom, the built renderer in real Chromium, `npm start` itself against a
 * stand-in Electron release, the app packed by electron-builder around a stand-in Electron,
 * and the real Electron app where its binary exists.
 */
export default defineConfig({
  test: {
    // The JSON report lets .ci/run print one plain closing line of counts.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'main',
          expect: EVERY_TEST_ASSERTS,
          environment: 'node',
          include: [
            'src/main/**/*.test.ts',
            'src/shared/**/*.test.ts',
            'scripts/**/*.test.ts',
            'test/support/**/*.test.ts',
          ],
          testTimeout: UNIT_TEST_TIMEOUT_MS,
        },
      },
      {
        plugins: [
          svelte({ configFile: svelteConfig }),
          svelteTesting(),
          Icons({ compiler: 'svelte' }),
        ],
        test: {
          name: 'renderer',
          expect: EVERY_TEST_ASSERTS,
          environment: 'jsdom',
          include: ['src/renderer/**/*.test.ts'],
          setupFiles: ['test/support/renderer-setup.ts'],
          testTimeout: UNIT_TEST_TIMEOUT_MS,
          // bits-ui is hundreds of small Svelte files: compiled one by one, importing it takes
          // half a minute on a busy machine. Bundled once, as Vite does for the app, it is quick;
          // Svelte is bundled with it, so that the components and bits-ui share one runtime.
          deps: {
            optimizer: {
              client: {
                enabled: true,
                include: ['bits-ui', '@internationalized/date', ...SVELTE_ENTRIES],
              },
            },
          },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // expect.poll watches the page itself (its look, its scroll position after a
          // reload); 1 s, the default, is less than a busy two-core machine can take to get there.
          expect: { ...EVERY_TEST_ASSERTS, poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'front-door',
          expect: EVERY_TEST_ASSERTS,
          environment: 'node',
          include: ['test/front-door/**/*.test.ts'],
          // Each run of `npm start` builds the app in a scratch project.
          testTimeout: 240_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'packaging',
          expect: EVERY_TEST_ASSERTS,
          environment: 'node',
          include: ['test/packaging/**/*.test.ts'],
          testTimeout: UNIT_TEST_TIMEOUT_MS,
          // One electron-builder run packs the built app for a whole file: seconds here,
          // several times that on a busy two-core machine.
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'electron',
          expect: EVERY_TEST_ASSERTS,
          environment: 'node',
          include: ['test/electron/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
