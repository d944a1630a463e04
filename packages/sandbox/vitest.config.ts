import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // The admin token of every sandbox the tests start, in process or as a CLI child.
    env: { SANDBOX_ADMIN_TOKEN: 'test-admin-token-not-a-secret' },
  },
});
