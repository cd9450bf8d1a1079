import { defineConfig } from 'vitest/config';

// Browser tests against a running ValueLoop (started by scripts/run-e2e.js, which sets
// E2E_BASE_URL). One file at a time: they share one server and its login rate limit.
export default defineConfig({
  test: {
    name: 'e2e',
    root: import.meta.dirname,
    include: ['tests/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
