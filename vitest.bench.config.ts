import { defineConfig } from 'vitest/config';

/** `npm run bench`: measurements, printed as tables. Separate from `npm test` on purpose. */
export default defineConfig({
  test: {
    name: 'bench',
    environment: 'node',
    include: ['bench/**/*.run.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
