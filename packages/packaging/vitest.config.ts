import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Packing five packages and installing them (with Prism's dependencies) takes a while, and
    // longer when the other suites run next to it on two cores.
    hookTimeout: 600_000,
  },
});
