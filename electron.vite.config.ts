import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import Icons from 'unplugin-icons/vite';
import type { Plugin } from 'vite';

/**
 * The SIL Open Font Licence asks that its text travel with every copy of the fonts, so the
 * built renderer carries it beside the font files (styles/fonts.css).
 */
function fontLicences(): Plugin {
  const families = ['literata', 'inter'];
  return {
    name: 'stillwater-font-licences',
    apply: 'build',
    generateBundle() {
      for (const family of families) {
        this.emitFile({
          type: 'asset',
          fileName: `assets/${family}-OFL.txt`,
          source: readFileSync(
            resolve(import.meta.dirname, `node_modules/@fontsource-variable/${family}/LICENSE`),
          ),
        });
      }
    },
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot load other files, so everything is bundled into one.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [
      svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') }),
      // Lucide's icons, made into plain Svelte markup as the app is built: no icon code runs.
      Icons({ compiler: 'svelte' }),
      fontLicences(),
    ],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
  },
});
