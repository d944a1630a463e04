import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Packing five packages and installing them (with Prism's dependencies) takes a while.
    hookTimeout: 300_000,
  },
});
