import { defineConfig } from 'vitest/config';

// Two projects: core, shared and shells run under plain Node; renderer units
// (paste cleaning, editor helpers) run in a DOM emulation.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
