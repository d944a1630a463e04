import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.js'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    env: { SANDBOX_ADMIN_TOKEN: 'test-admin-token-not-a-secret' },
  },
});
